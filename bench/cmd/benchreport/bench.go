package main

import (
	"bufio"
	"bytes"
	"fmt"
	"strconv"
	"strings"
)

// benchKey names one measurement: the benchmark (BenchmarkServer),
// the operation and the generator, from names such as
// BenchmarkServer/op=get/gen=toolkit.
type benchKey struct {
	bench, op, gen string
}

// benchStats are the medians of a benchmark's runs.
type benchStats struct {
	ns, bytes, allocs float64
	runs              int
}

// parseBench reads go test -bench output and returns the median ns/op,
// B/op and allocs/op of every benchmark, and the benchmarks in the order
// they first appear.
func parseBench(out []byte) (map[benchKey]benchStats, error) {
	runs := map[benchKey][][3]float64{}
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) < 4 || !strings.HasPrefix(f[0], "Benchmark") {
			continue
		}
		k, ok := parseName(f[0])
		if !ok {
			continue
		}
		var v [3]float64
		for i := 2; i+1 < len(f); i += 2 {
			x, err := strconv.ParseFloat(f[i], 64)
			if err != nil {
				return nil, fmt.Errorf("benchmark line %q: %w", sc.Text(), err)
			}
			switch f[i+1] {
			case "ns/op":
				v[0] = x
			case "B/op":
				v[1] = x
			case "allocs/op":
				v[2] = x
			}
		}
		runs[k] = append(runs[k], v)
	}
	if len(runs) == 0 {
		return nil, fmt.Errorf("no benchmark results in go test output:\n%s", tail(string(out), 2000))
	}
	stats := map[benchKey]benchStats{}
	for k, rs := range runs {
		stats[k] = benchStats{
			ns:     median(rs, func(r [3]float64) float64 { return r[0] }),
			bytes:  median(rs, func(r [3]float64) float64 { return r[1] }),
			allocs: median(rs, func(r [3]float64) float64 { return r[2] }),
			runs:   len(rs),
		}
	}
	return stats, nil
}

// parseName splits BenchmarkServer/op=get/gen=toolkit (with or without a
// -N GOMAXPROCS suffix) into its parts.
func parseName(name string) (benchKey, bool) {
	parts := strings.Split(name, "/")
	if len(parts) != 3 {
		return benchKey{}, false
	}
	k := benchKey{bench: strings.TrimPrefix(parts[0], "Benchmark")}
	for _, p := range parts[1:] {
		key, val, ok := strings.Cut(p, "=")
		if !ok {
			return benchKey{}, false
		}
		if i := strings.LastIndexByte(val, '-'); i > 0 {
			if _, err := strconv.Atoi(val[i+1:]); err == nil {
				val = val[:i]
			}
		}
		switch key {
		case "op":
			k.op = val
		case "gen":
			k.gen = val
		}
	}
	return k, k.op != "" && k.gen != ""
}
