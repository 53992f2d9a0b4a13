// Command benchtable reads `go test -bench -benchmem` output of the benchmarks module and prints
// one table: per benchmark and peer the median ns/op, B/op and allocs/op, the client cost (peer
// minus the floor peer, for the HTTP benchmarks) and the SDK's ratio to each peer, followed by the
// performance criteria checked against those medians: issue 5's for the first harness (Snapshot,
// Update, SnapshotParallel, Decode, Encode), issue 10 point 9's for the caller-client harness
// (CallerClientSnapshot, CallerClientUpdate).
//
// Usage:
//
//	benchtable [-md] [-min-count 6] results.txt...
//
// With no file it reads standard input.
package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Names the benchmarks module uses.
const (
	floorPeer = "floor"
	sdkPeer   = "sdk"
	rawPeer   = "raw"
	ogenPeer  = "ogen"
	oapiPeer  = "oapicodegen"
	// sdkDefaultPeer is the SDK on its own default transport in the caller-client harness.
	sdkDefaultPeer = "sdk-default"
)

// httpBenchmarks are the benchmarks that go over HTTP and so have a floor to subtract.
var httpBenchmarks = map[string]bool{"Snapshot": true, "Update": true, "SnapshotParallel": true,
	"CallerClientSnapshot": true, "CallerClientUpdate": true}

// benchOrder and peerOrder fix the order of the rows; names not listed follow alphabetically.
var (
	benchOrder = []string{"Snapshot", "Update", "SnapshotParallel", "CallerClientSnapshot", "CallerClientUpdate", "Decode", "Encode"}
	peerOrder  = []string{floorPeer, rawPeer, ogenPeer, oapiPeer, sdkPeer, "sdk-tuned", sdkDefaultPeer}
)

// key names one series: a benchmark and a peer.
type key struct{ bench, peer string }

// samples holds every measurement of one series.
type samples struct {
	ns, cpu, bytes, allocs, instr []float64
}

// stats are the medians of one series; cpu (the cpu-ns/op metric of the benchmarks, process CPU
// time per op) is NaN when the input has none.
type stats struct {
	n                            int
	ns, cpu, bytes, alloc, instr float64
}

// metrics are the values of one benchmark result line.
type metrics struct {
	ns, cpu, bytes, allocs, instr float64
	hasCPU, hasInstr, hasTime     bool
}

// result is everything read from the input.
type result struct {
	config map[string]string // key: value lines (goos, cpu, transport-sdk, ...)
	series map[key]*samples
}

func main() {
	md := flag.Bool("md", false, "print the table as Markdown")
	minCount := flag.Int("min-count", 6, "warn when a series has fewer samples than this")
	flag.Usage = func() {
		fmt.Fprintln(flag.CommandLine.Output(), "usage: benchtable [-md] [-min-count N] [results.txt...]")
		flag.PrintDefaults()
	}
	flag.Parse()

	res := &result{config: map[string]string{}, series: map[key]*samples{}}
	if flag.NArg() == 0 {
		if err := res.parse(os.Stdin); err != nil {
			fatal(err)
		}
	}
	for _, name := range flag.Args() {
		f, err := os.Open(name)
		if err != nil {
			fatal(err)
		}
		err = res.parse(f)
		f.Close()
		if err != nil {
			fatal(fmt.Errorf("%s: %w", name, err))
		}
	}
	if len(res.series) == 0 {
		fatal(errors.New("no benchmark results in the input"))
	}
	if err := write(os.Stdout, res, *md, *minCount); err != nil {
		fatal(err)
	}
}

func fatal(err error) {
	fmt.Fprintln(os.Stderr, "benchtable:", err)
	os.Exit(1)
}

