package piecesos

import (
	"cmp"
	"errors"
	"strconv"
	"strings"
	"unicode/utf8"
)

// The versions of Pieces OS this SDK supports: from MinPiecesOSVersion (included) up to
// MaxPiecesOSVersion (excluded), compared on MAJOR.MINOR.PATCH only. This is the one place the
// range is written in code: CheckVersion and every error derive from it, and TestDocFigures
// checks that the README states it.
const (
	// MinPiecesOSVersion is the oldest Pieces OS this SDK supports. An older one is refused
	// with an *IncompatibleVersionError telling the user to update Pieces OS.
	MinPiecesOSVersion = "12.0.0"
	// MaxPiecesOSVersion is the first Pieces OS this SDK does not support: a newer major
	// version whose contract the SDK does not know. It and every later version are refused
	// with an *IncompatibleVersionError telling the user to update the SDK (or the plugin
	// built on it).
	MaxPiecesOSVersion = "13.0.0"
)

var (
	minPiecesOS = mustParseSemVer(MinPiecesOSVersion)
	maxPiecesOS = mustParseSemVer(MaxPiecesOSVersion)
)

// ErrInvalidVersion is matched (errors.Is) by the *InvalidVersionError of ParseSemVer.
var ErrInvalidVersion = errors.New("piecesos: invalid version")

// ErrIncompatibleVersion is matched (errors.Is) by every *IncompatibleVersionError.
var ErrIncompatibleVersion = errors.New("piecesos: incompatible Pieces OS version")

// SemVer is a version as defined by Semantic Versioning 2.0.0 (https://semver.org):
// MAJOR.MINOR.PATCH, an optional pre-release ("12.3.0-beta.1") and optional build metadata
// ("12.3.0+5114f85").
type SemVer struct {
	Major uint64 // MAJOR
	Minor uint64 // MINOR
	Patch uint64 // PATCH
	// Prerelease is the pre-release, without its leading "-" ("beta.1"); "" for a release.
	Prerelease string
	// Build is the build metadata, without its leading "+"; Compare ignores it.
	Build string
}

// ParseSemVer parses s as a Semantic Versioning 2.0.0 version. White space around s and one
// leading "v" or "V" are ignored ("v12.3.1\n" is 12.3.1); everything else follows the
// specification strictly: three numbers without leading zeros that fit in 64 bits, pre-release
// and build identifiers of [0-9A-Za-z-], not empty, numeric pre-release identifiers without
// leading zeros. Anything else is an *InvalidVersionError (errors.Is(err, ErrInvalidVersion)).
func ParseSemVer(s string) (SemVer, error) {
	t := strings.TrimSpace(s)
	if len(t) > 0 && (t[0] == 'v' || t[0] == 'V') {
		t = t[1:]
	}
	fail := func(reason string) (SemVer, error) {
		return SemVer{}, &InvalidVersionError{Value: s, Reason: reason}
	}
	if t == "" {
		return fail("empty")
	}
	var v SemVer
	if i := strings.IndexByte(t, '+'); i >= 0 {
		v.Build = t[i+1:]
		t = t[:i]
		if reason := checkIdentifiers(v.Build, "build metadata", false); reason != "" {
			return fail(reason)
		}
	}
	if i := strings.IndexByte(t, '-'); i >= 0 {
		v.Prerelease = t[i+1:]
		t = t[:i]
		if reason := checkIdentifiers(v.Prerelease, "pre-release", true); reason != "" {
			return fail(reason)
		}
	}
	parts := strings.Split(t, ".")
	if len(parts) != 3 {
		return fail("want MAJOR.MINOR.PATCH")
	}
	nums := [3]*uint64{&v.Major, &v.Minor, &v.Patch}
	for i, p := range parts {
		if !isDigits(p) {
			return fail("MAJOR, MINOR and PATCH must be numbers")
		}
		if len(p) > 1 && p[0] == '0' {
			return fail("a number with a leading zero")
		}
		n, err := strconv.ParseUint(p, 10, 64)
		if err != nil {
			return fail("a number too large")
		}
		*nums[i] = n
	}
	return v, nil
}

