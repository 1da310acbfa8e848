#!/usr/bin/env bash
# Runs a dcnum binary built for another CPU under qemu user-mode emulation (Debian's qemu-user-static)
# and checks it as the tests check the native one: --version, demo, and `dcnum compare`-identical
# output on two goldens (cytoshot-test-data default drain, bench_2000 tap; arguments as in
# tests/Dcnum.Tests/Job/ProcessGoldenTest.cs). For the linux-arm64 binary this runs every kernel on
# AdvSimd (Vector128) instead of SSE/AVX. Ends with "qemu-check: N passed, N failed".
#   bash tools/qemu-check.sh out/arm64/dcnum            # architecture read from the ELF header
#   QEMU_CPU=Nehalem bash tools/qemu-check.sh out/bin/dcnum
set -uo pipefail
bin=$(readlink -f "${1:?usage: qemu-check.sh BINARY}")
cd "$(dirname "$0")/.."
shared=$(bash tools/find-shared.sh) || exit 1
case "$(file -b "$bin")" in
  *aarch64*) qemu=qemu-aarch64-static ;;
  *x86-64*) qemu=qemu-x86_64-static ;;
  *) echo "qemu-check: $bin: not an aarch64 or x86-64 ELF executable" >&2; exit 1 ;;
esac
bash tools/apt-need.sh qemu-user-static || exit 1
work=$(mktemp -d /tmp/dcnum-qemu-XXXXXX)
trap 'rm -rf "$work"' EXIT
passed=0 failed=0
check() { # name command...: one line per check
  local name=$1; shift
  if out=$("$@" 2>&1); then passed=$((passed + 1)); echo "ok   $name"
  else failed=$((failed + 1)); echo "FAIL $name"; printf '%s\n' "$out" | tail -5 | sed 's/^/     /'; fi
}
run() { "$qemu" "$bin" "$@"; }
version() { run --version | tee /dev/stderr | grep -q dcnum-native; }
golden() { # input config args...
  local input=$1 config=$2; shift 2
  mkdir -p "$work/$config/golden" && ln -sfn "$shared/data" "$work/$config/data"
  local out="$work/$config/golden/${input}__${config}_dcn.rtdc"
  run process "$work/$config/data/$input.rtdc" "$out" "$@" --progress none &&
    run compare "$shared/golden/${input}__${config}_dcn.rtdc" "$out"
}
echo "== $qemu ${QEMU_CPU:+-cpu $QEMU_CPU }$bin"
check "--version" version
check "demo" run demo "$work/demo" --frames 200
check "golden cytoshot-test-data default (drain)" golden cytoshot-test-data default --drain-basins -kb offset_correction=true
check "golden bench_2000 tap" golden bench_2000 tap -kb offset_correction=true
echo "qemu-check: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
