package piecesostest

import (
	"encoding/json"
	"errors"
	"fmt"

	piecesos "github.com/pieces-app/pieces-os-client-sdk-for-go"
)

// SampleAllocationID is the id of the allocation every new Server holds (unless WithoutSeed).
const SampleAllocationID = "8f1e3c2a-5b7d-4e2f-9a61-0c4d2b7e9f10"

// SampleAllocationJSON is the allocation every new Server holds (unless WithoutSeed): a
// realistic AllocationCloud with every property set.
const SampleAllocationJSON = `{
  "schema": {"migration": 0, "semantic": "MAJOR_0_MINOR_0_PATCH_1"},
  "id": "8f1e3c2a-5b7d-4e2f-9a61-0c4d2b7e9f10",
  "user": "8f1e3c2a-5b7d-4e2f-9a61-0c4d2b7e9f10",
  "urls": {
    "base": {"status": "RUNNING", "url": "https://8f1e3c2a.pieces.cloud"},
    "id": {"status": "RUNNING", "url": "https://8f1e3c2a-5b7d-4e2f-9a61-0c4d2b7e9f10.pieces.cloud"},
    "vanity": {"status": "PENDING", "url": "https://mark.pieces.cloud"}
  },
  "status": {"cloud": "RUNNING"},
  "project": "pieces-prod-01",
  "updated": {"value": "2026-11-26T19:56:10.123Z", "readable": "just now"},
  "version": "12.3.1",
  "region": "us-central1"
}`

// sampleEncoded is SampleAllocationJSON as the store keeps it. Stored slices are never
// modified in place, so every Server can share it.
var sampleEncoded = func() []byte {
	obj, err := parseAllocation([]byte(SampleAllocationJSON))
	if err != nil {
		panic("piecesostest: invalid sample allocation: " + err.Error())
	}
	return encodeAllocation(obj)
}()

// ErrNotFound is returned by Get and GetJSON for an id the store does not hold.
var ErrNotFound = errors.New("piecesostest: allocation not found")

// Put stores a copy of cloud under its id, replacing any allocation with that id, as it is:
// unlike POST /allocation/update it does not change updated. It returns an error when cloud
// does not encode to a valid AllocationCloud.
func (s *Server) Put(cloud piecesos.AllocationCloud) error {
	data, err := json.Marshal(&cloud)
	if err != nil {
		return fmt.Errorf("piecesostest: encode allocation: %w", err)
	}
	return s.PutJSON(data)
}

// PutJSON stores the allocation encoded in data under its id, replacing any allocation with
// that id. Unknown keys (at any level) and unknown enum values are kept and served back. It
// returns an error naming the problem when data is not a valid AllocationCloud.
func (s *Server) PutJSON(data []byte) error {
	obj, err := parseAllocation(data)
	if err != nil {
		return fmt.Errorf("piecesostest: %w", err)
	}
	enc := encodeAllocation(obj)
	s.mu.Lock()
	s.store[allocationID(obj)] = enc
	s.mu.Unlock()
	return nil
}

// Get returns a copy of the allocation stored under id, decoded by the SDK, or ErrNotFound.
func (s *Server) Get(id string) (*piecesos.AllocationCloud, error) {
	data, err := s.GetJSON(id)
	if err != nil {
		return nil, err
	}
	out := new(piecesos.AllocationCloud)
	if err := out.UnmarshalJSON(data); err != nil {
		return nil, fmt.Errorf("piecesostest: stored allocation %q: %w", id, err)
	}
	return out, nil
}

// GetJSON returns a copy of the JSON of the allocation stored under id (the body that
// GET /allocation/{id} answers), or ErrNotFound.
func (s *Server) GetJSON(id string) ([]byte, error) {
	s.mu.Lock()
	data, ok := s.store[id]
	s.mu.Unlock()
	if !ok {
		return nil, ErrNotFound
	}
	return append([]byte(nil), data...), nil
}

// Remove deletes the allocation stored under id and reports whether there was one. A later
// GET /allocation/{id} answers 410.
func (s *Server) Remove(id string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, ok := s.store[id]
	delete(s.store, id)
	return ok
}

// IDs returns the ids of the stored allocations, in no particular order.
func (s *Server) IDs() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	ids := make([]string, 0, len(s.store))
	for id := range s.store {
		ids = append(ids, id)
	}
	return ids
}
