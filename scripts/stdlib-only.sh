#!/usr/bin/env bash
# Fails when the SDK's runtime packages import anything outside the standard library.
set -euo pipefail
bad=$(go list -deps . ./piecesostest 2>/dev/null | grep -E '^[^/]+\.[^/]+/' | grep -v '^github.com/pieces-app/pieces-os-client-sdk-for-go' || true)
if [ -n "$bad" ]; then
  echo "non-standard-library runtime dependencies:"; echo "$bad"; exit 1
fi
echo "runtime dependencies: standard library only ($(go list -deps . | wc -l) packages for the root package)"
