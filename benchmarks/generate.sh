#!/usr/bin/env bash
# Regenerates the generated peers of the benchmarks from ../api/openapi.yaml with pinned generator
# versions. The output is committed, so the benchmarks build without running this script.
set -euo pipefail
cd "$(dirname "$0")"

OGEN_VERSION=v1.24.0
OAPI_CODEGEN_VERSION=v2.8.2
SPEC=../api/openapi.yaml

rm -rf gen/ogen gen/oapicodegen
mkdir -p gen/ogen gen/oapicodegen

go run "github.com/ogen-go/ogen/cmd/ogen@${OGEN_VERSION}" \
	-config ogen.yml -package ogenclient -target gen/ogen -clean "$SPEC"

go run "github.com/oapi-codegen/oapi-codegen/v2/cmd/oapi-codegen@${OAPI_CODEGEN_VERSION}" \
	-config oapi-codegen.yaml "$SPEC"

# Pin the generated code's runtime libraries (ogen's own release, oapi-codegen's runtime v1.9.0), then tidy.
go get "github.com/ogen-go/ogen@${OGEN_VERSION}" github.com/oapi-codegen/runtime@v1.9.0
go mod tidy
echo "generated gen/ogen (ogen ${OGEN_VERSION}) and gen/oapicodegen (oapi-codegen ${OAPI_CODEGEN_VERSION})"
