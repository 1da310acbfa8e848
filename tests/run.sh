#!/usr/bin/env bash
# Runs every test: publishes the Native AOT binary (the product the end-to-end tests drive),
# then the TUnit suite, and ends with one line "tests: N passed, N failed, N skipped".
# Usage: bash tests/run.sh [extra dotnet test arguments]
set -uo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export TUNIT_DISABLE_HTML_REPORTER=true TUNIT_DISABLE_LOGO=true
# h5py + the zstd filter plugin for the interop tests (installs Debian packages on first use).
if [ -f ../shared/tools/h5-interop.sh ]; then
  bash ../shared/tools/h5-interop.sh true || echo "warning: h5py interop tools could not be set up" >&2
fi
log=$(mktemp)
echo "== publish the AOT binary to out/bin"
if ! dotnet publish src/Dcnum.App -c Release -o out/bin 2>&1 | grep -vE "statically linked applications requires at runtime|^\s*/usr/bin/ld.bfd: .*in function" ; then :; fi
if [ ! -x out/bin/dcnum ]; then
  echo "publish failed: out/bin/dcnum missing"
  echo "tests: 0 passed, 1 failed, 0 skipped"
  exit 1
fi
export DCNUM_BIN=$PWD/out/bin/dcnum
# A real one-node Slurm for the batch tests (EndToEnd/SlurmBatchTest.cs), stopped on exit, also on failure.
# Slurm's default MaxArraySize (1001), so a 10 000-task plan splits; a port of our own beside other clusters.
slurm_tools=""
for d in "${DCNUM_SHARED:-}" ../shared ../../shared ../../../shared; do  # ../shared as the tests find it
  [ -n "$d" ] && [ -f "$d/tools/slurm/start-local-slurm.sh" ] && { slurm_tools=$(cd "$d/tools/slurm" && pwd); break; }
done
if [ -z "${SLURM_CONF:-}" ] && [ -n "$slurm_tools" ]; then
  slurm_dir=/tmp/dcnum-slurm.$$
  echo "== start a local Slurm in $slurm_dir"
  if slurm_env=$(LOCAL_SLURM_FRESH=1 LOCAL_SLURM_MAX_ARRAY=1001 LOCAL_SLURM_PORT=$((7000 + $$ % 400 * 2)) \
      bash "$slurm_tools/start-local-slurm.sh" "$slurm_dir"); then
    eval "$slurm_env"
    trap 'bash "$slurm_tools/stop-local-slurm.sh" "$slurm_dir" >/dev/null 2>&1; rm -rf "$slurm_dir"' EXIT
  else
    echo "warning: the local Slurm did not start: the batch tests will fail" >&2
  fi
fi
echo "== dotnet test"
dotnet test -c Release --no-progress "$@" 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}
read -r p f s < <(awk '/^  succeeded:/{p+=$2} /^  failed:/{f+=$2} /^  skipped:/{s+=$2} END{print p+0,f+0,s+0}' "$log")
rm -f "$log"
echo "tests: $p passed, $f failed, $s skipped"
exit "$rc"
