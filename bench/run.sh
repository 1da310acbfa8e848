#!/usr/bin/env bash
# Benchmark: builds the AOT binary (out/bin/dcnum), then runs bench/bench.py with h5py able to
# read and write zstd (../shared/tools/h5-interop.sh). Prints one Markdown table.
#   bash bench/run.sh            # bench_2000 + bench_20000 (made on first use), 3 repeats
#   bash bench/run.sh --quick    # bench_2000 only, one repeat
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x out/bin/dcnum ] || [ -n "$(find src -newer out/bin/dcnum -name '*.cs' -print -quit)" ]; then
  dotnet publish src/Dcnum.App -c Release -o out/bin 2>&1 | grep -E "error|->" || true
fi
shared=../shared; [ -d "$shared" ] || shared=../../shared # a worktree under /work/wt
exec bash "$shared/tools/h5-interop.sh" python3 bench/bench.py "$@"
