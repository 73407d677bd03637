package sample

import (
	"path/filepath"
	"testing"

	"github.com/contractfirst/toolkit/contract"
)

// TestSampleOfSelfReferencingSchemaTerminates makes every kind of value
// for every type of every cyclic contract that builds: a union that is
// its own variant (oneOf: [self, string]) overflowed the stack in
// Example. Each value that comes out must be one its own type accepts.
func TestSampleOfSelfReferencingSchemaTerminates(t *testing.T) {
	files, err := filepath.Glob("../../testdata/contracts/cyclic/*.yaml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no cyclic contracts: %v", err)
	}
	checked := 0
	for _, f := range files {
		_, m, err := contract.Open(f, contract.LoadOptions{})
		if err != nil {
			continue // cyclic allOf: refused by the loader, tested there
		}
		for _, ty := range m.Types {
			g := New(7, Request)
			for _, v := range []any{Example(ty, Request), Example(ty, Response), g.Valid(ty), g.Minimal(ty)} {
				if !matches(ty, v, 0) {
					t.Errorf("%s: %s: value %s does not match its type", filepath.Base(f), ty.Name, Text(v))
				}
			}
			Invalid(ty, Request)
			Boundaries(ty, Request)
			checked++
		}
	}
	if checked < 15 {
		t.Fatalf("only %d types checked", checked)
	}
}

// TestUnionOfItselfEndsInALeaf: oneOf [self, string] can only ever be a
// string, and Example finds it.
func TestUnionOfItselfEndsInALeaf(t *testing.T) {
	_, m, err := contract.Open("../../testdata/contracts/cyclic/oneof-direct.yaml", contract.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, ty := range m.Types {
		if ty.Name != "A" {
			continue
		}
		if _, ok := Example(ty, Response).(string); !ok {
			t.Fatalf("Example = %#v, want a string", Example(ty, Response))
		}
		return
	}
	t.Fatal("no type A")
}
