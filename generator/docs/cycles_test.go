package docs

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"strings"
	"testing"

	"github.com/contractfirst/toolkit/contract"
)

// countNodes counts a tree's lines, so a test can say a walk stopped.
func countNodes(n *node) int {
	c := 1
	for _, k := range n.Kids {
		c += countNodes(k)
	}
	return c
}

// findCut returns the first line of the tree cut as recursive.
func findCut(n *node) *node {
	if n.Cut {
		return n
	}
	for _, k := range n.Kids {
		if c := findCut(k); c != nil {
			return c
		}
	}
	return nil
}

// TestTreeCyclicTypes: every way a Model's types can reach themselves
// draws a finite tree; a shared type is a link to its entry, a type that
// is not shared is cut and flagged recursive.
func TestTreeCyclicTypes(t *testing.T) {
	num := &contract.Type{Kind: contract.KindNumber}

	// A named oneOf with itself as a variant and as an array item.
	expr := &contract.Type{Name: "Expr", Kind: contract.KindUnion, Union: &contract.Union{OneOf: true}}
	args := &contract.Type{Kind: contract.KindObject}
	args.Fields = []*contract.Field{{Name: "args", Required: true, Type: &contract.Type{Kind: contract.KindArray, Elem: expr}}}
	expr.Union.Variants = []*contract.Variant{{Type: num}, {Type: expr}, {Type: args}}

	// Anonymous cycles: an object holding itself, an array of itself,
	// a map of an array of the map.
	obj := &contract.Type{Kind: contract.KindObject}
	obj.Fields = []*contract.Field{{Name: "self", Type: obj}, {Name: "n", Type: num}}
	arr := &contract.Type{Kind: contract.KindArray}
	arr.Elem = arr
	mp := &contract.Type{Kind: contract.KindMap, Additional: contract.AdditionalTyped}
	inner := &contract.Type{Kind: contract.KindArray, Elem: mp}
	mp.Elem, mp.AdditionalType = inner, inner

	// What a merged allOf cycle looks like: two objects holding each other.
	a := &contract.Type{Name: "A", Kind: contract.KindObject}
	b := &contract.Type{Name: "B", Kind: contract.KindObject, Fields: []*contract.Field{{Name: "a", Type: a}}}
	a.Fields = []*contract.Field{{Name: "b", Type: b}}

	for _, tc := range []struct {
		name   string
		t      *contract.Type
		shared bool
		cut    string // the Type of the line cut as recursive; "" for none
		max    int    // lines at most
	}{
		{"oneOf of itself, shared", expr, true, "", 10},
		{"oneOf of itself, not shared", expr, false, "Expr", 10},
		{"anonymous object of itself", obj, false, "object", 5},
		{"anonymous array of itself", arr, false, "array of array", 2},
		{"map of array of the map", mp, false, "map of array of object", 2},
		{"objects holding each other", a, false, "A", 4},
	} {
		t.Run(tc.name, func(t *testing.T) {
			shared := map[*contract.Type]*schemaRef{}
			if tc.shared {
				shared[tc.t] = &schemaRef{Name: tc.t.Name, Anchor: "schema-" + tc.t.Name}
			}
			tb := &treeBuilder{shared: shared, path: map[*contract.Type]bool{}}
			root := tb.root(tc.t, true)
			if n := countNodes(root); n > tc.max {
				t.Errorf("%d lines, want at most %d", n, tc.max)
			}
			cut := findCut(root)
			switch {
			case tc.cut == "" && cut != nil:
				t.Errorf("line %q cut, want links only", cut.Type)
			case tc.cut != "" && (cut == nil || cut.Type != tc.cut):
				t.Errorf("cut line = %+v, want one of type %q", cut, tc.cut)
			}
			if tc.shared && (root.Kids[1].Ref == nil || root.Kids[1].Ref.Anchor != "schema-Expr") {
				t.Errorf("the recursive variant is not a link to its definition: %+v", root.Kids[1])
			}
			if len(tb.path) != 0 || tb.depth != 0 {
				t.Errorf("builder state left behind: path %v, depth %d", tb.path, tb.depth)
			}
		})
	}
}

