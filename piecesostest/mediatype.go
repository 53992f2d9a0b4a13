package piecesostest

import (
	"strconv"
	"strings"
)

// The fake checks Accept and Content-Type by the grammar of RFC 9110 (sections 8.3, 12.5.1),
// not by what the Go SDK happens to send: any client that keeps the HTTP rules and the API
// contract must see no violation.

// mediaRange is one element of an Accept header, or a Content-Type.
type mediaRange struct {
	typ, sub string // lower case; "*" for a wildcard
	q        int    // weight in thousandths: 0 (not acceptable) to 1000
}

// acceptProblem returns what is wrong with the Accept header of a request whose operation
// answers the media types in answers ("application/json"), or "" when nothing is: an absent
// or empty Accept accepts everything; otherwise at least one of answers must have a weight
// above zero, by the most specific range that matches it.
func acceptProblem(values []string, answers []string) string {
	if len(values) == 0 {
		return ""
	}
	header := strings.Join(values, ", ")
	ranges, problem := parseAccept(header)
	if problem != "" {
		return "malformed Accept " + strconv.Quote(header) + ": " + problem
	}
	if len(ranges) == 0 {
		return ""
	}
	for _, a := range answers {
		if acceptWeight(ranges, a) > 0 {
			return ""
		}
	}
	return "Accept " + strconv.Quote(header) + " admits none of the types the operation answers (" + strings.Join(answers, ", ") + ")"
}

// acceptWeight returns the weight ranges give to the media type mt ("type/subtype"): that of
// the most specific matching range (the highest when several are as specific), 0 when none
// matches.
func acceptWeight(ranges []mediaRange, mt string) int {
	typ, sub, _ := strings.Cut(mt, "/")
	best, q := -1, 0
	for _, r := range ranges {
		spec := -1
		switch {
		case r.typ == typ && r.sub == sub:
			spec = 2
		case r.typ == typ && r.sub == "*":
			spec = 1
		case r.typ == "*" && r.sub == "*":
			spec = 0
		}
		if spec > best || spec == best && spec >= 0 && r.q > q {
			best, q = spec, r.q
		}
	}
	return q
}

// parseAccept parses an Accept header: a comma-separated list of media ranges with
// parameters, empty elements allowed. It returns the ranges, or what is malformed.
func parseAccept(header string) ([]mediaRange, string) {
	elems, ok := splitUnquoted(header, ',')
	if !ok {
		return nil, "unterminated quoted string"
	}
	var ranges []mediaRange
	for _, e := range elems {
		e = trimOWS(e)
		if e == "" {
			continue
		}
		r, problem := parseMediaType(e, true)
		if problem != "" {
			return nil, problem
		}
		ranges = append(ranges, r)
	}
	return ranges, ""
}

// parseMediaType parses "type/subtype" followed by ";name=value" parameters (empty ones
// allowed, as RFC 9110 allows them). Wildcards ("*/*", "type/*") and the weight "q" are read
// when inRange, for an element of Accept. It returns what is malformed, if anything.
func parseMediaType(s string, inRange bool) (mediaRange, string) {
	parts, ok := splitUnquoted(s, ';')
	if !ok {
		return mediaRange{}, "unterminated quoted string"
	}
	mt := trimOWS(parts[0])
	typ, sub, found := strings.Cut(mt, "/")
	if !found || !isToken(typ) || !isToken(sub) {
		return mediaRange{}, strconv.Quote(mt) + " is not a type/subtype"
	}
	typ, sub = strings.ToLower(typ), strings.ToLower(sub)
	if ((typ == "*" || sub == "*") && !inRange) || (typ == "*" && sub != "*") {
		return mediaRange{}, strconv.Quote(mt) + " is not a valid media type"
	}
	r := mediaRange{typ: typ, sub: sub, q: 1000}
	seenQ := false
	for _, p := range parts[1:] {
		p = trimOWS(p)
		if p == "" {
			continue
		}
		name, value, found := strings.Cut(p, "=")
		name, value = trimOWS(name), trimOWS(value)
		if !found || !isToken(name) || !(isToken(value) || isQuotedString(value)) {
			return mediaRange{}, "parameter " + strconv.Quote(p) + " is not name=value"
		}
		if inRange && !seenQ && strings.EqualFold(name, "q") {
			seenQ = true // later parameters are extensions, whatever their names
			q, ok := parseWeight(value)
			if !ok {
				return mediaRange{}, "weight " + strconv.Quote(value) + " is not a number from 0 to 1 with at most three decimals"
			}
			r.q = q
		}
	}
	return r, ""
}

// parseWeight parses a qvalue: "0" to "1", with at most three decimals.
func parseWeight(s string) (int, bool) {
	if s == "" || len(s) > 5 || (s[0] != '0' && s[0] != '1') {
		return 0, false
	}
	whole := int(s[0]-'0') * 1000
	if len(s) == 1 {
		return whole, true
	}
	if s[1] != '.' {
		return 0, false
	}
	frac := 0
	scale := 100
	for i := 2; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		frac += int(c-'0') * scale
		scale /= 10
	}
	if whole == 1000 && frac != 0 {
		return 0, false
	}
	return whole + frac, true
}

// splitUnquoted splits s at every sep outside a quoted string; ok is false when a quoted
// string does not end.
func splitUnquoted(s string, sep byte) (parts []string, ok bool) {
	start, quoted := 0, false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case quoted && c == '\\':
			i++ // the escaped character
		case c == '"':
			quoted = !quoted
		case !quoted && c == sep:
			parts = append(parts, s[start:i])
			start = i + 1
		}
	}
	if quoted {
		return nil, false
	}
	return append(parts, s[start:]), true
}

func trimOWS(s string) string { return strings.Trim(s, " \t") }

// isToken reports whether s is a token of RFC 9110 (section 5.6.2).
func isToken(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9', c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z':
		case strings.IndexByte("!#$%&'*+-.^_`|~", c) >= 0:
		default:
			return false
		}
	}
	return true
}

// isQuotedString reports whether s is one quoted string of RFC 9110 (section 5.6.4).
func isQuotedString(s string) bool {
	if len(s) < 2 || s[0] != '"' || s[len(s)-1] != '"' {
		return false
	}
	for i := 1; i < len(s)-1; i++ {
		c := s[i]
		switch {
		case c == '\\':
			i++
			if i >= len(s)-1 {
				return false
			}
			if c := s[i]; c < 0x20 && c != '\t' || c == 0x7f {
				return false
			}
		case c == '"', c < 0x20 && c != '\t', c == 0x7f:
			return false
		}
	}
	return true
}
