#!/usr/bin/env bash
# Checks a published dcnum binary: --version, demo, and `dcnum compare`-identical output on two
# goldens (cytoshot-test-data default drain, bench_2000 tap; arguments as in
# tests/Dcnum.Tests/Job/ProcessGoldenTest.cs). A binary for another CPU (linux-arm64) runs under qemu
# user-mode emulation (Debian's qemu-user-static): there every kernel runs on AdvSimd (Vector128)
# instead of SSE/AVX. Ends with "check-binary: N passed, N failed".
#   bash tools/check-binary.sh out/arm64/dcnum       # qemu-aarch64-static (read from the ELF header)
#   bash tools/check-binary.sh out/bin/dcnum         # natively (used for the managed-zstd build)
#   QEMU_CPU=Haswell bash tools/check-binary.sh out/bin/dcnum   # x86-64 under qemu with that CPU
set -uo pipefail
bin=$(readlink -f "${1:?usage: check-binary.sh BINARY}")
cd "$(dirname "$0")/.."
shared=$(bash tools/find-shared.sh) || exit 1
qemu=()
case "$(od -An -tu2 -j18 -N2 "$bin" | tr -d ' ')" in  # ELF e_machine
  183) [ "$(uname -m)" = aarch64 ] || qemu=(qemu-aarch64-static) ;;
  62) [ -z "${QEMU_CPU:-}" ] || qemu=(qemu-x86_64-static) ;;
  *) echo "check-binary: $bin: not an aarch64 or x86-64 ELF executable" >&2; exit 1 ;;
esac
if [ ${#qemu[@]} -gt 0 ]; then bash tools/apt-need.sh qemu-user-static || exit 1; fi
work=$(mktemp -d /tmp/dcnum-qemu-XXXXXX)
trap 'rm -rf "$work"' EXIT
passed=0 failed=0
check() { # name command...: one line per check
  local name=$1; shift
  if out=$("$@" 2>&1); then passed=$((passed + 1)); echo "ok   $name"
  else failed=$((failed + 1)); echo "FAIL $name"; printf '%s\n' "$out" | tail -5 | sed 's/^/     /'; fi
}
run() { "${qemu[@]}" "$bin" "$@"; }
version() { run --version | tee /dev/stderr | grep -q dcnum-native; }
golden() { # input config args...
  local input=$1 config=$2; shift 2
  # A copy, not a link: basin paths resolve links (dcnum's Path.resolve), and the goldens' relative
  # basin path is ../data/<input>.rtdc.
  mkdir -p "$work/$config/golden" "$work/$config/data" && cp "$shared/data/$input.rtdc" "$work/$config/data/"
  local out="$work/$config/golden/${input}__${config}_dcn.rtdc"
  run process "$work/$config/data/$input.rtdc" "$out" "$@" --progress none &&
    run compare "$shared/golden/${input}__${config}_dcn.rtdc" "$out"
}
echo "== ${qemu[*]} ${QEMU_CPU:+(QEMU_CPU=$QEMU_CPU) }$bin"
check "--version" version
check "demo" run demo "$work/demo" --frames 200
check "golden cytoshot-test-data default (drain)" golden cytoshot-test-data default --drain-basins -kb offset_correction=true
check "golden bench_2000 tap" golden bench_2000 tap -kb offset_correction=true
echo "check-binary: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