// mustParseSemVer parses a version written in this package.
func mustParseSemVer(s string) SemVer {
	v, err := ParseSemVer(s)
	if err != nil {
		panic(err)
	}
	return v
}

// checkIdentifiers checks dot-separated identifiers; numeric ones must have no leading zero
// when noLeadingZero. It returns what is wrong, or "".
func checkIdentifiers(s, what string, noLeadingZero bool) string {
	for _, id := range strings.Split(s, ".") {
		if id == "" {
			return "an empty " + what + " identifier"
		}
		for i := 0; i < len(id); i++ {
			c := id[i]
			if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '-') {
				return what + " identifiers may only hold [0-9A-Za-z-]"
			}
		}
		if noLeadingZero && len(id) > 1 && id[0] == '0' && isDigits(id) {
			return "a numeric " + what + " identifier with a leading zero"
		}
	}
	return ""
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// String returns the version in its canonical form, "MAJOR.MINOR.PATCH[-pre-release][+build]",
// without a leading "v".
func (v SemVer) String() string {
	b := make([]byte, 0, 16+len(v.Prerelease)+len(v.Build))
	b = strconv.AppendUint(b, v.Major, 10)
	b = append(b, '.')
	b = strconv.AppendUint(b, v.Minor, 10)
	b = append(b, '.')
	b = strconv.AppendUint(b, v.Patch, 10)
	if v.Prerelease != "" {
		b = append(b, '-')
		b = append(b, v.Prerelease...)
	}
	if v.Build != "" {
		b = append(b, '+')
		b = append(b, v.Build...)
	}
	return string(b)
}

// Compare returns -1, 0 or +1 as v has lower, equal or higher precedence than w, by section 11
// of Semantic Versioning 2.0.0: MAJOR, MINOR and PATCH compare as numbers; a pre-release has
// lower precedence than its release; pre-releases compare identifier by identifier, numeric
// identifiers as numbers ("beta.2" < "beta.11"), others in ASCII order, numeric before
// alphanumeric, and a shorter list first when all its identifiers are equal. Build metadata is
// ignored: 1.0.0+a and 1.0.0+b are equal.
func (v SemVer) Compare(w SemVer) int {
	if c := v.compareCore(w); c != 0 {
		return c
	}
	switch {
	case v.Prerelease == w.Prerelease:
		return 0
	case v.Prerelease == "":
		return 1
	case w.Prerelease == "":
		return -1
	}
	a, b := strings.Split(v.Prerelease, "."), strings.Split(w.Prerelease, ".")
	for i := 0; i < len(a) && i < len(b); i++ {
		if c := compareIdentifier(a[i], b[i]); c != 0 {
			return c
		}
	}
	return cmp.Compare(len(a), len(b))
}

// compareCore compares MAJOR.MINOR.PATCH only.
func (v SemVer) compareCore(w SemVer) int {
	switch {
	case v.Major != w.Major:
		return cmp.Compare(v.Major, w.Major)
	case v.Minor != w.Minor:
		return cmp.Compare(v.Minor, w.Minor)
	default:
		return cmp.Compare(v.Patch, w.Patch)
	}
}

func compareIdentifier(a, b string) int {
	an, bn := isDigits(a), isDigits(b)
	switch {
	case an && bn:
		// As numbers of any size: without leading zeros, the longer is the larger.
		a, b = strings.TrimLeft(a, "0"), strings.TrimLeft(b, "0")
		if c := cmp.Compare(len(a), len(b)); c != 0 {
			return c
		}
		return strings.Compare(a, b)
	case an:
		return -1
	case bn:
		return 1
	}
	return strings.Compare(a, b)
}

// InvalidVersionError is returned by ParseSemVer for a string that is not a Semantic
// Versioning 2.0.0 version. errors.Is(err, ErrInvalidVersion) is true.
type InvalidVersionError struct {
	Value  string // the string given to ParseSemVer
	Reason string // what is wrong with it
}

// Error returns `piecesos: invalid version "…": reason`, quoting at most 64 bytes of Value.
func (e *InvalidVersionError) Error() string {
	return "piecesos: invalid version " + quoteShort(e.Value) + ": " + e.Reason
}