// TestTreeDepthBounded: a chain of distinct types deeper than
// maxTreeDepth is cut there rather than drawn to the end.
func TestTreeDepthBounded(t *testing.T) {
	leaf := &contract.Type{Kind: contract.KindString}
	top := leaf
	for i := 0; i < 500; i++ {
		top = &contract.Type{Kind: contract.KindObject, Fields: []*contract.Field{{Name: "x", Type: top}}}
	}
	tb := &treeBuilder{shared: map[*contract.Type]*schemaRef{}, path: map[*contract.Type]bool{}}
	if n := countNodes(tb.root(top, false)); n != maxTreeDepth+1 {
		t.Errorf("%d lines, want %d (cut at depth %d)", n, maxTreeDepth+1, maxTreeDepth)
	}
}

// TestDocsCyclicContracts renders each contract of testdata/cyclic in a
// child process, so a stack overflow (which no recover catches) fails
// the case instead of killing the test binary. The contract's recursive
// schema must be drawn as a link to its Schemas entry. A crash whose
// overflowing frames are not in generator/docs is reported as a skip
// naming the function: the walk to fix is another package's.
func TestDocsCyclicContracts(t *testing.T) {
	if file := os.Getenv("TOOLKIT_DOCS_CYCLIC"); file != "" {
		debug.SetMaxStack(64 << 20) // overflow in a moment, not after 1 GB
		_, m, err := contract.Open(file, contract.LoadOptions{})
		if err != nil {
			os.Stdout.WriteString("load error: " + err.Error())
			return
		}
		files, err := Generate(m, Options{})
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			os.Stdout.WriteString("=== " + f.Name + "\n")
			os.Stdout.Write(f.Data)
		}
		return
	}
	paths, _ := filepath.Glob("testdata/cyclic/*.yaml")
	if len(paths) < 4 {
		t.Fatalf("cyclic contracts missing: %v", paths)
	}
	for _, p := range paths {
		t.Run(filepath.Base(p), func(t *testing.T) {
			cmd := exec.Command(os.Args[0], "-test.run=^TestDocsCyclicContracts$", "-test.count=1")
			cmd.Env = append(os.Environ(), "TOOLKIT_DOCS_CYCLIC="+p, "GOMAXPROCS=1")
			var stdout, stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			err := cmd.Run()
			if err != nil {
				if frame := overflowFrame(stderr.String()); frame != "" && !strings.Contains(frame, "generator/docs") {
					t.Skipf("crashes outside docs, in %s", frame)
				}
				t.Fatalf("docs on %s: %v\n%.3000s", p, err, stderr.String())
			}
			out := stdout.String()
			if strings.HasPrefix(out, "load error: ") {
				// A contract the loader refuses (a cyclic allOf) is a
				// positioned error, not a crash.
				if !regexp.MustCompile(`\.yaml:\d+:\d+: `).MatchString(out) {
					t.Errorf("load error without a position: %s", out)
				}
				return
			}
			if !strings.Contains(out, "=== index.html") || !strings.Contains(out, "=== API.md") {
				t.Fatalf("no docs written:\n%.500s", out)
			}
			if !strings.Contains(out, `href="#schema-`) {
				t.Errorf("the recursive schema is not linked to its definition")
			}
		})
	}
}

// overflowFrame returns the first toolkit function in a Go stack
// overflow's trace, or "".
func overflowFrame(trace string) string {
	if !strings.Contains(trace, "stack overflow") && !strings.Contains(trace, "stack exceeds") {
		return ""
	}
	line := regexp.MustCompile(`(?m)^github\.com/contractfirst/toolkit/\S+`).FindString(trace)
	if i := strings.LastIndexByte(line, '('); i > 0 {
		line = line[:i]
	}
	return line
}
