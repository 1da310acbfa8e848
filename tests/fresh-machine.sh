#!/usr/bin/env bash
# The README's two commands on a fresh machine (issue 16): this machine's root file system under an
# overlay whose writes go to a tmpfs and vanish, in which dpkg removes what a fresh machine of the
# project's kind lacks (libzstd-dev, h5py, hdf5-tools, libhdf5-dev, qemu-user-static). In a copy of
# the checkout (tracked and new files; no bin/, obj/, out/) with shared/ beside it, it runs
#   1. dotnet publish src/Dcnum.App -c Release -o out/bin && out/bin/dcnum demo out/demo
#      (no libzstd.a: the managed Zstandard codec), then tools/check-binary.sh on that binary (two
#      goldens through the managed codec),
#   2. bash tests/run.sh (installs the Debian packages its tests use, so they are real installs here).
# Nothing reaches the real file system. Needs root (mount namespaces). Ends with
# "fresh-machine: N passed, N failed" (README steps + tests/run.sh's counts).
set -uo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
shared=$(bash tools/find-shared.sh) || exit 1
if [ "${1:-}" != --inside ]; then
  [ "$(id -u)" = 0 ] || { echo "fresh-machine: needs root (mount namespaces)"; echo "fresh-machine: 0 passed, 1 failed"; exit 1; }
  # A new mount and PID namespace: the mounts vanish with it, and so does every process the run leaves (build servers).
  base=$(mktemp -d /tmp/dcnum-fresh-XXXXXX)
  unshare --mount --pid --fork --propagation private bash "$0" --inside "$base"
  rc=$?
  rmdir "$base"
  exit "$rc"
fi

base=$2
mount -t tmpfs -o size=16g tmpfs "$base"
mkdir -p "$base/upper" "$base/work" "$base/root"
mount -t overlay overlay -o "lowerdir=/,upperdir=$base/upper,workdir=$base/work" "$base/root"
root=$base/root
mount -t proc proc "$root/proc"
mount --rbind /dev "$root/dev"
mount --rbind /sys "$root/sys"
[ -d /work ] && findmnt -n /work >/dev/null && mount --rbind /work "$root/work"  # only if /work is its own mount

# The copy: tracked and new files of the checkout as they are now, shared/ beside it (read-only).
copy=/tmp/fresh/dcnum-native
mkdir -p "$root$copy" "$root/tmp/fresh/shared"
git -C "$repo" ls-files -z -co --exclude-standard | (cd "$repo" && tar --null -T - -cf -) | tar -xf - -C "$root$copy"
mount --bind "$shared" "$root/tmp/fresh/shared" && mount -o remount,bind,ro "$root/tmp/fresh/shared"

cat > "$root/tmp/fresh/run.sh" <<'INNER'
set -uo pipefail
export HOME=/root DEBIAN_FRONTEND=noninteractive PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
cd /tmp/fresh/dcnum-native
passed=0 failed=0
step() { if "${@:2}"; then passed=$((passed + 1)); echo "ok   $1"; else failed=$((failed + 1)); echo "FAIL $1"; fi; }
echo "== removing what a fresh machine lacks (apt-get purge, inside the overlay)"
pkgs=(libzstd-dev:amd64 libzstd-dev:arm64 python3-h5py python3-h5py-serial hdf5-tools libhdf5-dev qemu-user-static)
present=(); for p in "${pkgs[@]}"; do dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" && present+=("$p"); done
[ ${#present[@]} -eq 0 ] || apt-get purge -y -qq "${present[@]}" 2>&1 | grep -E "^(Purging|Removing|E:)" | tr '\n' ' '; echo
rm -rf /tmp/h5zstd-plugin
gone() {
  local left=()
  for f in /usr/lib/x86_64-linux-gnu/libzstd.a /usr/include/zstd.h /usr/include/hdf5/serial/hdf5.h; do [ -e "$f" ] && left+=("$f"); done
  /usr/bin/python3 -c "import h5py" 2>/dev/null && left+=(h5py)
  for c in h5dump qemu-x86_64-static; do command -v "$c" >/dev/null && left+=("$c"); done
  [ ${#left[@]} -eq 0 ] || { echo "still there: ${left[*]}"; return 1; }
}
step "libzstd-dev, h5py, hdf5-tools, qemu-user-static are gone" gone
echo "== README command 1"
readme1() { dotnet publish src/Dcnum.App -c Release -o out/bin 2>&1 | grep -E "error|dcnum:|->" ; [ -x out/bin/dcnum ] && out/bin/dcnum demo out/demo; }
step "README: dotnet publish … && out/bin/dcnum demo out/demo" readme1
managed() { out/bin/dcnum --version | tee /dev/stderr | grep -q "zstd: ZstdSharp.Port"; }
step "the binary has the managed Zstandard codec" managed
step "tools/check-binary.sh (two goldens, managed zstd)" bash tools/check-binary.sh out/bin/dcnum
echo "== README command 2"
bash tests/run.sh 2>&1 | tee /tmp/fresh/tests.log | grep -vE "^(passed|skipped) " | grep -E "^==|installing|missing|warning|^tests:|^failed |^  (total|failed|succeeded):"
rc=${PIPESTATUS[0]}
read -r p f < <(sed -n 's/^tests: \([0-9]*\) passed, \([0-9]*\) failed.*/\1 \2/p' /tmp/fresh/tests.log | tail -1)
# The reading, writing and job tests once more on a JIT build with the managed codec (README
# command 2 linked libzstd, since tests/run.sh installed libzstd-dev).
managed_tests() {
  local log=/tmp/fresh/managed.log
  DCNUM_BIN=$PWD/out/bin/dcnum TUNIT_DISABLE_HTML_REPORTER=true dotnet test --project tests/Dcnum.Tests -c Release -p:DcnumZstd=managed --no-progress \
    -- --treenode-filter "/*/Dcnum.Tests.Read*|Dcnum.Tests.Write*|Dcnum.Tests.Job*/*/*" > "$log" 2>&1
  local code=$?
  grep -E "^failed |^  (total|failed|succeeded):" "$log"
  grep -q "^  succeeded: [1-9]" "$log" && [ "$code" -eq 0 ]
}
step "Read/Write/Job tests with -p:DcnumZstd=managed" managed_tests
installed() { dpkg-query -W -f='${Status}' python3-h5py 2>/dev/null | grep -q "ok installed" && [ -e /usr/lib/x86_64-linux-gnu/libzstd.a ]; }
step "tests/run.sh installed h5py and libzstd-dev itself" installed
[ "$rc" -eq 0 ] && [ -n "${p:-}" ] || failed=$((failed + 1))
echo "fresh-machine: $((passed + ${p:-0})) passed, $((failed + ${f:-0})) failed"
[ "$failed" -eq 0 ] && [ "${f:-1}" -eq 0 ]
INNER
chroot "$root" bash /tmp/fresh/run.sh
