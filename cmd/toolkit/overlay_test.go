package main

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/spf13/pflag"
)

// TestFromSection: a key the file gives replaces the flag's default, a
// key it leaves out keeps the default, a flag given on the command line
// wins over the file (also when it is given its default value), and fix
// sees the file's values only.
func TestFromSection(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "toolkit.yaml")
	if err := os.WriteFile(path, []byte("validate:\n  contract: api.yaml\n  workers: 9\n  read-only: true\n  timeout: 3s\n  headers: [\"X-A: 1\"]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	c, err := loadConfig(path)
	if err != nil {
		t.Fatal(err)
	}
	var f validateFlags
	fl := pflag.NewFlagSet("validate", pflag.ContinueOnError)
	fl.StringVar(&f.Contract, "contract", "", "")
	fl.IntVar(&f.Workers, "workers", 4, "")
	fl.IntVar(&f.MaxCases, "max-cases", 50, "")
	fl.BoolVar(&f.ReadOnly, "read-only", false, "")
	fl.DurationVar(&f.Timeout, "timeout", time.Second, "")
	fl.StringArrayVar(&f.Headers, "header", nil, "")
	if err := fl.Parse([]string{"--read-only=false", "--timeout", "7s"}); err != nil {
		t.Fatal(err)
	}
	var fixed string
	found, err := fromSection(c, "validate", &c.Validate, &f, fl, func() { fixed = f.Contract; f.Contract = "fixed/" + f.Contract })
	if err != nil || !found {
		t.Fatalf("found %v, err %v", found, err)
	}
	if fixed != "api.yaml" {
		t.Errorf("fix saw contract %q, want the file's api.yaml", fixed)
	}
	got := []any{f.Contract, f.Workers, f.MaxCases, f.ReadOnly, f.Timeout, f.Headers}
	want := []any{"fixed/api.yaml", 9, 50, false, 7 * time.Second, []string{"X-A: 1"}}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("merged values (-want +got):\n%s", d)
	}
}
