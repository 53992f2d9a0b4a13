# Pieces OS Go SDK — developer commands. Every target needs only Go (tools run through `go run`
# at pinned versions, fetched from the Go module proxy on first use).

GO            ?= go
STATICCHECK   ?= honnef.co/go/tools/cmd/staticcheck@v0.8.2
ACTIONLINT    ?= github.com/rhysd/actionlint/cmd/actionlint@v1.7.12
FUZZTIME      ?= 5m
COVER_MIN     ?= 90

.PHONY: test lint cover fuzz fuzz-short bench generate generate-check

## test: all tests of the SDK module with the race detector
test:
	$(GO) test -race -timeout 20m ./...

## generate: regenerate the models, operations, docs, README tables and the fake's schema from
## api/openapi.yaml (internal/generator; also `go generate ./...`)
generate:
	$(GO) run ./internal/generator

## generate-check: fail when a committed generated file differs from what api/openapi.yaml generates
generate-check:
	@$(GO) run ./internal/generator -check

## lint: generated files up to date, gofmt, go vet, staticcheck and actionlint (pinned versions),
## standard-library-only check, and go vet (tests included) for linux, darwin and windows on amd64
## and arm64 (scripts/cross-vet.sh; minutes on a cold build cache, seconds after). go vet also
## reports standard-library names newer than go.mod's go 1.22; CI's Go 1.22 leg builds and runs
## everything with Go 1.22 itself.
lint: generate-check
	@out=$$(gofmt -l . | grep -v '^benchmarks/gen/' || true); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...
	$(GO) run $(STATICCHECK) ./...
	$(GO) run $(ACTIONLINT) .github/workflows/ci.yml
	@bash scripts/stdlib-only.sh
	@bash scripts/cross-vet.sh

## cover: statement coverage of the root package and piecesostest (each at least $(COVER_MIN)%)
cover:
	@bash scripts/cover.sh $(COVER_MIN)

## fuzz: every fuzz target for FUZZTIME each (default 5m); fuzz-short: 10s each (CI)
fuzz:
	@bash scripts/fuzz.sh $(FUZZTIME)

fuzz-short:
	@bash scripts/fuzz.sh 10s

## bench: side-by-side benchmarks (separate module in benchmarks/), medians of COUNT runs
bench:
	@$(MAKE) -C benchmarks bench
