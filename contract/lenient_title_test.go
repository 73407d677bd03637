package contract

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestLenientEmptyTitle: an empty info.title is an error, and under
// Lenient a warning at /info (ote-godaddy.com's contracts have one).
func TestLenientEmptyTitle(t *testing.T) {
	path := filepath.Join(t.TempDir(), "c.yaml")
	src := "openapi: 3.0.3\ninfo: {title: '', version: '1'}\npaths: {}\n"
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Load(path, LoadOptions{})
	var ce *Error
	if !errors.As(err, &ce) || len(ce.Problems) == 0 || ce.Problems[0].Pointer != "/info" {
		t.Fatalf("strict load: got %v, want an error at /info", err)
	}
	doc, err := Load(path, LoadOptions{Lenient: true})
	if err != nil {
		t.Fatalf("lenient load: %v", err)
	}
	found := false
	for _, p := range doc.Warnings {
		if p.Pointer == "/info" && strings.Contains(p.Message, "--lenient") {
			found = true
		}
	}
	if !found {
		t.Errorf("lenient load: no /info warning in %v", doc.Warnings)
	}
}
