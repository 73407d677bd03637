package pipeline

import (
	"errors"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"testing"
	"time"
	"weak"

	"github.com/google/go-cmp/cmp"

	"github.com/contractfirst/toolkit/contract"
)

const kitchen = "../testdata/contracts/kitchensink/openapi.yaml"

func fileNames(o Output) []string {
	var names []string
	for _, f := range o.Files {
		names = append(names, f.Name)
	}
	return names
}

// TestTargets: every name --generate takes, and which files each makes.
func TestTargets(t *testing.T) {
	if diff := cmp.Diff([]string{"types", "operations", "server", "client", "spec", "go", "docs"}, TargetNames()); diff != "" {
		t.Errorf("target names (-want +got):\n%s", diff)
	}
	m, _, err := Load(Entry{Contract: kitchen}, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		targets []string
		want    []string
	}{
		{nil, []string{"types.gen.go", "json.gen.go", "operations.gen.go", "server.gen.go", "client.gen.go", "spec.gen.go", "runtime.gen.go"}},
		{[]string{"go"}, []string{"types.gen.go", "json.gen.go", "operations.gen.go", "server.gen.go", "client.gen.go", "spec.gen.go", "runtime.gen.go"}},
		{[]string{"types"}, []string{"types.gen.go", "json.gen.go", "runtime.gen.go"}},
		{[]string{"spec", "docs"}, []string{"spec.gen.go", "index.html", "API.md"}},
		{[]string{"docs"}, []string{"index.html", "API.md"}},
	} {
		out, err := Generate(Entry{Contract: kitchen, Out: "x/shop", Targets: tc.targets}, m)
		if err != nil {
			t.Fatalf("%v: %v", tc.targets, err)
		}
		if diff := cmp.Diff(tc.want, fileNames(out)); diff != "" {
			t.Errorf("%v (-want +got):\n%s", tc.targets, diff)
		}
		if out.Package != "shop" {
			t.Errorf("package %q, want shop (from the output folder)", out.Package)
		}
	}
}

// TestUnknownTargetWritesNothing: a misspelt target is an error naming the
// known ones, found before anything is loaded or written.
func TestUnknownTargetWritesNothing(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "api")
	_, err := Run([]Entry{
		{Contract: kitchen, Out: filepath.Join(dir, "ok")},
		{Contract: kitchen, Out: out, Targets: []string{"types", "clinet"}},
	}, Options{})
	if err == nil || !strings.Contains(err.Error(), `unknown target "clinet"`) || !strings.Contains(err.Error(), "types, operations, server, client, spec, go, docs") {
		t.Fatalf("err = %v, want the unknown target and the known ones", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("wrote %v despite the error", entries)
	}
}

// TestRunWritesThenChecks: Run writes every entry; Check then finds them
// fresh, and stale after a contract change, without writing.
func TestRunWritesThenChecks(t *testing.T) {
	dir := t.TempDir()
	src, err := os.ReadFile(kitchen)
	if err != nil {
		t.Fatal(err)
	}
	// A copy beside its own folder: the kitchen sink is one file.
	c := filepath.Join(dir, "openapi.yaml")
	if err := os.WriteFile(c, src, 0o644); err != nil {
		t.Fatal(err)
	}
	entries := []Entry{{Contract: c, Out: filepath.Join(dir, "api")}, {Contract: c, Out: filepath.Join(dir, "docs"), Targets: []string{"docs"}}}
	var generated []string
	res, err := Run(entries, Options{Generated: func(o Output) { generated = append(generated, o.Entry.Out) }})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Outputs) != 2 || len(generated) != 2 {
		t.Fatalf("%d outputs, Generated called %d times; want 2 and 2", len(res.Outputs), len(generated))
	}
	for _, o := range res.Outputs {
		for _, f := range o.Files {
			if _, err := os.Stat(filepath.Join(o.Entry.Out, f.Name)); err != nil {
				t.Errorf("not written: %v", err)
			}
		}
	}
	res, err = Run(entries, Options{Check: true})
	if err != nil || res.Stale() {
		t.Fatalf("check after write: stale=%v err=%v", res != nil && res.Stale(), err)
	}
	changed := strings.Replace(string(src), "title:", "title: Changed", 1)
	if err := os.WriteFile(c, []byte(changed), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err = Run(entries, Options{Check: true})
	if err != nil || !res.Stale() {
		t.Fatalf("check after a change: stale=%v err=%v; want stale", res != nil && res.Stale(), err)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "docs", "API.md")); strings.Contains(string(got), "Changed") {
		t.Error("Check wrote files")
	}
}

