package piecesos_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	piecesos "github.com/pieces-app/pieces-os-client-sdk-for-go"
)

func TestVersionRange(t *testing.T) {
	lo, err := piecesos.ParseSemVer(piecesos.MinPiecesOSVersion)
	require.NoError(t, err)
	hi, err := piecesos.ParseSemVer(piecesos.MaxPiecesOSVersion)
	require.NoError(t, err)
	assert.Equal(t, -1, lo.Compare(hi), "the range is not empty")
	assert.Equal(t, "12.0.0", piecesos.MinPiecesOSVersion, "the official CLI's range")
	assert.Equal(t, "13.0.0", piecesos.MaxPiecesOSVersion, "the official CLI's range")
}

func TestCheckVersion(t *testing.T) {
	const (
		ok = iota
		tooOld
		tooNew
	)
	v := func(major, minor, patch uint64, pre, build string) piecesos.SemVer {
		return piecesos.SemVer{Major: major, Minor: minor, Patch: patch, Prerelease: pre, Build: build}
	}
	for _, tc := range []struct {
		raw     string
		want    int
		dev     bool
		version piecesos.SemVer
		rawOut  string // VersionInfo.Raw when not raw itself
	}{
		// Below the range.
		{raw: "0.0.0", want: tooOld, version: v(0, 0, 0, "", "")},
		{raw: "11.9.9", want: tooOld, version: v(11, 9, 9, "", "")},
		{raw: "11.99.99-rc.1", want: tooOld, version: v(11, 99, 99, "rc.1", "")},
		// At the minimum, pre-releases of it included: 12.0.0-rc.1 is a 12.0.0.
		{raw: "12.0.0", version: v(12, 0, 0, "", "")},
		{raw: "12.0.0-rc.1", version: v(12, 0, 0, "rc.1", "")},
		{raw: "12.0.0-alpha", version: v(12, 0, 0, "alpha", "")},
		// Inside.
		{raw: "12.3.1", version: v(12, 3, 1, "", "")},
		{raw: "12.3.0-beta.1", version: v(12, 3, 0, "beta.1", "")},
		{raw: "12.3.1+build.5", version: v(12, 3, 1, "", "build.5")},
		{raw: "12.99.18446744073709551615", version: v(12, 99, 18446744073709551615, "", "")},
		// At the maximum and above: 13.0.0-beta.1 is a 13.
		{raw: "13.0.0", want: tooNew, version: v(13, 0, 0, "", "")},
		{raw: "13.0.0-beta.1", want: tooNew, version: v(13, 0, 0, "beta.1", "")},
		{raw: "13.0.0-alpha", want: tooNew, version: v(13, 0, 0, "alpha", "")},
		{raw: "13.0.1", want: tooNew, version: v(13, 0, 1, "", "")},
		{raw: "14.2.0", want: tooNew, version: v(14, 2, 0, "", "")},
		// Envelope: white space around the body, a leading v.
		{raw: " 12.3.1\n", version: v(12, 3, 1, "", ""), rawOut: "12.3.1"},
		{raw: "\t13.0.0\r\n", want: tooNew, version: v(13, 0, 0, "", ""), rawOut: "13.0.0"},
		{raw: "v12.3.1", version: v(12, 3, 1, "", "")},
		{raw: "V11.0.0", want: tooOld, version: v(11, 0, 0, "", "")},
		// Development builds and everything unparseable: accepted, never refused.
		{raw: "debug", dev: true},
		{raw: "debug\n", dev: true, rawOut: "debug"},
		{raw: "Debug", dev: true},
		{raw: "", dev: true},
		{raw: "   ", dev: true, rawOut: ""},
		{raw: "garbage", dev: true},
		{raw: "12.3", dev: true},
		{raw: "12.3.1.4", dev: true},
		{raw: "012.3.1", dev: true},
		{raw: "12.3.1-beta.01", dev: true},
		{raw: "12.3.1 beta", dev: true},
		{raw: "99999999999999999999.0.0", dev: true},
		{raw: "<html>404</html>", dev: true},
		{raw: "\xff\xfe", dev: true},
	} {
		t.Run(fmt.Sprintf("%q", tc.raw), func(t *testing.T) {
			info, err := piecesos.CheckVersion(tc.raw)
			wantRaw := tc.raw
			if tc.rawOut != "" || strings.TrimSpace(tc.raw) == "" {
				wantRaw = tc.rawOut
			}
			assert.Equal(t, wantRaw, info.Raw)
			assert.Equal(t, tc.dev, info.Development)
			assert.Equal(t, tc.version, info.Version)
			if tc.want == ok {
				assert.NoError(t, err)
				return
			}
			require.ErrorIs(t, err, piecesos.ErrIncompatibleVersion)
			var ive *piecesos.IncompatibleVersionError
			require.ErrorAs(t, err, &ive)
			assert.Equal(t, wantRaw, ive.Version)
			assert.Equal(t, piecesos.MinPiecesOSVersion, ive.Min)
			assert.Equal(t, piecesos.MaxPiecesOSVersion, ive.Max)
			assert.Equal(t, tc.want == tooOld, ive.TooOld)
			if tc.want == tooOld {
				assert.Contains(t, err.Error(), "update Pieces OS")
			} else {
				assert.Contains(t, err.Error(), "update the SDK")
			}
		})
	}
}

