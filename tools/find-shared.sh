#!/usr/bin/env bash
# Prints the reference data folder: `shared` beside the checkout or beside a folder above it (as the
# tests find it: CI has ../shared, a worktree under /work/wt has /work/shared).
d=$(cd "$(dirname "$0")/.." && pwd)
while [ "$d" != / ]; do
  [ -d "$d/../shared/golden" ] && { (cd "$d/../shared" && pwd); exit 0; }
  d=$(dirname "$d")
done
echo "shared/ (the reference data) not found beside the checkout or a folder above it" >&2
exit 1
