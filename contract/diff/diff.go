// Package diff compares two versions of a contract and classifies each
// change as breaking, warning or info for existing clients. The rules are
// oasdiff's (github.com/oasdiff/oasdiff/checker, a few hundred checks on
// kin-openapi); this package loads both sides with contract.Load so input
// errors read like every other toolkit error, gives each change a position
// in the contract, and renders the result in toolkit's formats.
package diff

import (
	"fmt"
	"sort"
	"strings"

	"github.com/oasdiff/oasdiff/checker"
	odiff "github.com/oasdiff/oasdiff/diff"
	"github.com/oasdiff/oasdiff/load"

	"github.com/contractfirst/toolkit/contract"
)

// Level classifies a change.
type Level string

const (
	Breaking Level = "breaking" // existing clients may fail
	Warning  Level = "warning"  // may break clients; check by hand
	Info     Level = "info"     // compatible
)

// Change is one difference between the two contracts.
type Change struct {
	ID        string `json:"id"`        // oasdiff's check id, e.g. "api-path-removed-without-deprecation"
	Level     Level  `json:"level"`     // breaking, warning or info
	Operation string `json:"operation"` // "GET /pets/{id}", or "" for document-wide changes
	Message   string `json:"message"`
	File      string `json:"file"` // in NEW, or in OLD for removals
	Line      int    `json:"line"`
	Col       int    `json:"col"`
	Pointer   string `json:"pointer"`
}

// Compare lists the changes from old to new, breaking first, then by
// operation and id.
func Compare(old, new *contract.Document) ([]Change, error) {
	// Arrays of themselves would overflow oasdiff's stack: cut them for
	// the comparison only.
	restore, _ := cutBoth(old, new)
	defer restore()
	return compare(old, new)
}

// CompareAll is GoIdentifiers and Compare, run at once when they can be:
// both only read the two documents, unless Compare has to cut an array
// cycle (cutItemCycles), and then GoIdentifiers runs first, on the
// documents as written. On two GitHub Enterprise Server descriptions the
// two take about as long as each other.
func CompareAll(old, new *contract.Document) (ids []IdentChange, goErr error, cs []Change, err error) {
	restore, cut := cutBoth(old, new)
	if cut {
		restore()
		ids, goErr = GoIdentifiers(old, new)
		cs, err = Compare(old, new)
		return ids, goErr, cs, err
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		ids, goErr = GoIdentifiers(old, new)
	}()
	cs, err = compare(old, new)
	<-done
	return ids, goErr, cs, err
}

// cutBoth cuts the array cycles of both documents; cut says whether there
// was any.
func cutBoth(old, new *contract.Document) (restore func(), cut bool) {
	r1, n1 := cutItemCycles(old.T)
	r2, n2 := cutItemCycles(new.T)
	return func() { r2(); r1() }, n1+n2 > 0
}

// compare is Compare on documents whose array cycles are cut.
func compare(old, new *contract.Document) ([]Change, error) {
	s1 := &load.SpecInfo{Url: old.Path, Spec: old.T, Version: version(old)}
	s2 := &load.SpecInfo{Url: new.Path, Spec: new.T, Version: version(new)}
	// Positions need each file's node tree; parse both while oasdiff
	// compares (they read the files, not the documents it walks).
	parsed := make(chan struct{}, 2)
	for _, d := range []*contract.Document{old, new} {
		go func() {
			d.Position(d.Path, "")
			parsed <- struct{}{}
		}()
	}
	defer func() { <-parsed; <-parsed }()
	d, osm, err := odiff.GetWithOperationsSourcesMap(odiff.NewConfig(), s1, s2)
	if err != nil {
		return nil, fmt.Errorf("diff: %w", err)
	}
	cfg := checker.NewConfig(checker.GetAllChecks())
	found := checker.CheckBackwardCompatibilityUntilLevel(cfg, d, osm, checker.INFO)
	loc := checker.NewDefaultLocalizer()
	out := make([]Change, 0, len(found))
	for _, c := range found {
		ch := Change{ID: c.GetId(), Level: level(c.GetLevel()), Message: c.GetUncolorizedText(loc)}
		if l, ok := promoted[ch.ID]; ok {
			ch.Level = l
		}
		if c.GetOperation() != "" {
			ch.Operation = c.GetOperation() + " " + c.GetPath()
		}
		// Removals are located where the removed thing was: in OLD.
		at := new
		if isRemoval(ch.ID) || new.T.Paths == nil || new.T.Paths.Value(c.GetPath()) == nil {
			at = old
		}
		ch.Pointer = pointerFor(at, c.GetPath(), c.GetOperation())
		pos := at.Position(at.Path, ch.Pointer)
		ch.File, ch.Line, ch.Col = pos.File, pos.Line, pos.Col
		out = append(out, ch)
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if rank(a.Level) != rank(b.Level) {
			return rank(a.Level) < rank(b.Level)
		}
		if a.Operation != b.Operation {
			return a.Operation < b.Operation
		}
		if a.ID != b.ID {
			return a.ID < b.ID
		}
		return a.Message < b.Message
	})
	return out, nil
}

// promoted raises oasdiff's level of changes that break toolkit's
// generated clients: a Go client decodes responses into structs, so a
// response property that disappears from the contract removes a struct
// field that client code reads — a compile error after regenerating, and a
// silently zero value before.
var promoted = map[string]Level{
	"response-optional-property-removed":            Breaking,
	"response-optional-write-only-property-removed": Info, // clients never read write-only fields
}

func version(d *contract.Document) string {
	if d.T != nil && d.T.Info != nil {
		return d.T.Info.Version
	}
	return ""
}

func level(l checker.Level) Level {
	switch l {
	case checker.ERR:
		return Breaking
	case checker.WARN:
		return Warning
	}
	return Info
}

func rank(l Level) int {
	switch l {
	case Breaking:
		return 0
	case Warning:
		return 1
	}
	return 2
}

func isRemoval(id string) bool {
	return strings.Contains(id, "removed") || strings.Contains(id, "deleted")
}

// pointerFor is the JSON pointer of the operation (or path item) a change
// belongs to, or "" for document-wide changes.
func pointerFor(d *contract.Document, path, method string) string {
	if path == "" {
		return ""
	}
	if method == "" {
		return contract.Pointer("paths", path)
	}
	return contract.Pointer("paths", path, strings.ToLower(method))
}

// Count tallies changes by level.
func Count(cs []Change) map[Level]int {
	m := map[Level]int{}
	for _, c := range cs {
		m[c.Level]++
	}
	return m
}
