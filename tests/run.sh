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
echo "== dotnet test"
dotnet test -c Release --no-progress "$@" 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}
read -r p f s < <(awk '/^  succeeded:/{p+=$2} /^  failed:/{f+=$2} /^  skipped:/{s+=$2} END{print p+0,f+0,s+0}' "$log")
rm -f "$log"
echo "tests: $p passed, $f failed, $s skipped"
exit "$rc"