// Is reports whether target is ErrInvalidVersion.
func (e *InvalidVersionError) Is(target error) bool { return target == ErrInvalidVersion }

// quoteShort quotes at most 64 bytes of s (an error message should stay one short line).
func quoteShort(s string) string {
	const max = 64
	if len(s) <= max {
		return strconv.Quote(s)
	}
	cut := max
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return strconv.Quote(s[:cut]) + "…"
}

// VersionInfo is what CheckVersion found in a version string.
type VersionInfo struct {
	// Raw is the version as reported, without white space around it.
	Raw string
	// Version is Raw parsed; the zero SemVer when Development.
	Version SemVer
	// Development reports a development build: "debug", or any other string that is not a
	// Semantic Versioning version. Such a build is accepted without a range check.
	Development bool
}

// CheckVersion reports whether this SDK supports the Pieces OS version raw, the body of
// GET /.well-known/version ("12.3.1", "12.3.0-beta.1", "debug"; white space around it and a
// leading "v" are ignored).
//
// A version inside [MinPiecesOSVersion, MaxPiecesOSVersion) is supported: CheckVersion returns
// a nil error. The range check compares MAJOR.MINOR.PATCH only: 12.0.0-rc.1 is a 12.0.0 and is
// supported; 13.0.0-beta.1 is a 13 and is not. A version outside the range is an
// *IncompatibleVersionError (errors.Is(err, ErrIncompatibleVersion)) saying whether Pieces OS or
// the SDK needs an update. "debug" and every string that does not parse as a version are
// development builds: accepted, never refused, and reported with Development set.
//
// The VersionInfo is filled in every case, also with an error.
func CheckVersion(raw string) (VersionInfo, error) {
	info := VersionInfo{Raw: strings.TrimSpace(raw)}
	v, err := ParseSemVer(info.Raw)
	if err != nil {
		info.Development = true
		return info, nil
	}
	info.Version = v
	switch {
	case v.compareCore(minPiecesOS) < 0:
		return info, &IncompatibleVersionError{Version: info.Raw, Min: MinPiecesOSVersion, Max: MaxPiecesOSVersion, TooOld: true}
	case v.compareCore(maxPiecesOS) >= 0:
		return info, &IncompatibleVersionError{Version: info.Raw, Min: MinPiecesOSVersion, Max: MaxPiecesOSVersion}
	}
	return info, nil
}

// IncompatibleVersionError is the error of CheckVersion for a Pieces OS version outside the
// range this SDK supports. errors.Is(err, ErrIncompatibleVersion) is true.
type IncompatibleVersionError struct {
	// Version is the version Pieces OS reported.
	Version string
	// Min and Max are the supported range, [Min, Max): MinPiecesOSVersion and
	// MaxPiecesOSVersion.
	Min, Max string
	// TooOld is true when Version is older than Min (update Pieces OS), false when it is at or
	// above Max (update the SDK, or the plugin built on it).
	TooOld bool
}

// Error says which version was found, the supported range and what to update, e.g.
// "piecesos: Pieces OS 11.4.2 is older than this SDK supports (>= 12.0.0, < 13.0.0): update Pieces OS".
func (e *IncompatibleVersionError) Error() string {
	rng := " (>= " + e.Min + ", < " + e.Max + "): "
	if e.TooOld {
		return "piecesos: Pieces OS " + quoteVersion(e.Version) + " is older than this SDK supports" + rng + "update Pieces OS"
	}
	return "piecesos: Pieces OS " + quoteVersion(e.Version) + " is newer than this SDK supports" + rng + "update the SDK (or the plugin built on it)"
}

// quoteVersion prints a version as is when it is short and plain, quoted otherwise.
func quoteVersion(s string) string {
	if len(s) <= 64 && checkIdentifiers(strings.ReplaceAll(strings.ReplaceAll(s, "+", "."), "-", "."), "", false) == "" {
		return s
	}
	return quoteShort(s)
}

// Is reports whether target is ErrIncompatibleVersion.
func (e *IncompatibleVersionError) Is(target error) bool { return target == ErrIncompatibleVersion }
