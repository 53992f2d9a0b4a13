package piecesos

import (
	"encoding/json"
	"testing"
	"time"
)

// Plain structs equivalent to the models, for encoding/json (what a hand-written net/http +
// encoding/json client decodes into).
type plainSchema struct {
	Migration int32  `json:"migration"`
	Semantic  string `json:"semantic"`
}

type plainURL struct {
	Schema *plainSchema `json:"schema,omitempty"`
	Status string       `json:"status"`
	URL    string       `json:"url"`
}

type plainCloud struct {
	Schema *plainSchema `json:"schema,omitempty"`
	ID     string       `json:"id"`
	User   string       `json:"user"`
	Urls   struct {
		Schema *plainSchema `json:"schema,omitempty"`
		Base   plainURL     `json:"base"`
		ID     plainURL     `json:"id"`
		Vanity *plainURL    `json:"vanity,omitempty"`
	} `json:"urls"`
	Status struct {
		Schema *plainSchema `json:"schema,omitempty"`
		Cloud  string       `json:"cloud"`
	} `json:"status"`
	Project string `json:"project"`
	Updated *struct {
		Schema   *plainSchema `json:"schema,omitempty"`
		Value    time.Time    `json:"value"`
		Readable *string      `json:"readable,omitempty"`
	} `json:"updated,omitempty"`
	Version *string `json:"version,omitempty"`
	Region  *string `json:"region,omitempty"`
}

func BenchmarkDecode(b *testing.B) {
	data := sampleJSON(b)
	b.Run("codec", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(data)))
		for i := 0; i < b.N; i++ {
			var m AllocationCloud
			if err := m.UnmarshalJSON(data); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("encoding_json", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(data)))
		for i := 0; i < b.N; i++ {
			var m plainCloud
			if err := json.Unmarshal(data, &m); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkEncode(b *testing.B) {
	data := sampleJSON(b)
	var m AllocationCloud
	if err := m.UnmarshalJSON(data); err != nil {
		b.Fatal(err)
	}
	var p plainCloud
	if err := json.Unmarshal(data, &p); err != nil {
		b.Fatal(err)
	}
	b.Run("codec_MarshalJSON", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			if _, err := m.MarshalJSON(); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("codec_appendJSON", func(b *testing.B) {
		b.ReportAllocs()
		buf := make([]byte, 0, 1024)
		for i := 0; i < b.N; i++ {
			var err error
			if buf, err = m.appendJSON(buf[:0]); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("encoding_json", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			if _, err := json.Marshal(&p); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkDecodeUnknown measures a document with unknown members at two levels.
func BenchmarkDecodeUnknown(b *testing.B) {
	data := setAt(b, string(sampleJSON(b)), "tier", map[string]interface{}{"name": "pro", "seats": 3.0, "tags": []interface{}{"a", "b"}})
	data = setAt(b, string(data), "urls.base.cdn", "edge-1")
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		var m AllocationCloud
		if err := m.UnmarshalJSON(data); err != nil {
			b.Fatal(err)
		}
	}
}
