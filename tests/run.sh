#!/usr/bin/env bash
# Runs every test: publishes the Native AOT binary (the product the end-to-end tests drive),
# then the TUnit suite, and ends with one line "tests: N passed, N failed, N skipped".
# Usage: bash tests/run.sh [extra dotnet test arguments]
set -uo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export TUNIT_DISABLE_HTML_REPORTER=true TUNIT_DISABLE_LOGO=true
# Debian packages the tests use, installed when missing (as root; otherwise named here, and the
# tests that need them fail naming them): h5py/h5dump and what the zstd filter plugin builds with
# (interop tests, ../shared/tools/h5-interop.sh), qemu-user-static (OldCpuTest). The binary itself
# builds without any of them (managed zstd when libzstd-dev is missing; README).
bash tools/apt-need.sh python3-h5py python3-numpy hdf5-tools libhdf5-dev libzstd-dev gcc qemu-user-static ||
  echo "warning: the h5py interop tests and OldCpuTest will fail without these packages" >&2
if shared=$(bash tools/find-shared.sh); then
  bash "$shared/tools/h5-interop.sh" true >/dev/null || echo "warning: h5py interop tools could not be set up" >&2
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
