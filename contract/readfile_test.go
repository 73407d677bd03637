package contract

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// refContract writes, in a fresh folder (not inside any git work tree),
// sub/c.yaml whose only schema is a $ref to target, and returns the
// folder and the contract's path.
func refContract(t *testing.T, target string) (dir, path string) {
	t.Helper()
	dir = t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	path = filepath.Join(dir, "sub", "c.yaml")
	src := "openapi: 3.0.3\ninfo: {title: t, version: v}\npaths: {}\ncomponents:\n  schemas:\n    A: {$ref: '" + target + "'}\n"
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir, path
}

// loadErr loads path and returns its one error line.
func loadErr(t *testing.T, path string, opts LoadOptions) string {
	t.Helper()
	_, err := Load(path, opts)
	if err == nil {
		t.Fatal("loaded, want an error")
	}
	return err.Error()
}

func TestRefToFIFOFails(t *testing.T) {
	dir, path := refContract(t, "fifo")
	if err := syscall.Mkfifo(filepath.Join(dir, "sub", "fifo"), 0o644); err != nil {
		t.Skip("no FIFOs here:", err)
	}
	// Opening the FIFO would block this test forever: it must not be opened.
	got := loadErr(t, path, LoadOptions{})
	want := path + `:6:9: /components/schemas/A/$ref: $ref "fifo": cannot read contract: not a regular file`
	if got != want {
		t.Fatalf("got  %s\nwant %s", got, want)
	}
}

func TestRefToDevZeroFails(t *testing.T) {
	_, path := refContract(t, "/dev/zero")
	got := loadErr(t, path, LoadOptions{Reads: ReadLimits{AllowDirs: []string{"/dev"}}})
	if !strings.HasSuffix(got, `$ref "/dev/zero": cannot read contract: not a regular file`) {
		t.Fatalf("got %s", got)
	}
	got = loadErr(t, path, LoadOptions{})
	if !strings.Contains(got, `:6:9: /components/schemas/A/$ref: $ref "/dev/zero": cannot read contract: /dev/zero lies outside `) {
		t.Fatalf("got %s", got)
	}
}

func TestRefOutsideRootRefused(t *testing.T) {
	secret := "user:SECRET-CONTENT"
	for _, target := range []string{"../secret.yaml", "SECRET_ABS"} {
		dir, path := refContract(t, target)
		sp := filepath.Join(dir, "secret.yaml")
		if err := os.WriteFile(sp, []byte("A: {type: string, description: '"+secret+"'}\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		if target == "SECRET_ABS" {
			_, path = refContract(t, sp+"#/A")
		}
		got := loadErr(t, path, LoadOptions{})
		if !strings.Contains(got, path+":6:9: /components/schemas/A/$ref: ") || !strings.Contains(got, "secret.yaml lies outside "+filepath.Dir(path)+": ") || strings.Contains(got, secret) {
			t.Errorf("%s: got %s", target, got)
		}
		// --allow-ref-dir widens the root.
		if _, err := Load(path, LoadOptions{Reads: ReadLimits{AllowDirs: []string{dir}}}); err != nil && target != "SECRET_ABS" {
			t.Errorf("%s with AllowDirs: %v", target, err)
		}
	}
}

func TestRefThroughSymlinkOutsideRootRefused(t *testing.T) {
	dir, path := refContract(t, "link.yaml")
	other := t.TempDir()
	if err := os.WriteFile(filepath.Join(other, "x.yaml"), []byte("type: string\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(other, "x.yaml"), filepath.Join(dir, "sub", "link.yaml")); err != nil {
		t.Skip(err)
	}
	if got := loadErr(t, path, LoadOptions{}); !strings.Contains(got, "lies outside") {
		t.Fatalf("got %s", got)
	}
}

func TestRefInGitWorkTreeAllowed(t *testing.T) {
	dir, path := refContract(t, "../shared.yaml")
	if err := os.Mkdir(filepath.Join(dir, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "shared.yaml"), []byte("type: string\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(path, LoadOptions{}); err != nil {
		t.Fatal(err)
	}
}

func TestContractAboveSizeCapRefused(t *testing.T) {
	dir, path := refContract(t, "big.yaml")
	big := "type: string\ndescription: '" + strings.Repeat("x", 2000) + "'\n"
	if err := os.WriteFile(filepath.Join(dir, "sub", "big.yaml"), []byte(big), 0o644); err != nil {
		t.Fatal(err)
	}
	got := loadErr(t, path, LoadOptions{Reads: ReadLimits{MaxSize: 1024}})
	if !strings.HasSuffix(got, `$ref "big.yaml": cannot read contract: larger than the limit of 1 KB (raise it with --max-contract-size)`) {
		t.Fatalf("got %s", got)
	}
	if _, err := Load(path, LoadOptions{Reads: ReadLimits{MaxSize: 4096}}); err != nil {
		t.Fatal(err)
	}
	// The contract itself has the cap too.
	if got := loadErr(t, path, LoadOptions{Reads: ReadLimits{MaxSize: 10}}); !strings.Contains(got, "larger than the limit of 10 bytes") {
		t.Fatalf("got %s", got)
	}
}

func TestParseSize(t *testing.T) {
	for in, want := range map[string]int64{"64MB": 64 << 20, "512kb": 512 << 10, "1GB": 1 << 30, "100": 100, "7 B": 7} {
		if got, err := ParseSize(in); err != nil || got != want {
			t.Errorf("ParseSize(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"", "0", "-1MB", "1.5MB", "MB", "12XB", "99999999999GB"} {
		if _, err := ParseSize(in); err == nil {
			t.Errorf("ParseSize(%q): no error", in)
		}
	}
}
