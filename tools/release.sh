#!/usr/bin/env bash
# Builds the release: fully static dcnum binaries for linux-x64 (x86-64-v3) and linux-arm64 (cross-
# compiled here on x64), both with libzstd linked in, checks them (`file`: statically linked; the
# x64 one natively, the arm64 one under qemu-aarch64-static: --version, demo, two goldens, see
# tools/check-binary.sh) and packs dist/dcnum-<version>-linux-{x64,arm64}.tar.gz with the
# licences of what is linked in, plus dist/SHA256SUMS. Installs the Debian packages it needs (root).
#   bash tools/release.sh            # both
#   bash tools/release.sh linux-arm64
set -euo pipefail
cd "$(dirname "$0")/.."
rids=("${@:-linux-x64}")
[ $# -gt 0 ] || rids=(linux-x64 linux-arm64)
version=$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' src/Dcnum.App/Dcnum.App.csproj)
pkgs=(file libzstd-dev)
for rid in "${rids[@]}"; do
  [ "$rid" = linux-arm64 ] && pkgs+=(clang-14 binutils-aarch64-linux-gnu libc6-dev:arm64 libgcc-12-dev:arm64 qemu-user-static)
done
bash tools/apt-need.sh "${pkgs[@]}"
# libzstd.a for arm64 is unpacked from Debian's libzstd-dev:arm64, not installed: a second installed
# instance of libzstd-dev makes `dpkg -s libzstd-dev` an error ("ambiguous package name"), and
# ../shared/tools/h5-interop.sh checks its packages that way (it would reinstall on every call).
zstd_arm64=$PWD/out/release/libzstd-dev-arm64
if [[ " ${rids[*]} " == *" linux-arm64 "* ]] && [ ! -f "$zstd_arm64/usr/lib/aarch64-linux-gnu/libzstd.a" ]; then
  rm -rf "$zstd_arm64" && mkdir -p "$zstd_arm64"
  (cd "$zstd_arm64" && apt-get download -qq libzstd-dev:arm64 2>/dev/null) || { echo "release: apt-get download libzstd-dev:arm64 failed" >&2; exit 1; }
  dpkg-deb -x "$zstd_arm64"/libzstd-dev_*_arm64.deb "$zstd_arm64"
fi
mkdir -p dist
for rid in "${rids[@]}"; do
  out=out/release/$rid
  echo "== $rid: dotnet publish"
  rm -rf "$out" "src/Dcnum.App/obj/Release/net10.0/$rid/native"   # the native link is incremental (toolchain.md)
  zstd=(); [ "$rid" = linux-arm64 ] && zstd=(-p:LibZstdArchive="$zstd_arm64/usr/lib/aarch64-linux-gnu/libzstd.a")
  dotnet publish src/Dcnum.App -c Release -r "$rid" -p:DcnumZstd=native "${zstd[@]}" -o "$out" 2>&1 |
    grep -vE "statically linked applications requires at runtime|^\s*/usr/bin/.*ld.*: .*in function" | grep -E "error|warn|->" || true
  [ -x "$out/dcnum" ] || { echo "release: $rid: publish failed" >&2; exit 1; }
  file -b "$out/dcnum" | tee /dev/stderr | grep -q "statically linked" || { echo "release: $rid: not statically linked" >&2; exit 1; }
  bash tools/check-binary.sh "$out/dcnum"

  name=dcnum-$version-$rid
  stage=$(mktemp -d)
  mkdir -p "$stage/$name/licenses"
  cp "$out/dcnum" "$stage/$name/"
  arch=${rid#linux-}; triplet=$([ "$arch" = arm64 ] && echo aarch64-linux-gnu || echo x86_64-linux-gnu)
  pack=$(ls -d ~/.nuget/packages/microsoft.netcore.app.runtime.nativeaot.$rid/*/ | sort -V | tail -1)
  lic=$stage/$name/licenses
  cp "$pack/LICENSE.TXT" "$lic/dotnet-runtime.LICENSE.txt"                     # .NET runtime, System.IO.Hashing: MIT
  cp "$pack/THIRD-PARTY-NOTICES.TXT" "$lic/dotnet-runtime.THIRD-PARTY-NOTICES.txt"  # zlib, brotli, … inside the runtime
  { echo "PureHDF $(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' ~/.nuget/packages/purehdf/*/purehdf.nuspec | tail -1)," \
         "copyright $(sed -n 's:.*<copyright>\(.*\)</copyright>.*:\1:p' ~/.nuget/packages/purehdf/*/purehdf.nuspec | tail -1);" \
         "licence: MIT (the package's licence expression; the package has no licence file). The MIT licence:"
    echo; sed -n '/^Permission is hereby granted/,$p' "$pack/LICENSE.TXT"; } > "$lic/PureHDF.LICENSE.txt"
  pkgarch=$([ "$arch" = arm64 ] && echo arm64 || echo amd64)
  zdoc=/usr/share/doc/libzstd-dev; [ "$rid" = linux-arm64 ] && zdoc=$zstd_arm64$zdoc
  cp "$zdoc/copyright" "$lic/zstd.copyright.txt"                               # libzstd.a: BSD-3-Clause (or GPL-2)
  cp "/usr/share/doc/libc6-dev/copyright" "$lic/glibc.copyright.txt"           # libc.a, libm.a: LGPL-2.1+
  cp "/usr/share/doc/gcc-12-base/copyright" "$lic/libgcc.copyright.txt"        # libgcc.a: GPL-3 with the GCC runtime library exception
  chmod 644 "$lic"/*
  run=(); [ "$arch" = arm64 ] && [ "$(uname -m)" != aarch64 ] && run=(qemu-aarch64-static)
  cat > "$stage/$name/README.txt" <<TXT
dcnum-native $version for $rid: one fully static executable (no shared libraries, no .NET runtime).
$("${run[@]}" "$out/dcnum" --version)
Run: ./dcnum --help
Linked in: the .NET $(basename "$pack") Native AOT runtime (MIT), System.IO.Hashing (MIT), PureHDF (MIT),
libzstd (BSD, Debian's libzstd-dev:$pkgarch), glibc (LGPL-2.1+, Debian's libc6-dev:$pkgarch, linked
statically: relink against another glibc by building this project's source), libgcc (GPL-3 with the
GCC runtime library exception). Licence texts: licenses/.
TXT
  tar -C "$stage" --owner=0 --group=0 --numeric-owner -czf "dist/$name.tar.gz" "$name"
  rm -rf "$stage"
  echo "release: dist/$name.tar.gz"
done
(cd dist && sha256sum dcnum-"$version"-linux-*.tar.gz > SHA256SUMS && cat SHA256SUMS)
