#!/usr/bin/env bash
# go vet of every package of the module, test files included, for each desktop target plugins
# build the SDK for: linux, darwin and windows on amd64 and arm64. A call, constant or file
# that exists on some platforms only (a FIFO check, a signal, a syscall) fails here rather
# than in a plugin's build. vet type-checks what the compiler would; nothing is linked or run.
# The host's own target is left to the plain `go vet ./...` of `make lint`.
#
# The first run compiles the standard library and the test dependencies once per target, which
# takes minutes on a cold build cache; later runs take about a second per target.
# CROSS_TARGETS overrides the list (space-separated GOOS/GOARCH pairs).
set -euo pipefail
targets=${CROSS_TARGETS:-linux/amd64 linux/arm64 darwin/amd64 darwin/arm64 windows/amd64 windows/arm64}
host=$(go env GOHOSTOS)/$(go env GOHOSTARCH)
status=0
start=$SECONDS
done_list=()
for t in $targets; do
  if [ "$t" = "$host" ] && [ -z "${GOOS:-}${GOARCH:-}" ]; then continue; fi
  if ! GOOS=${t%/*} GOARCH=${t#*/} CGO_ENABLED=0 go vet ./...; then
    echo "go vet failed for $t"; status=1
  fi
  done_list+=("$t")
done
echo "cross vet (tests included): ${done_list[*]}: $((SECONDS - start)) s"
exit $status
