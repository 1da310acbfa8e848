#!/usr/bin/env bash
# Installs the Debian packages named (pkg or pkg:arch) that are not installed yet. The build and
# test scripts call it, so a fresh machine gets what they need; as non-root it names what is missing.
#   bash tools/apt-need.sh qemu-user-static libc6-dev:arm64
set -uo pipefail
need=()
for p in "$@"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || need+=("$p")
done
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
  echo "missing Debian packages: ${need[*]} (install them as root: apt-get install ${need[*]})" >&2
  exit 1
fi
for p in "${need[@]}"; do
  case "$p" in *:*) arch=${p#*:}; dpkg --print-foreign-architectures | grep -qx "$arch" || [ "$(dpkg --print-architecture)" = "$arch" ] || dpkg --add-architecture "$arch" ;; esac
done
echo "== installing ${need[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
if ! { apt-get -o DPkg::Lock::Timeout=600 update -qq && apt-get -o DPkg::Lock::Timeout=600 install -y -qq "${need[@]}"; } >/tmp/dcnum-apt.log 2>&1; then
  tail -5 /tmp/dcnum-apt.log >&2
  echo "apt-get install ${need[*]} failed" >&2
  exit 1
fi
