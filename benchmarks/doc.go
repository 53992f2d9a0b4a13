// Package benchmarks measures the Pieces OS Go SDK side by side with the other ways of calling the
// Allocation API from Go, in one `go test -bench` run against one loopback server that answers
// with precomputed bytes.
//
// Peers (sub-benchmark key `peer=`):
//
//   - floor: the same HTTP exchanges with precomputed bytes and no JSON work, the cost every client
//     pays for the loopback round trip;
//   - raw: a hand-written net/http + encoding/json client with plain structs;
//   - ogen: the client github.com/ogen-go/ogen generates from ../api/openapi.yaml (gen/ogen);
//   - oapicodegen: the ClientWithResponses github.com/oapi-codegen/oapi-codegen/v2 generates from
//     ../api/openapi.yaml (gen/oapicodegen);
//   - sdk: this SDK, through piecesos.NewAPIClient(cfg).AllocationAPI....Execute();
//   - sdk-tuned: the SDK given the others' tuned client as Configuration.HTTPClient (HTTP
//     benchmarks only), to tell its code from its default transport.
//
// floor, raw, ogen, oapicodegen and sdk-tuned get the same transport configuration (see
// tunedTransport); sdk uses the SDK's own default transport, because that is what its users get.
//
// Benchmarks: Snapshot, Update and SnapshotParallel over HTTP; Decode and Encode of the facts'
// sample without HTTP. CallerClientSnapshot and CallerClientUpdate are a second harness in which
// floor, raw, ogen, oapicodegen and sdk all send through one caller *http.Client (a clone of
// http.DefaultTransport without compression, 4 idle connections per host), and sdk-default is
// the SDK on its own default transport (see caller_test.go). `make bench` runs them and prints the medians with cmd/benchtable;
// generate.sh regenerates the generated peers.
package benchmarks
