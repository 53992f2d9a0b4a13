package main

import (
	"bytes"
	"strings"
	"testing"
)

func TestParseBenchLine(t *testing.T) {
	for _, tc := range []struct {
		line              string
		want              key
		ns, bytes, allocs float64
		ok                bool
	}{
		{"BenchmarkSnapshot/peer=ogen-2   \t 21626\t 59953 ns/op\t 11252 B/op\t 117 allocs/op", key{"Snapshot", "ogen"}, 59953, 11252, 117, true},
		{"BenchmarkDecode/peer=raw-2  180394  7590 ns/op  82.47 MB/s  1032 B/op  26 allocs/op", key{"Decode", "raw"}, 7590, 1032, 26, true},
		{"BenchmarkSnapshotParallel/peer=sdk 100 1.5 ns/op 0 B/op 0 allocs/op", key{"SnapshotParallel", "sdk"}, 1.5, 0, 0, true},
		{"BenchmarkUpdate/peer=raw-2 100 70000 ns/op 65000 cpu-ns/op 12590 B/op 133 allocs/op", key{"Update", "raw"}, 70000, 12590, 133, true},
		{"BenchmarkSnapshot/peer=ogen-2 100 59953 ns/op", key{}, 0, 0, 0, false},     // no -benchmem
		{"BenchmarkOther-2 100 5 ns/op 0 B/op 0 allocs/op", key{}, 0, 0, 0, false},   // no peer
		{"BenchmarkSnapshot/peer=ogen-2 --- FAIL: something", key{}, 0, 0, 0, false}, // not a result
	} {
		k, m, ok := parseBenchLine(tc.line)
		ns, b, a := m.ns, m.bytes, m.allocs
		if ok != tc.ok {
			t.Errorf("%q: ok = %v, want %v", tc.line, ok, tc.ok)
			continue
		}
		if !ok {
			continue
		}
		if k != tc.want || ns != tc.ns || b != tc.bytes || a != tc.allocs {
			t.Errorf("%q: got %v %v %v %v, want %v %v %v %v", tc.line, k, ns, b, a, tc.want, tc.ns, tc.bytes, tc.allocs)
		}
	}
}

func TestInstrColumns(t *testing.T) {
	res := &result{config: map[string]string{}, series: map[key]*samples{}}
	in := sampleOutput + `BenchmarkSnapshot/peer=floor 1000 100000 instr/op
BenchmarkSnapshot/peer=ogen 1000 140000 instr/op
BenchmarkSnapshot/peer=sdk 1000 120000 instr/op
`
	if err := res.parse(strings.NewReader(in)); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := write(&out, res, true, 2); err != nil {
		t.Fatal(err)
	}
	got := out.String()
	for _, want := range []string{
		"| Snapshot | ogen | 2 | 205 | 190 | 30 | 5 | 100 | 100 | 20 | 4 | 0.50x | 0.40x | 0.50x | 0.50x | 140000 | 40000 | 0.50x |",
		"| Snapshot | sdk | 2 | 155 | 130 | 20 | 3 | 50 | 40 | 10 | 2 | — | — | — | — | 120000 | 20000 | — |",
		"(instr/op: sdk 20000 vs 40000)",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("output lacks %q:\n%s", want, got)
		}
	}
}

func TestRatio(t *testing.T) {
	for _, tc := range []struct {
		a, b float64
		want string
	}{
		{50, 100, "0.50x"},
		{0, 0, "1.00x"},
		{10, 0, "n/a"},
		{10, -5, "n/a"},
		{-5, 10, "<0"},
	} {
		if got := ratio(tc.a, tc.b); got != tc.want {
			t.Errorf("ratio(%v, %v) = %q, want %q", tc.a, tc.b, got, tc.want)
		}
	}
}

func TestMedian(t *testing.T) {
	for _, tc := range []struct {
		in   []float64
		want float64
	}{
		{[]float64{3}, 3},
		{[]float64{5, 1, 3}, 3},
		{[]float64{6, 1, 2, 100, 4, 5}, 4.5},
	} {
		if got := median(tc.in); got != tc.want {
			t.Errorf("median(%v) = %v, want %v", tc.in, got, tc.want)
		}
	}
}

const sampleOutput = `transport-sdk: sdk uses its own transport
loadavg-start: 0.50 0.40 0.30
loadavg-end: 7.10 3.00 1.00
goos: linux
cpu: Test CPU
BenchmarkSnapshot/peer=floor-2 10 100 ns/op 90 cpu-ns/op 10 B/op 1 allocs/op
BenchmarkSnapshot/peer=floor-2 10 110 ns/op 90 cpu-ns/op 10 B/op 1 allocs/op
BenchmarkSnapshot/peer=ogen-2 10 200 ns/op 190 cpu-ns/op 30 B/op 5 allocs/op
BenchmarkSnapshot/peer=ogen-2 10 210 ns/op 190 cpu-ns/op 30 B/op 5 allocs/op
BenchmarkSnapshot/peer=sdk-2 10 150 ns/op 130 cpu-ns/op 20 B/op 3 allocs/op
BenchmarkSnapshot/peer=sdk-2 10 160 ns/op 130 cpu-ns/op 20 B/op 3 allocs/op
BenchmarkDecode/peer=ogen-2 10 1000 ns/op 800 B/op 10 allocs/op
BenchmarkDecode/peer=raw-2 10 8000 ns/op 1000 B/op 20 allocs/op
BenchmarkDecode/peer=sdk-2 10 2500 ns/op 700 B/op 12 allocs/op
`

