package main

import (
	"go/token"
	"strings"
	"unicode"
)

// Naming: one place decides every Go name the generator prints, following OpenAPI Generator's
// Go conventions so that code written against a generated client compiles: identifiers are
// camelized from the spec's names ("allocationSnapshot" → "AllocationSnapshot",
// "get-well-known-health" → "GetWellKnownHealth", "created_at" → "CreatedAt"), acronyms are
// left as the spec spells them ("id" → "Id"), and file names are snake case
// ("AllocationCloudUrl" → "allocation_cloud_url").

// exported returns the exported Go identifier of a spec name: every run of letters and digits
// starts with an upper-case letter, everything else is dropped. A name that would start with
// a digit gets the prefix "N". An empty result is "Empty".
func exported(name string) string {
	var b strings.Builder
	upper := true
	for _, r := range name {
		switch {
		case r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			if b.Len() == 0 && unicode.IsDigit(r) {
				b.WriteByte('N')
			}
			if upper {
				r = unicode.ToUpper(r)
				upper = false
			}
			b.WriteRune(r)
		default:
			upper = true
		}
	}
	if b.Len() == 0 {
		return "Empty"
	}
	return b.String()
}

// unexported returns the lower-camel form of a spec name, for parameters and local names.
// Go keywords and the names the generated code uses for itself get a leading underscore.
func unexported(name string) string {
	e := exported(name)
	// Lower the leading run of capitals, but keep the capital that starts the next word:
	// "URLPath" → "urlPath", "Id" → "id".
	rs := []rune(e)
	for i := 0; i < len(rs) && unicode.IsUpper(rs[i]); i++ {
		if i > 0 && i+1 < len(rs) && unicode.IsLower(rs[i+1]) {
			break
		}
		rs[i] = unicode.ToLower(rs[i])
	}
	s := string(rs)
	if token.IsKeyword(s) || reservedLocal[s] {
		return "_" + s
	}
	return s
}

// reservedLocal are the identifiers the generated functions use themselves.
var reservedLocal = map[string]bool{
	"ctx": true, "r": true, "a": true, "o": true, "v": true, "s": true, "p": true, "op": true,
	"err": true, "out": true, "resp": true, "body": true, "query": true, "path": true,
	"this": true, "dst": true, "url": true, "http": true, "context": true, "strconv": true,
	"time": true, "jsonwire": true, "string": true, "bool": true, "int": true, "error": true,
}

// snake returns the snake-case form of a Go identifier, for file names:
// "AllocationCloudUrl" → "allocation_cloud_url", "HTTPStatus" → "http_status".
func snake(name string) string {
	rs := []rune(name)
	var b strings.Builder
	for i, r := range rs {
		if unicode.IsUpper(r) {
			if i > 0 {
				prev := rs[i-1]
				nextLower := i+1 < len(rs) && unicode.IsLower(rs[i+1])
				if unicode.IsLower(prev) || unicode.IsDigit(prev) || (unicode.IsUpper(prev) && nextLower) {
					b.WriteByte('_')
				}
			}
			b.WriteRune(unicode.ToLower(r))
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// enumConstant returns the name of an enum's constant for one value, as OpenAPI Generator
// writes it: the upper-cased type name, an underscore, the value upper-cased with every run of
// other characters turned into one underscore ("MAJOR_0_MINOR_0_PATCH_1" stays, "text/plain"
// → "TEXT_PLAIN", "" → "EMPTY").
func enumConstant(typeName, value string) string {
	var b strings.Builder
	under := false
	for _, r := range value {
		if r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			if under && b.Len() > 0 {
				b.WriteByte('_')
			}
			under = false
			b.WriteRune(unicode.ToUpper(r))
			continue
		}
		if r == '_' && b.Len() == 0 {
			continue
		}
		under = true
	}
	v := b.String()
	if v == "" {
		v = "EMPTY"
	}
	return strings.ToUpper(typeName) + "_" + v
}

// lowerFirst returns s with its first letter lower-cased (for unexported variables named
// after a type: "AllocationCloud" → "allocationCloud").
func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	rs := []rune(s)
	rs[0] = unicode.ToLower(rs[0])
	return string(rs)
}

// runtimeNames are the exported names of the hand-written runtime: a model, an enum or a
// service that took one of them would not compile.
var runtimeNames = map[string]bool{
	"APIClient": true, "APIKey": true, "Configuration": true, "ServerConfiguration": true,
	"ServerConfigurations": true, "ServerVariable": true, "GenericOpenAPIError": true,
	"MappedNullable": true, "RetryPolicy": true, "DecodeError": true, "TransportError": true,
	"ValidationError": true, "RedirectError": true, "ResponseTooLargeError": true,
	"NotRunningError": true, "DiscoveryAttempt": true, "DiscoverOption": true, "Version": true,
	"Nullable": true, "NullableBool": true, "NullableInt": true, "NullableInt32": true, "NullableInt64": true,
	"NullableFloat32": true, "NullableFloat64": true, "NullableString": true, "NullableTime": true,
}
