#!/usr/bin/env bash
# Fails when the SDK's runtime packages import anything outside the standard library
# (other than the SDK's own packages).
set -euo pipefail
bad=$(go list -deps -f '{{if not .Standard}}{{.ImportPath}}{{end}}' . ./piecesostest |
  grep -v '^github.com/pieces-app/pieces-os-client-sdk-for-go' || true)
if [ -n "$bad" ]; then
  echo "non-standard-library runtime dependencies:"; echo "$bad"; exit 1
fi
echo "runtime dependencies: standard library only ($(go list -deps . | wc -l) packages for the root package)"
