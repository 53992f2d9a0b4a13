#!/usr/bin/env bash
# Statement coverage of each package listed below; fails when one is under the minimum ($1, default 90).
set -euo pipefail
min=${1:-90}
pkgs=(. ./piecesostest)
status=0
for p in "${pkgs[@]}"; do
  [ -d "$p" ] || continue
  out=$(mktemp)
  # -coverpkg limits the figure to the package itself; tests anywhere in the module count toward it.
  imp=$(go list "$p")
  # internal/generator is left out: its tests build generated modules in subprocesses, which
  # count toward no figure here and take a minute.
  go test -count=1 -coverpkg="$imp" -coverprofile="$out" $(go list ./... | grep -v /internal/generator) >/dev/null
  pct=$(go tool cover -func="$out" | awk '/^total:/ {sub("%","",$3); print $3}')
  rm -f "$out"
  printf '%-60s %6s%%\n' "$imp" "$pct"
  if awk -v a="$pct" -v b="$min" 'BEGIN{exit !(a+0 < b+0)}'; then
    echo "  below the minimum of $min%"; status=1
  fi
done
exit $status
