#!/usr/bin/env bash
# Runs every fuzz target of the SDK module for the given time each (default 5m).
# Prints the number of executions go test reports for each target.
#
# Go 1.26's fuzz coordinator can fail a target with a bare "context deadline exceeded" when
# the -fuzztime deadline races a busy worker (go.dev/issue/75804, fixed in Go 1.27). Such a run
# wrote no failing input; it is reported, the target's seed corpus is replayed, and it fails
# the run only if that replay fails. Any other failure (a failing input) fails the run.
set -euo pipefail
t=${1:-5m}
status=0
while IFS= read -r line; do
  file=${line%%:*}; name=${line#*:}
  dir=$(dirname "$file")
  echo "== $dir $name ($t)"
  if out=$(go test -run='^$' -fuzz="^${name}\$" -fuzztime="$t" "./$dir" 2>&1); then
    printf '%s\n' "$out" | tail -n 4
    continue
  fi
  printf '%s\n' "$out" | tail -n 12
  if printf '%s\n' "$out" | grep -q 'context deadline exceeded' &&
    ! printf '%s\n' "$out" | grep -q 'Failing input written'; then
    echo "   no failing input: the fuzz coordinator's deadline race (go.dev/issue/75804); replaying the seed corpus"
    if go test -count=1 -run="^${name}\$" "./$dir"; then continue; fi
  fi
  status=1
done < <(grep -rHoE --include='*_test.go' '^func (Fuzz[A-Za-z0-9_]+)' . | grep -v '^./benchmarks/' | sed -E 's/:func /:/' | sort)
exit $status