func TestIncompatibleVersionErrorMessage(t *testing.T) {
	_, err := piecesos.CheckVersion("11.4.2")
	assert.EqualError(t, err, "piecesos: Pieces OS 11.4.2 is older than this SDK supports (>= 12.0.0, < 13.0.0): update Pieces OS")
	_, err = piecesos.CheckVersion("13.0.0-beta.1\n")
	assert.EqualError(t, err, "piecesos: Pieces OS 13.0.0-beta.1 is newer than this SDK supports (>= 12.0.0, < 13.0.0): update the SDK (or the plugin built on it)")

	// A hand-made error with an odd version quotes it, briefly.
	err = &piecesos.IncompatibleVersionError{Version: "13.0.0 \"x\"" + strings.Repeat("y", 100), Min: "12.0.0", Max: "13.0.0"}
	assert.Contains(t, err.Error(), `Pieces OS "13.0.0 \"x\"yyy`)
	assert.Contains(t, err.Error(), `…`)
	assert.Less(t, len(err.Error()), 200)
	assert.True(t, errors.Is(err, piecesos.ErrIncompatibleVersion))
	assert.False(t, errors.Is(err, piecesos.ErrInvalidVersion))
}

// semverOrder is in increasing precedence, by Semantic Versioning 2.0.0 section 11 (its own
// example first).
var semverOrder = []string{
	"1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2",
	"1.0.0-beta.11", "1.0.0-rc.1", "1.0.0",
	"1.0.1-0", "1.0.1-1", "1.0.1-2", "1.0.1-10", "1.0.1-18446744073709551616", "1.0.1-A", "1.0.1-Z", "1.0.1-a", "1.0.1-a.0", "1.0.1-a-b",
	"1.0.1", "1.1.0", "1.10.0", "2.0.0",
	"12.0.0-beta.2", "12.0.0-beta.11", "12.0.0-rc.1", "12.0.0",
	"12.3.0-beta.1", "12.3.0-beta.2", "12.3.0-beta.11", "12.3.0-rc.1", "12.3.0", "12.3.1",
	"13.0.0-alpha", "13.0.0", "18446744073709551615.0.0",
}

func TestVersionCompare(t *testing.T) {
	vs := make([]piecesos.SemVer, len(semverOrder))
	for i, s := range semverOrder {
		var err error
		vs[i], err = piecesos.ParseSemVer(s)
		require.NoError(t, err, s)
	}
	for i := range vs {
		for j := range vs {
			want := 0
			switch {
			case i < j:
				want = -1
			case i > j:
				want = 1
			}
			assert.Equal(t, want, vs[i].Compare(vs[j]), "%s vs %s", semverOrder[i], semverOrder[j])
		}
	}

	// beta.2 < beta.11: numeric identifiers compare as numbers (a string comparison, as the
	// official clients do, gets this wrong).
	b2, b11 := mustVersion(t, "12.3.0-beta.2"), mustVersion(t, "12.3.0-beta.11")
	assert.Equal(t, -1, b2.Compare(b11))
	assert.Equal(t, 1, b11.Compare(b2))

	// Build metadata is ignored.
	for _, pair := range [][2]string{{"1.0.0+a", "1.0.0+b"}, {"1.0.0+a", "1.0.0"}, {"1.0.0-beta+x.1", "1.0.0-beta"}} {
		assert.Equal(t, 0, mustVersion(t, pair[0]).Compare(mustVersion(t, pair[1])), "%s vs %s", pair[0], pair[1])
	}
	// A leading v and white space do not change the version.
	assert.Equal(t, 0, mustVersion(t, " v12.3.1\n").Compare(mustVersion(t, "12.3.1")))

	// Hand-made versions with leading zeros in numeric identifiers still compare as numbers.
	a := piecesos.SemVer{Major: 1, Prerelease: "007"}
	b := piecesos.SemVer{Major: 1, Prerelease: "10"}
	assert.Equal(t, -1, a.Compare(b))
	assert.Equal(t, 0, a.Compare(piecesos.SemVer{Major: 1, Prerelease: "7"}))
}