// parse adds the benchmark lines and configuration lines of r to res.
func (res *result) parse(r io.Reader) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "Benchmark") {
			k, m, ok := parseBenchLine(line)
			if !ok {
				continue
			}
			s := res.series[k]
			if s == nil {
				s = &samples{}
				res.series[k] = s
			}
			if m.hasTime {
				s.ns = append(s.ns, m.ns)
				s.bytes = append(s.bytes, m.bytes)
				s.allocs = append(s.allocs, m.allocs)
			}
			if m.hasCPU {
				s.cpu = append(s.cpu, m.cpu)
			}
			if m.hasInstr {
				s.instr = append(s.instr, m.instr)
			}
			continue
		}
		if name, value, ok := strings.Cut(line, ": "); ok && isConfigKey(name) {
			res.config[name] = strings.TrimSpace(value)
		}
	}
	return sc.Err()
}

// isConfigKey reports whether s is a benchmark-format configuration key (lower case start, no
// spaces).
func isConfigKey(s string) bool {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return false
	}
	return !strings.ContainsAny(s, " \t")
}

// parseBenchLine reads one result line, e.g.
//
//	BenchmarkSnapshot/peer=ogen-2   21626   59953 ns/op   58000 cpu-ns/op   11252 B/op   117 allocs/op
//
// The benchmark name drops the "Benchmark" prefix, the GOMAXPROCS suffix and the peer= part;
// a line counts when it has ns/op, B/op and allocs/op (cpu-ns/op is optional) or when it has
// instr/op (the output of instr.sh).
func parseBenchLine(line string) (k key, m metrics, ok bool) {
	f := strings.Fields(line)
	if len(f) < 4 {
		return k, m, false
	}
	name := strings.TrimPrefix(f[0], "Benchmark")
	if i := strings.LastIndexByte(name, '-'); i > 0 {
		if _, err := strconv.Atoi(name[i+1:]); err == nil {
			name = name[:i]
		}
	}
	var parts []string
	for _, p := range strings.Split(name, "/") {
		if v, found := strings.CutPrefix(p, "peer="); found {
			k.peer = v
			continue
		}
		parts = append(parts, p)
	}
	if k.peer == "" {
		return k, m, false
	}
	k.bench = strings.Join(parts, "/")
	var have int
	for i := 2; i+1 < len(f); i += 2 {
		v, err := strconv.ParseFloat(f[i], 64)
		if err != nil {
			return k, m, false
		}
		switch f[i+1] {
		case "ns/op":
			m.ns, have = v, have|1
		case "B/op":
			m.bytes, have = v, have|2
		case "allocs/op":
			m.allocs, have = v, have|4
		case "cpu-ns/op":
			m.cpu, m.hasCPU = v, true
		case "instr/op":
			m.instr, m.hasInstr = v, true
		}
	}
	m.hasTime = have == 7
	return k, m, m.hasTime || m.hasInstr
}

// median returns the median of xs (the mean of the two middle values for an even count).
func median(xs []float64) float64 {
	if len(xs) == 0 {
		return math.NaN()
	}
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	m := len(s) / 2
	if len(s)%2 == 1 {
		return s[m]
	}
	return (s[m-1] + s[m]) / 2
}

// medians turns every series into its medians.
func (res *result) medians() map[key]stats {
	out := make(map[key]stats, len(res.series))
	for k, s := range res.series {
		out[k] = stats{n: len(s.ns), ns: median(s.ns), cpu: median(s.cpu), bytes: median(s.bytes),
			alloc: median(s.allocs), instr: median(s.instr)}
	}
	return out
}

// busy reports whether the 1-minute load average of a load-average line is above limit. At the
// start the load is the other processes' (limit 1.5); at the end it includes the benchmark's own
// runnable threads, about two on a 2-core machine (limit 3.5).
func busy(loadavg string, limit float64) bool {
	f := strings.Fields(loadavg)
	if len(f) == 0 {
		return false
	}
	v, err := strconv.ParseFloat(f[0], 64)
	return err == nil && v > limit
}

