#!/usr/bin/env bash
# Counts the instructions per op of every benchmark series under valgrind's callgrind, a number
# that does not move when other processes load the machine (ns/op on a loopback round trip does).
# Each series runs twice, with N1 and N2 iterations; (Ir(N2) - Ir(N1)) / (N2 - N1) is the count
# per op of everything the process executed (client, server, runtime, GC), start-up excluded.
# GOMAXPROCS=1: with a second P the runtime's idle spinning and idle-time GC work make the count
# vary by millions of instructions between runs; with one P two runs agree within about 2%
# (SnapshotParallel then runs its goroutines on one P: an instruction count, not a parallel
# speed).
# The output is in the benchmark format (unit instr/op) for cmd/benchtable.
# REPEAT=n counts every series n times (one output line each; benchtable takes the median) and
# warns on standard error when two counts of a series differ by more than 2%.
#
# Usage: ./instr.sh [output file]   (BENCH=regexp selects top-level benchmarks, REPEAT=n)
set -euo pipefail
cd "$(dirname "$0")"

OUT=${1:-results/instr.txt}
BENCH=${BENCH:-.}
HTTP_N1=${HTTP_N1:-300}
HTTP_N2=${HTTP_N2:-1300}
CODEC_N1=${CODEC_N1:-2000}
CODEC_N2=${CODEC_N2:-12000}
REPEAT=${REPEAT:-1}

command -v valgrind >/dev/null || { echo "instr.sh needs valgrind (apt-get install valgrind)" >&2; exit 2; }
mkdir -p "$(dirname "$OUT")"
bin=results/bench.instr.test
# No cgo and no asynchronous preemption: callgrind cannot follow either.
CGO_ENABLED=0 go test -c -o "$bin" .

series=$("$bin" -test.run '^$' -test.bench "$BENCH" -test.benchtime 1x | awk '/^Benchmark/ {print $1}' | sed 's/-[0-9]*$//')

# irefs N TOP SUB: instructions of one run of TOP/SUB with N iterations.
irefs() {
	GOMAXPROCS=1 GODEBUG=asyncpreemptoff=1,cpu.rdtscp=off valgrind --tool=callgrind --callgrind-out-file=/dev/null \
		"$bin" -test.run '^$' -test.bench "^$2\$/^$3\$" -test.benchtime "$1x" 2>&1 |
		awk '/Collected :/ {print $NF}'
}

{
	echo "instr-method: callgrind, GOMAXPROCS=1, (Ir(N2) - Ir(N1)) / (N2 - N1), whole process"
	for s in $series; do
		top=${s%%/*}
		sub=${s#*/}
		case "$top" in
		BenchmarkDecode | BenchmarkEncode) n1=$CODEC_N1 n2=$CODEC_N2 ;;
		*) n1=$HTTP_N1 n2=$HTTP_N2 ;;
		esac
		lo= hi=
		for ((r = 0; r < REPEAT; r++)); do
			a=$(irefs "$n1" "$top" "$sub")
			b=$(irefs "$n2" "$top" "$sub")
			if [ -z "$a" ] || [ -z "$b" ]; then
				echo "instr.sh: no count for $s" >&2
				exit 1
			fi
			per=$(((b - a) / (n2 - n1)))
			echo "$s $((n2 - n1)) $per instr/op"
			if [ -z "$lo" ] || [ "$per" -lt "$lo" ]; then lo=$per; fi
			if [ -z "$hi" ] || [ "$per" -gt "$hi" ]; then hi=$per; fi
		done
		if [ "$lo" -gt 0 ] && [ $((100 * (hi - lo))) -gt $((2 * lo)) ]; then
			echo "instr.sh: $s: counts differ by more than 2% ($lo .. $hi instr/op)" >&2
		fi
	done
} | tee "$OUT"