// TestContractErrorWritesNothing: when one entry's contract cannot be
// generated, no entry is written, and the problems come back positioned.
func TestContractErrorWritesNothing(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.yaml")
	if err := os.WriteFile(bad, []byte("openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {$ref: '#/components/schemas/Missing'}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Run([]Entry{{Contract: kitchen, Out: filepath.Join(dir, "good")}, {Contract: bad, Out: filepath.Join(dir, "bad")}}, Options{})
	var ce *ContractError
	if !errors.As(err, &ce) || len(ce.Problems) == 0 {
		t.Fatalf("err = %v, want a ContractError with problems", err)
	}
	if p := ce.Problems[0]; p.Pos.Line != 11 || !strings.Contains(p.Message, "Missing") {
		t.Errorf("problem %v, want line 11 naming Missing", p)
	}
	if _, err := os.Stat(filepath.Join(dir, "good")); !errors.Is(err, os.ErrNotExist) {
		t.Error("the good entry was written although another failed")
	}
}

// TestStrictWarnings: warnings reach Warn and, with Strict, stop the run.
func TestStrictWarnings(t *testing.T) {
	dir := t.TempDir()
	c := filepath.Join(dir, "warn.yaml")
	// An example that breaks its own schema is a warning.
	if err := os.WriteFile(c, []byte("openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    N: {type: integer, example: notanumber}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var seen []contract.Problem
	res, err := Run([]Entry{{Contract: c, Out: filepath.Join(dir, "api"), Targets: []string{"types"}}}, Options{Warn: func(p contract.Problem) { seen = append(seen, p) }})
	if err != nil {
		t.Fatal(err)
	}
	if len(seen) == 0 || len(res.Warnings) != len(seen) {
		t.Fatalf("Warn saw %d, result has %d; want the same, more than 0", len(seen), len(res.Warnings))
	}
	_, err = Run([]Entry{{Contract: c, Out: filepath.Join(dir, "strict"), Strict: true}}, Options{})
	var ce *ContractError
	if !errors.As(err, &ce) || len(ce.Problems) != len(seen) || ce.Problems[0].Pos != seen[0].Pos {
		t.Fatalf("strict: err = %v, want a ContractError with the %d warnings", err, len(seen))
	}
	if _, err := os.Stat(filepath.Join(dir, "strict")); !errors.Is(err, os.ErrNotExist) {
		t.Error("strict run wrote files")
	}
}

func TestPackageName(t *testing.T) {
	for in, want := range map[string]string{"internal/api": "api", "x/Pet-Store_v2": "petstorev2", "x/2fa": "fa", "x/---": "api"} {
		if got := PackageName(in); got != want {
			t.Errorf("PackageName(%q) = %q, want %q", in, got, want)
		}
	}
	if !slices.Contains(TargetNames(), "docs") {
		t.Error("docs is a target")
	}
}

// TestSoftMemoryLimit: Run's soft limit scales with the largest contract,
// never falls below the floor, is put back afterwards, and is not set over
// a limit the process was given.
func TestSoftMemoryLimit(t *testing.T) {
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(math.MaxInt64))
	dir := t.TempDir()
	small := filepath.Join(dir, "small.json")
	big := filepath.Join(dir, "big.json")
	if err := os.WriteFile(small, []byte("{}"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(big, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(big, 20<<20); err != nil { // sparse: no disk used
		t.Fatal(err)
	}
	for _, c := range []struct {
		entries []Entry
		want    int64
	}{
		{[]Entry{{Contract: small}}, limitFloor},
		{[]Entry{{Contract: small}, {Contract: big}}, limitPerByte * 20 << 20},
		{[]Entry{{Contract: filepath.Join(dir, "missing.json")}}, limitFloor},
	} {
		restore := softMemoryLimit(c.entries)
		if got := debug.SetMemoryLimit(-1); got != c.want {
			t.Errorf("%d entries: limit %d, want %d", len(c.entries), got, c.want)
		}
		restore()
		if got := debug.SetMemoryLimit(-1); got != math.MaxInt64 {
			t.Errorf("not put back: %d", got)
		}
	}
	debug.SetMemoryLimit(1 << 40)
	softMemoryLimit([]Entry{{Contract: big}})()
	if got := debug.SetMemoryLimit(-1); got != 1<<40 {
		t.Errorf("a limit the process set became %d", got)
	}
}

// TestLimitFor: the limit follows a live heap above two thirds of the
// size-based one, so a contract that holds more per byte than the size
// rule assumes is not collected back to back.
func TestLimitFor(t *testing.T) {
	for _, c := range []struct {
		base int64
		live uint64
		want int64
	}{
		{limitFloor, 0, limitFloor},
		{limitFloor, 100 << 20, limitFloor},
		{limitFloor, 170 << 20, limitFloor},
		{limitFloor, 200 << 20, 300 << 20},
		{1 << 30, 1 << 30, 3 << 29},
	} {
		if got := limitFor(c.base, c.live); got != c.want {
			t.Errorf("limitFor(%d, %d) = %d, want %d", c.base, c.live, got, c.want)
		}
	}
}

// TestFollowLive: a live heap above two thirds of the limit raises it to
// limitOverLive times the live heap; stopping stops that.
func TestFollowLive(t *testing.T) {
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(math.MaxInt64))
	const base = 4 << 20
	debug.SetMemoryLimit(base)
	stop := followLive(base)
	hold := make([]byte, 16<<20) // more live heap than base
	for i := range hold {
		hold[i] = byte(i)
	}
	runtime.GC()
	raised := false
	for range 200 { // the live heap is read every livePoll; give it a second
		if debug.SetMemoryLimit(-1) >= 24<<20 {
			raised = true
			break
		}
		time.Sleep(livePoll)
	}
	runtime.KeepAlive(hold)
	stop()
	if !raised {
		t.Errorf("the limit stayed at %d with %d bytes live", debug.SetMemoryLimit(-1), len(hold))
	}
	debug.SetMemoryLimit(base)
	runtime.GC()
	time.Sleep(10 * livePoll)
	if got := debug.SetMemoryLimit(-1); got != base {
		t.Errorf("the limit changed to %d after stop", got)
	}
}

// TestModelDropsDocument: once the Model is built, neither the loaded
// Document nor kin-openapi's document is reachable from it, so gen's
// generation (which keeps the Model; Run lets the Document go unless its
// value checks are still running, see TestOpenLeavesChecksToSmallContracts)
// does not hold them: on GitHub's description they are most of what
// loading allocates. Counted with weak pointers, not timed.
func TestModelDropsDocument(t *testing.T) {
	for _, path := range []string{kitchen, "../testdata/contracts/v31/openapi.json"} {
		doc, m, err := contract.Open(path, LoadOptions(Entry{Contract: path}))
		if err != nil {
			t.Fatal(err)
		}
		part, err := m.Select(contract.Selection{})
		if err != nil {
			t.Fatal(err)
		}
		wd, wt := weak.Make(doc), weak.Make(doc.T)
		if wt.Value() == nil || len(m.Types) == 0 {
			t.Fatalf("%s: no kin-openapi document or no types: the test tests nothing", path)
		}
		doc = nil
		runtime.GC()
		if wd.Value() != nil {
			t.Errorf("%s: the Document is reachable after the Model is built", path)
		}
		if wt.Value() != nil {
			t.Errorf("%s: kin-openapi's document is reachable after the Model is built", path)
		}
		runtime.KeepAlive(m)
		runtime.KeepAlive(part)
	}
}

// TestOpenLeavesChecksToSmallContracts: Run's open leaves the value checks
// running (so the Document is held until they are finished) only on a
// small contract; on one above a megabyte they ran in line and Run lets
// the Document go before generating. Leaving them running on GitHub's
// description kept kin-openapi's document alive through generation: 280
// -> 316 MB peak and a second of CPU more, the soft memory limit's
// collections running against the larger live heap.
func TestOpenLeavesChecksToSmallContracts(t *testing.T) {
	small := "../testdata/contracts/soft/example-breaks-schema.yaml"
	doc, _, err := open(Entry{Contract: small})
	if err != nil {
		t.Fatal(err)
	}
	if !doc.ValueChecksPending() {
		t.Fatalf("%s: value checks not left running", small)
	}
	if got := warnLoaded(doc, nil); len(got) != 1 || !strings.Contains(got[0].Message, "does not match its schema") {
		t.Fatalf("%s: warnings %v; want the example's", small, got)
	}
	// The same contract with a description padding it past a megabyte.
	src, err := os.ReadFile(small)
	if err != nil {
		t.Fatal(err)
	}
	big := filepath.Join(t.TempDir(), "big.yaml")
	pad := "\n# " + strings.Repeat("x", 1<<20) + "\n"
	if err := os.WriteFile(big, append(src, pad...), 0o644); err != nil {
		t.Fatal(err)
	}
	doc, _, err = open(Entry{Contract: big})
	if err != nil {
		t.Fatal(err)
	}
	if doc.ValueChecksPending() {
		t.Fatal("a contract above a megabyte left its value checks running")
	}
	if len(doc.Warnings) != 1 {
		t.Fatalf("big contract: warnings %v; want the example's, found in line", doc.Warnings)
	}
}