func TestWriteTableAndCriteria(t *testing.T) {
	res := &result{config: map[string]string{}, series: map[key]*samples{}}
	if err := res.parse(strings.NewReader(sampleOutput)); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := write(&out, res, true, 2); err != nil {
		t.Fatal(err)
	}
	got := out.String()
	for _, want := range []string{
		"cpu Test CPU",
		"Note: sdk uses its own transport.",
		"at the start: 0.50 0.40 0.30; at the end: 7.10 3.00 1.00. Other processes were competing",
		// ogen: 205 ns total, cost 205-105 = 100 ns, 20 B, 4 allocs; sdk cost 50 ns, 10 B, 2 allocs.
		// cpu: floor 90, ogen cost 100, sdk cost 40.
		"| Snapshot | ogen | 2 | 205 | 190 | 30 | 5 | 100 | 100 | 20 | 4 | 0.50x | 0.40x | 0.50x | 0.50x |",
		"| Snapshot | floor | 2 | 105 | 90 | 10 | 1 | — | — | — | — | — | — | — | — |",
		"| Decode | raw (encoding/json) | 1 | 8000 | — | 1000 | 20 | 8000 | — | 1000 | 20 | 0.31x | — | 0.70x | 0.60x |",
		"PASS Snapshot cost ns/op vs ogen: sdk 50 <= 100 (cpu-ns/op: sdk 40 vs 100)",
		"PASS Snapshot cost allocs/op vs ogen: sdk 2 <= 4\n",
		"MISSING Snapshot cost ns/op vs raw: no Snapshot/peer=raw result",
		"FAIL Decode ns/op vs ogen: sdk 2500 <= 1000",
		"FAIL Decode allocs/op vs ogen: sdk 12 <= 10",
		"FAIL Decode ns/op vs encoding/json (raw) ÷ 4: sdk 2500 <= 2000",
		"Warning: fewer than 2 samples in Decode/raw (1), Decode/ogen (1)",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("output lacks %q:\n%s", want, got)
		}
	}
}

func TestCallerCriteria(t *testing.T) {
	res := &result{config: map[string]string{}, series: map[key]*samples{}}
	in := `transport-caller: one caller client
BenchmarkCallerClientSnapshot/peer=floor-2 10 100 ns/op 10 B/op 60 allocs/op
BenchmarkCallerClientSnapshot/peer=ogen-2 10 200 ns/op 30 B/op 90 allocs/op
BenchmarkCallerClientSnapshot/peer=sdk-2 10 150 ns/op 20 B/op 80 allocs/op
BenchmarkCallerClientSnapshot/peer=sdk-default-2 10 150 ns/op 20 B/op 81 allocs/op
BenchmarkCallerClientSnapshot/peer=floor 1000 100000 instr/op
BenchmarkCallerClientSnapshot/peer=ogen 1000 130000 instr/op
BenchmarkCallerClientSnapshot/peer=sdk 1000 120000 instr/op
BenchmarkCallerClientSnapshot/peer=sdk 1000 120400 instr/op
BenchmarkCallerClientSnapshot/peer=sdk-default 1000 119000 instr/op
BenchmarkCallerClientUpdate/peer=floor-2 10 100 ns/op 10 B/op 60 allocs/op
BenchmarkCallerClientUpdate/peer=ogen-2 10 200 ns/op 30 B/op 90 allocs/op
BenchmarkCallerClientUpdate/peer=sdk-2 10 200 ns/op 30 B/op 80 allocs/op
BenchmarkDecode/peer=ogen-2 10 1000 ns/op 800 B/op 10 allocs/op
`
	if err := res.parse(strings.NewReader(in)); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := write(&out, res, true, 1); err != nil {
		t.Fatal(err)
	}
	got := out.String()
	for _, want := range []string{
		"Note: one caller client.",
		// sdk: instr median 120200, cost 20200 vs ogen's 30000; allocs cost 20 vs 30.
		"| CallerClientSnapshot | sdk | 1 | 150 | — | 20 | 80 | 50 | — | 10 | 20 | — | — | — | — | 120200 | 20200 | — |",
		"| CallerClientSnapshot | sdk-default | 1 | 150 | — | 20 | 81 | 50 | — | 10 | 21 | 1.00x | — | 1.00x | 0.95x | 119000 | 19000 | 1.06x |",
		"Criteria (issue 10 point 9, caller-client harness)",
		"PASS CallerClientSnapshot cost instr/op vs ogen: sdk 20200 < 30000",
		"PASS CallerClientSnapshot cost allocs/op vs ogen: sdk 20 < 30",
		"PASS CallerClientSnapshot sdk-default cost instr/op vs sdk: sdk-default 19000 <= 20200",
		"FAIL CallerClientSnapshot sdk-default cost allocs/op vs sdk: sdk-default 21 <= 20",
		"MISSING CallerClientUpdate cost instr/op vs ogen: no CallerClientUpdate instr/op result",
		"PASS CallerClientUpdate cost allocs/op vs ogen: sdk 20 < 30",
		"MISSING CallerClientUpdate sdk-default cost allocs/op vs sdk: no CallerClientUpdate/peer=sdk-default result",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("output lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "issue 5") {
		t.Errorf("the caller harness alone prints issue 5's criteria:\n%s", got)
	}
}
