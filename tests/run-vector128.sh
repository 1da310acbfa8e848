#!/usr/bin/env bash
# The kernel tests again with Vector256/Vector512 switched off in the JIT (DOTNET_EnableAVX2=0): the
# Vector128 paths, which the baseline x64 build (-p:DcnumIsa=baseline) and the linux-arm64 build
# (AdvSimd) run, while tests/run.sh covers the Vector256 paths of the default x86-64-v3 build (the JIT
# uses this machine's AVX2, and the end-to-end tests drive the v3 binary). Runs the segmentation,
# label, feature, background and reading tests and every golden configuration of `process`.
# Needs the test project built (tests/run.sh does). Ends with "vector128: N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
export DOTNET_EnableAVX2=0 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 TUNIT_DISABLE_HTML_REPORTER=true TUNIT_DISABLE_LOGO=true
# Tests in these namespaces that drive the published binary (e.g. the model search) use tests/run.sh's.
[ -x out/bin/dcnum ] && export DCNUM_BIN=$PWD/out/bin/dcnum
log=$(mktemp)
# The switch must take: the JIT's Avx2.IsSupported is what --version reports.
app=src/Dcnum.App/bin/Release/net10.0/linux-x64/dcnum.dll
if ! dotnet "$app" --version | grep -q "x86-64 baseline"; then
  echo "vector128: DOTNET_EnableAVX2=0 did not switch AVX2 off ($app --version: $(dotnet "$app" --version))"
  echo "vector128: 0 passed, 1 failed"; exit 1
fi
for filter in "/*/Dcnum.Tests.Segmentation*|Dcnum.Tests.Labels*|Dcnum.Tests.Features*|Dcnum.Tests.Background*|Dcnum.Tests.Read*/*/*" \
              "/*/*/ProcessGoldenTest/*"; do
  dotnet test --project tests/Dcnum.Tests -c Release --no-build --no-progress -- --treenode-filter "$filter" 2>&1 |
    tee -a "$log" | grep -E "^failed |^  (total|failed|succeeded):"
done
read -r p f < <(awk '/^  succeeded:/{p+=$2} /^  failed:/{f+=$2} END{print p+0,f+0}' "$log")
grep -q "Zero tests ran" "$log" && f=$((f + 1))
rm -f "$log"
echo "vector128: $p passed, $f failed"
[ "$f" -eq 0 ] && [ "$p" -gt 0 ]