func mustVersion(t testing.TB, s string) piecesos.SemVer {
	t.Helper()
	v, err := piecesos.ParseSemVer(s)
	require.NoError(t, err, s)
	return v
}

func TestParseSemVer(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want piecesos.SemVer
		str  string // String() when not in
	}{
		{in: "0.0.0"},
		{in: "1.2.3", want: piecesos.SemVer{Major: 1, Minor: 2, Patch: 3}},
		{in: "v1.2.3", want: piecesos.SemVer{Major: 1, Minor: 2, Patch: 3}, str: "1.2.3"},
		{in: "  1.2.3\r\n", want: piecesos.SemVer{Major: 1, Minor: 2, Patch: 3}, str: "1.2.3"},
		{in: "1.2.3-0", want: piecesos.SemVer{Major: 1, Minor: 2, Patch: 3, Prerelease: "0"}},
		{in: "1.2.3-0a.00a", want: piecesos.SemVer{Major: 1, Minor: 2, Patch: 3, Prerelease: "0a.00a"}},
		{in: "1.2.3+001.0", want: piecesos.SemVer{Major: 1, Minor: 2, Patch: 3, Build: "001.0"}},
		{in: "1.0.0----RC-SNAPSHOT.12.9.1--.12+788", want: piecesos.SemVer{Major: 1, Prerelease: "---RC-SNAPSHOT.12.9.1--.12", Build: "788"}},
		{in: "1.0.0-rc.1+build.1-x", want: piecesos.SemVer{Major: 1, Prerelease: "rc.1", Build: "build.1-x"}},
		{in: "18446744073709551615.18446744073709551615.18446744073709551615", want: piecesos.SemVer{Major: 1<<64 - 1, Minor: 1<<64 - 1, Patch: 1<<64 - 1}},
	} {
		t.Run(tc.in, func(t *testing.T) {
			got, err := piecesos.ParseSemVer(tc.in)
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
			str := tc.in
			if tc.str != "" {
				str = tc.str
			}
			assert.Equal(t, str, got.String())
		})
	}
}

func TestParseSemVerInvalid(t *testing.T) {
	for _, tc := range []struct{ in, reason string }{
		{"", "empty"},
		{" \n", "empty"},
		{"v", "empty"},
		{"debug", "want MAJOR.MINOR.PATCH"},
		{"1", "want MAJOR.MINOR.PATCH"},
		{"1.2", "want MAJOR.MINOR.PATCH"},
		{"1.2.3.4", "want MAJOR.MINOR.PATCH"},
		{"vv1.2.3", "must be numbers"},
		{"a.b.c", "must be numbers"},
		{"1.2.x", "must be numbers"},
		{"1..3", "must be numbers"},
		{"1.2.3 beta", "must be numbers"},
		{"+1.2.3", "want MAJOR.MINOR.PATCH"},
		{"01.2.3", "leading zero"},
		{"1.02.3", "leading zero"},
		{"1.2.03", "leading zero"},
		{"18446744073709551616.0.0", "too large"},
		{"1.2.3-", "empty pre-release identifier"},
		{"1.2.3-a..b", "empty pre-release identifier"},
		{"1.2.3-a.", "empty pre-release identifier"},
		{"1.2.3-01", "numeric pre-release identifier with a leading zero"},
		{"1.2.3-beta.01", "numeric pre-release identifier with a leading zero"},
		{"1.2.3-a_b", "pre-release identifiers may only hold [0-9A-Za-z-]"},
		{"1.2.3-é", "pre-release identifiers may only hold"},
		{"1.2.3+", "empty build metadata identifier"},
		{"1.2.3+a..b", "empty build metadata identifier"},
		{"1.2.3+a+b", "build metadata identifiers may only hold"},
		{"1.2.3-a b", "pre-release identifiers may only hold"},
	} {
		t.Run(tc.in, func(t *testing.T) {
			v, err := piecesos.ParseSemVer(tc.in)
			assert.Equal(t, piecesos.SemVer{}, v)
			require.ErrorIs(t, err, piecesos.ErrInvalidVersion)
			var ive *piecesos.InvalidVersionError
			require.ErrorAs(t, err, &ive)
			assert.Equal(t, tc.in, ive.Value)
			assert.Contains(t, ive.Reason, tc.reason)
			assert.Equal(t, fmt.Sprintf("piecesos: invalid version %q: %s", tc.in, ive.Reason), err.Error())
		})
	}
	t.Run("long input quoted briefly", func(t *testing.T) {
		_, err := piecesos.ParseSemVer(strings.Repeat("é", 1000))
		require.Error(t, err)
		msg := err.Error()
		assert.Less(t, len(msg), 160)
		assert.True(t, utf8.ValidString(msg), "cut on a rune boundary")
		assert.Contains(t, msg, "…")
	})
}

