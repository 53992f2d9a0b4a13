package apischema

import (
	"bytes"
	"encoding/json"
	"testing"
)

func decode(t *testing.T, s string) interface{} {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader([]byte(s)))
	dec.UseNumber()
	var v interface{}
	if err := dec.Decode(&v); err != nil {
		t.Fatal(err)
	}
	return v
}

func TestCheck(t *testing.T) {
	Models["T"] = &Model{Name: "T", Fields: []Field{
		{Name: "s", Required: true, Type: Type{Kind: String}},
		{Name: "any", Required: true, Type: Type{Kind: Any}},
		{Name: "n", Type: Type{Kind: Int32}},
		{Name: "when", Type: Type{Kind: DateTime}},
		{Name: "list", Type: Type{Kind: Array, Elem: &Type{Kind: Bool}}},
		{Name: "map", Type: Type{Kind: Map, Elem: &Type{Kind: Float32}}},
		{Name: "maybe", Required: true, Nullable: true, Type: Type{Kind: Int64}},
	}}
	defer delete(Models, "T")
	for doc, want := range map[string]string{
		`{"s":"x","any":null,"maybe":null}`:                              "",
		`{"s":"x","any":{"a":[1]},"maybe":3,"n":-2147483648}`:            "",
		`{"any":1,"maybe":1}`:                                            "s: required property missing",
		`{"s":null,"any":1,"maybe":1}`:                                   "s: required property is null",
		`{"s":"x","maybe":1}`:                                            "any: required property missing",
		`{"s":"x","any":1}`:                                              "maybe: required property missing",
		`{"s":1,"any":1,"maybe":1}`:                                      "s: want a string, got a number",
		`{"s":"x","any":1,"maybe":1,"n":2147483648}`:                     "n: want a 32-bit integer, got 2147483648",
		`{"s":"x","any":1,"maybe":1.5}`:                                  "maybe: want a 64-bit integer, got 1.5",
		`{"s":"x","any":1,"maybe":1,"when":"2026-11-26T19:56:10.1Z"}`:    "",
		`{"s":"x","any":1,"maybe":1,"when":"2026-11-26t19:56:10z"}`:      "",
		`{"s":"x","any":1,"maybe":1,"when":"2026-11-26T19:56:10+23:59"}`: "",
		`{"s":"x","any":1,"maybe":1,"when":"2026-11-26T19:56:10+23:60"}`: `when: want an RFC 3339 date-time, got "2026-11-26T19:56:10+23:60"`,
		`{"s":"x","any":1,"maybe":1,"when":"2026-11-26 19:56:10Z"}`:      `when: want an RFC 3339 date-time, got "2026-11-26 19:56:10Z"`,
		`{"s":"x","any":1,"maybe":1,"list":[true,null,false]}`:           "",
		`{"s":"x","any":1,"maybe":1,"list":[true,1]}`:                    "list[1]: want a boolean, got a number",
		`{"s":"x","any":1,"maybe":1,"map":{"a":1e39}}`:                   "map.a: number 1e39 out of range",
		`[]`: "the document: want an object, got an array",
	} {
		err := Check(decode(t, doc), "T")
		got := ""
		if err != nil {
			got = err.Error()
		}
		if got != want {
			t.Errorf("%s:\n got %q\nwant %q", doc, got, want)
		}
	}
}