// ordered returns the names in want's order first, then the others alphabetically.
func ordered(have map[string]bool, want []string) []string {
	var out []string
	for _, w := range want {
		if have[w] {
			out = append(out, w)
			delete(have, w)
		}
	}
	var rest []string
	for h := range have {
		rest = append(rest, h)
	}
	sort.Strings(rest)
	return append(out, rest...)
}

// cost is what a peer adds over the floor in one HTTP benchmark; ok is false when there is no
// floor (codec benchmarks), in which case the totals are the cost.
func cost(med map[key]stats, bench, peer string) (c stats, ok bool) {
	s, found := med[key{bench, peer}]
	if !found {
		return stats{}, false
	}
	if !httpBenchmarks[bench] {
		return s, false
	}
	f, found := med[key{bench, floorPeer}]
	if !found {
		return s, false
	}
	return stats{n: s.n, ns: s.ns - f.ns, cpu: s.cpu - f.cpu, bytes: s.bytes - f.bytes,
		alloc: s.alloc - f.alloc, instr: s.instr - f.instr}, true
}

// ratio formats a/b as "0.85x". A cost at or below zero (the peer measured no slower than the
// floor: noise) has no meaningful quotient: "n/a" when it is the peer's, "<0" when the SDK's.
func ratio(a, b float64) string {
	switch {
	case math.IsNaN(a) || math.IsNaN(b):
		return "—"
	case a == 0 && b == 0:
		return "1.00x"
	case b <= 0:
		return "n/a"
	case a < 0:
		return "<0"
	}
	return fmt.Sprintf("%.2fx", a/b)
}

// num formats a median without a meaningless fraction.
func num(v float64) string {
	if math.IsNaN(v) {
		return "—"
	}
	if v == math.Trunc(v) || math.Abs(v) >= 100 {
		return strconv.FormatFloat(v, 'f', 0, 64)
	}
	return strconv.FormatFloat(v, 'f', 1, 64)
}

// peerLabel names a peer for the table, saying which codec the plain one uses.
func peerLabel(p string) string {
	if p == rawPeer {
		return "raw (encoding/json)"
	}
	return p
}

