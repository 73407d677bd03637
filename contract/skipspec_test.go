package contract

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSkipSpec: the option leaves out Model.Spec and nothing else.
func TestSkipSpec(t *testing.T) {
	d, err := Load("../testdata/contracts/kitchensink/openapi.yaml", LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	full, err := Build(d)
	if err != nil {
		t.Fatal(err)
	}
	d, err = Load("../testdata/contracts/kitchensink/openapi.yaml", LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	lean, err := BuildWith(d, LoadOptions{SkipSpec: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(full.Spec) == 0 || lean.Spec != nil {
		t.Fatalf("Spec: %d bytes built, %d with SkipSpec; want some and none", len(full.Spec), len(lean.Spec))
	}
	names := func(m *Model) string {
		var b strings.Builder
		for _, ty := range m.Types {
			b.WriteString(ty.Name + " ")
		}
		for _, o := range m.Operations {
			b.WriteString(o.ID + " ")
		}
		return b.String()
	}
	if a, b := names(full), names(lean); a != b {
		t.Errorf("types and operations differ:\n%s\n%s", a, b)
	}
}

// TestReadExactBytes: a regular file is read whole into a buffer of its
// size, at, under and over the size cap.
func TestReadExactBytes(t *testing.T) {
	path := filepath.Join(t.TempDir(), "c.json")
	data := bytes.Repeat([]byte("0123456789"), 1000)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, max := range []int64{int64(len(data)), int64(len(data)) + 1, 1 << 20} {
		got, err := newReader(path, ReadLimits{MaxSize: max}).read(path)
		if err != nil || !bytes.Equal(got, data) {
			t.Errorf("cap %d: read %d bytes, %v; want the file's %d", max, len(got), err, len(data))
		}
	}
	if _, err := newReader(path, ReadLimits{MaxSize: int64(len(data)) - 1}).read(path); err == nil || !strings.Contains(err.Error(), "larger than the limit") {
		t.Errorf("one byte over the cap: %v", err)
	}
}