func FuzzParseSemVer(f *testing.F) {
	for _, s := range append([]string{"", "debug", "v12.3.1\n", "1.2.3-01", "1.2.3+a..b", "99999999999999999999.0.0", "1.0.0-\xff"}, semverOrder...) {
		f.Add(s)
	}
	lo, hi := mustVersion(f, piecesos.MinPiecesOSVersion), mustVersion(f, piecesos.MaxPiecesOSVersion)
	f.Fuzz(func(t *testing.T, s string) {
		v, err := piecesos.ParseSemVer(s)
		info, cerr := piecesos.CheckVersion(s)
		if err != nil {
			if !errors.Is(err, piecesos.ErrInvalidVersion) {
				t.Fatalf("ParseSemVer(%q): error %v does not match ErrInvalidVersion", s, err)
			}
			if v != (piecesos.SemVer{}) {
				t.Fatalf("ParseSemVer(%q): %+v with an error", s, v)
			}
			if cerr != nil || !info.Development {
				t.Fatalf("CheckVersion(%q) = %+v, %v: an unparseable version is a development build", s, info, cerr)
			}
			return
		}
		// The canonical form parses back to the same version, which is equal to itself.
		again, err := piecesos.ParseSemVer(v.String())
		if err != nil || again != v {
			t.Fatalf("ParseSemVer(%q) = %+v, whose String %q parses to %+v, %v", s, v, v.String(), again, err)
		}
		if v.Compare(again) != 0 {
			t.Fatalf("%q does not compare equal to itself", s)
		}
		// Compare is antisymmetric.
		for _, w := range []piecesos.SemVer{lo, hi, {Major: 12, Prerelease: "beta.2"}} {
			if v.Compare(w) != -w.Compare(v) {
				t.Fatalf("Compare(%q, %q) is not antisymmetric", v, w)
			}
		}
		// CheckVersion agrees with the range on MAJOR.MINOR.PATCH.
		core := piecesos.SemVer{Major: v.Major, Minor: v.Minor, Patch: v.Patch}
		inside := core.Compare(lo) >= 0 && core.Compare(hi) < 0
		if info.Development || info.Version != v || inside != (cerr == nil) {
			t.Fatalf("CheckVersion(%q) = %+v, %v; inside the range: %v", s, info, cerr, inside)
		}
		if cerr != nil && !errors.Is(cerr, piecesos.ErrIncompatibleVersion) {
			t.Fatalf("CheckVersion(%q): %v does not match ErrIncompatibleVersion", s, cerr)
		}
	})
}

func ExampleCheckVersion() {
	for _, raw := range []string{"12.3.1\n", "debug", "11.4.2", "13.0.0-beta.1"} {
		info, err := piecesos.CheckVersion(raw)
		var incompatible *piecesos.IncompatibleVersionError
		switch {
		case errors.As(err, &incompatible) && incompatible.TooOld:
			fmt.Println(info.Raw, "-> update Pieces OS")
		case errors.As(err, &incompatible):
			fmt.Println(info.Raw, "-> update the plugin")
		case info.Development:
			fmt.Println(info.Raw, "-> development build, not checked")
		default:
			fmt.Println(info.Raw, "-> supported, major", info.Version.Major)
		}
	}
	// Output:
	// 12.3.1 -> supported, major 12
	// debug -> development build, not checked
	// 11.4.2 -> update Pieces OS
	// 13.0.0-beta.1 -> update the plugin
}