// write prints the header notes, the table and the criteria.
func write(w io.Writer, res *result, md bool, minCount int) error {
	med := res.medians()
	benches, peersOf := map[string]bool{}, map[string]map[string]bool{}
	for k := range med {
		benches[k.bench] = true
		if peersOf[k.bench] == nil {
			peersOf[k.bench] = map[string]bool{}
		}
		peersOf[k.bench][k.peer] = true
	}

	counts := map[int]bool{}
	for _, s := range med {
		counts[s.n] = true
	}
	var ns []string
	for n := range counts {
		ns = append(ns, strconv.Itoa(n))
	}
	sort.Strings(ns)
	fmt.Fprintf(w, "Medians of %s runs per series", strings.Join(ns, "/"))
	for _, c := range []string{"goos", "goarch", "cpu"} {
		if v := res.config[c]; v != "" {
			fmt.Fprintf(w, "; %s %s", c, v)
		}
	}
	fmt.Fprintln(w, ".")
	for _, c := range []string{"transport-peers", "transport-sdk", "transport-caller"} {
		if v := res.config[c]; v != "" {
			fmt.Fprintf(w, "Note: %s.\n", v)
		}
	}
	if start, end := res.config["loadavg-start"], res.config["loadavg-end"]; start != "" || end != "" {
		fmt.Fprintf(w, "Load averages (1, 5, 15 min) of the machine at the start: %s; at the end: %s.", start, end)
		if busy(start, 1.5) || busy(end, 3.5) {
			fmt.Fprint(w, " Other processes were competing for the cores: ns/op is unreliable, compare cpu-ns/op (and instr/op).")
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintln(w, "cpu-ns/op = CPU time of the whole process (client and server goroutines) per op: less disturbed than ns/op by other load on the machine.")
	haveInstr := false
	for _, s := range med {
		if !math.IsNaN(s.instr) {
			haveInstr = true
		}
	}
	if haveInstr {
		fmt.Fprintln(w, "instr/op = instructions per op of the whole process counted by callgrind (instr.sh): independent of other load, but not time.")
	}
	fmt.Fprintln(w, "cost = peer minus floor (HTTP benchmarks; the codec benchmarks have no floor, their totals are the cost).")
	fmt.Fprintln(w, "sdk÷peer = the SDK's cost divided by the peer's cost (below 1.00x: the SDK is cheaper).")
	fmt.Fprintln(w)

	header := []string{"benchmark", "peer", "n", "ns/op", "cpu-ns/op", "B/op", "allocs/op",
		"cost ns/op", "cost cpu-ns/op", "cost B/op", "cost allocs/op",
		"sdk÷peer ns", "sdk÷peer cpu-ns", "sdk÷peer B", "sdk÷peer allocs"}
	if haveInstr {
		header = append(header, "instr/op", "cost instr/op", "sdk÷peer instr")
	}
	var rows [][]string
	var short []string
	for _, b := range ordered(benches, benchOrder) {
		sdkCost, _ := cost(med, b, sdkPeer)
		_, haveSDK := med[key{b, sdkPeer}]
		for _, p := range ordered(peersOf[b], peerOrder) {
			s := med[key{b, p}]
			if s.n < minCount {
				short = append(short, fmt.Sprintf("%s/%s (%d)", b, p, s.n))
			}
			row := []string{b, peerLabel(p), strconv.Itoa(s.n), num(s.ns), num(s.cpu), num(s.bytes), num(s.alloc)}
			c, _ := cost(med, b, p)
			if p == floorPeer {
				row = append(row, "—", "—", "—", "—")
			} else {
				row = append(row, num(c.ns), num(c.cpu), num(c.bytes), num(c.alloc))
			}
			if p == floorPeer || p == sdkPeer || !haveSDK {
				row = append(row, "—", "—", "—", "—")
			} else {
				row = append(row, ratio(sdkCost.ns, c.ns), ratio(sdkCost.cpu, c.cpu),
					ratio(sdkCost.bytes, c.bytes), ratio(sdkCost.alloc, c.alloc))
			}
			if haveInstr {
				ci, r := "—", "—"
				if p != floorPeer {
					ci = num(c.instr)
					if p != sdkPeer && haveSDK {
						r = ratio(sdkCost.instr, c.instr)
					}
				}
				row = append(row, num(s.instr), ci, r)
			}
			rows = append(rows, row)
		}
	}
	if md {
		writeMarkdown(w, header, rows)
	} else {
		writeText(w, header, rows)
	}
	if len(short) > 0 {
		fmt.Fprintf(w, "\nWarning: fewer than %d samples in %s.\n", minCount, strings.Join(short, ", "))
	}
	fmt.Fprintln(w)
	writeCriteria(w, med)
	return nil
}

// writeText prints an aligned plain-text table: the two name columns left-aligned, the numbers
// right-aligned.
func writeText(w io.Writer, header []string, rows [][]string) {
	all := append([][]string{header}, rows...)
	width := make([]int, len(header))
	for _, r := range all {
		for i, c := range r {
			if n := utf8.RuneCountInString(c); n > width[i] {
				width[i] = n
			}
		}
	}
	for _, r := range all {
		var sb strings.Builder
		for i, c := range r {
			pad := strings.Repeat(" ", width[i]-utf8.RuneCountInString(c))
			if i > 0 {
				sb.WriteString("  ")
			}
			if i < 2 {
				sb.WriteString(c + pad)
			} else {
				sb.WriteString(pad + c)
			}
		}
		fmt.Fprintln(w, strings.TrimRight(sb.String(), " "))
	}
}

func writeMarkdown(w io.Writer, header []string, rows [][]string) {
	fmt.Fprintln(w, "| "+strings.Join(header, " | ")+" |")
	seps := make([]string, len(header))
	for i := range seps {
		if i < 2 {
			seps[i] = "---"
		} else {
			seps[i] = "---:"
		}
	}
	fmt.Fprintln(w, "|"+strings.Join(seps, "|")+"|")
	for _, r := range rows {
		fmt.Fprintln(w, "| "+strings.Join(r, " | ")+" |")
	}
}

// check is one criterion: the SDK's value against a bound derived from a peer.
type check struct {
	what       string
	subject    string // the peer whose value sdk is ("sdk", "sdk-default")
	sdk, bound float64
	strict     bool // sdk < bound instead of sdk <= bound
	missing    string
	// cpuSDK and cpuBound repeat an ns/op check in cpu-ns/op, instrSDK and instrBound in
	// instr/op, for information (NaN: none).
	cpuSDK, cpuBound, instrSDK, instrBound float64
}

func (c check) String() string {
	if c.missing != "" {
		return fmt.Sprintf("MISSING %s: no %s result", c.what, c.missing)
	}
	op, pass := "<=", c.sdk <= c.bound
	if c.strict {
		op, pass = "<", c.sdk < c.bound
	}
	verdict := "PASS"
	if !pass {
		verdict = "FAIL"
	}
	line := fmt.Sprintf("%s %s: %s %s %s %s", verdict, c.what, c.subject, num(c.sdk), op, num(c.bound))
	if !math.IsNaN(c.cpuSDK) && !math.IsNaN(c.cpuBound) {
		line += fmt.Sprintf(" (cpu-ns/op: %s %s vs %s)", c.subject, num(c.cpuSDK), num(c.cpuBound))
	}
	if !math.IsNaN(c.instrSDK) && !math.IsNaN(c.instrBound) {
		line += fmt.Sprintf(" (instr/op: %s %s vs %s)", c.subject, num(c.instrSDK), num(c.instrBound))
	}
	return line
}

// writeCriteria checks the medians against the "done when" lists: issue 5's when the input has
// the first harness (or only the codec benchmarks), issue 10 point 9's when it has the
// caller-client harness.
func writeCriteria(w io.Writer, med map[key]stats) {
	has := func(bench string) bool {
		for k := range med {
			if k.bench == bench {
				return true
			}
		}
		return false
	}
	caller := has("CallerClientSnapshot") || has("CallerClientUpdate")
	if !caller || has("Snapshot") || has("Update") {
		writeChecks(w, "Criteria (issue 5), on these medians:", issue5Checks(med))
	}
	if caller {
		writeChecks(w, "Criteria (issue 10 point 9, caller-client harness), on these medians:", callerChecks(med))
	}
}

// writeChecks prints checks under title and how many pass.
func writeChecks(w io.Writer, title string, checks []check) {
	fmt.Fprintln(w, title)
	pass := 0
	for _, c := range checks {
		line := c.String()
		if strings.HasPrefix(line, "PASS") {
			pass++
		}
		fmt.Fprintln(w, "  "+line)
	}
	fmt.Fprintf(w, "%d of %d criteria pass.\n", pass, len(checks))
}

// checker builds checks of one peer's cost (subject) against another's (bound) on med.
type checker struct {
	med    map[key]stats
	checks []check
}

// get returns the cost of bench/peer, or what is missing to compute it.
func (ck *checker) get(bench, peer string) (stats, string) {
	if _, ok := ck.med[key{bench, peer}]; !ok {
		return stats{}, bench + "/peer=" + peer
	}
	if httpBenchmarks[bench] {
		if _, ok := ck.med[key{bench, floorPeer}]; !ok {
			return stats{}, bench + "/peer=" + floorPeer
		}
	}
	c, _ := cost(ck.med, bench, peer)
	return c, ""
}

// add checks metric(subject's cost) against metric(bound's cost) × scale.
func (ck *checker) add(what, bench, subject, bound string, metric func(stats) float64, scale float64, strict bool) {
	s, missSubject := ck.get(bench, subject)
	p, missBound := ck.get(bench, bound)
	c := check{what: what, subject: subject, strict: strict, missing: missSubject,
		cpuSDK: math.NaN(), cpuBound: math.NaN(), instrSDK: math.NaN(), instrBound: math.NaN()}
	if c.missing == "" {
		c.missing = missBound
	}
	if c.missing == "" {
		c.sdk, c.bound = metric(s), metric(p)*scale
		if math.IsNaN(c.sdk) || math.IsNaN(c.bound) {
			c.missing = bench + " " + unitOf(what) // instr/op without an instr.sh run

		}
		if strings.Contains(what, " ns/op") {
			c.cpuSDK, c.cpuBound = s.cpu, p.cpu*scale
			c.instrSDK, c.instrBound = s.instr, p.instr*scale
		}
	}
	ck.checks = append(ck.checks, c)
}

// unitOf returns the unit a check's description names: the word before " vs ".
func unitOf(what string) string {
	before, _, _ := strings.Cut(what, " vs ")
	return before[strings.LastIndexByte(before, ' ')+1:]
}

var (
	nsOf     = func(s stats) float64 { return s.ns }
	allocsOf = func(s stats) float64 { return s.alloc }
	instrOf  = func(s stats) float64 { return s.instr }
)

// issue5Checks are the criteria of issue 5 (the first harness and the codec).
func issue5Checks(med map[key]stats) []check {
	ck := &checker{med: med}
	for _, b := range []string{"Snapshot", "Update"} {
		ck.add(b+" cost ns/op vs ogen", b, sdkPeer, ogenPeer, nsOf, 1, false)
		ck.add(b+" cost ns/op vs raw", b, sdkPeer, rawPeer, nsOf, 1, false)
		ck.add(b+" cost ns/op vs oapicodegen", b, sdkPeer, oapiPeer, nsOf, 1, true)
		ck.add(b+" cost allocs/op vs ogen", b, sdkPeer, ogenPeer, allocsOf, 1, false)
		ck.add(b+" cost allocs/op vs raw", b, sdkPeer, rawPeer, allocsOf, 1, false)
		ck.add(b+" cost allocs/op vs oapicodegen", b, sdkPeer, oapiPeer, allocsOf, 1, true)
	}
	ck.add("SnapshotParallel cost ns/op vs ogen", "SnapshotParallel", sdkPeer, ogenPeer, nsOf, 1, false)
	for _, b := range []string{"Decode", "Encode"} {
		ck.add(b+" ns/op vs ogen", b, sdkPeer, ogenPeer, nsOf, 1, false)
		ck.add(b+" allocs/op vs ogen", b, sdkPeer, ogenPeer, allocsOf, 1, false)
		ck.add(b+" ns/op vs encoding/json (raw) ÷ 4", b, sdkPeer, rawPeer, nsOf, 0.25, false)
	}
	return ck.checks
}

// callerChecks are the criteria of issue 10 point 9: with the same caller *http.Client the SDK
// costs fewer instructions and allocations than ogen; on its own default transport it costs no
// more than with that client.
func callerChecks(med map[key]stats) []check {
	ck := &checker{med: med}
	for _, b := range []string{"CallerClientSnapshot", "CallerClientUpdate"} {
		ck.add(b+" cost instr/op vs ogen", b, sdkPeer, ogenPeer, instrOf, 1, true)
		ck.add(b+" cost allocs/op vs ogen", b, sdkPeer, ogenPeer, allocsOf, 1, true)
		ck.add(b+" sdk-default cost instr/op vs sdk", b, sdkDefaultPeer, sdkPeer, instrOf, 1, false)
		ck.add(b+" sdk-default cost allocs/op vs sdk", b, sdkDefaultPeer, sdkPeer, allocsOf, 1, false)
	}
	return ck.checks
}
