package piecesos

// The models (model_*.go), the operations (api_*.go), the typed status errors
// (errors_gen.go), the codec's generated part (codec_gen.go), the docs pages (docs/), the
// README's tables and the fake's schema (internal/apischema) are generated from
// api/openapi.yaml by the generator in internal/generator. Never edit them by hand: change the
// spec or the templates and run `make generate` (or `go generate ./...`).

//go:generate go run ./internal/generator
