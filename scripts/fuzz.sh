#!/usr/bin/env bash
# Runs every fuzz target of the SDK module for the given time each (default 5m).
# Prints the number of executions go test reports for each target.
set -euo pipefail
t=${1:-5m}
status=0
while IFS= read -r line; do
  file=${line%%:*}; name=${line#*:}
  dir=$(dirname "$file")
  echo "== $dir $name ($t)"
  if ! go test -run='^$' -fuzz="^${name}\$" -fuzztime="$t" "./$dir" 2>&1 | tail -n 4; then status=1; fi
done < <(grep -rHoE --include='*_test.go' '^func (Fuzz[A-Za-z0-9_]+)' . | grep -v '^./benchmarks/' | sed -E 's/:func /:/' | sort)
exit $status
