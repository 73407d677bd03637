package main

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// growContract is a 3.1 contract without webhooks or callbacks; the
// TestInitContractGrows steps add them.
const growContract = `openapi: 3.1.0
info: {title: Grows, version: "1"}
paths:
  /items:
    post:
      operationId: addItem
      responses:
        "204": {description: added}
`

// TestInitContractGrows: a contract that gains webhooks and callbacks
// after toolkit init builds and serves them after init runs again, with no
// file of the user's changed: the new receivers' stubs are new files, and
// the generated mountReceivers (called by main.go) mounts them. A webhook
// added to a receiver that already has a stub is answered by the stub's
// embedded Unimplemented base until its method is written.
func TestInitContractGrows(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a project three times")
	}
	src := filepath.Join(t.TempDir(), "openapi.yaml")
	if err := os.WriteFile(src, []byte(growContract), 0o644); err != nil {
		t.Fatal(err)
	}
	dir := initProject(t, src, "example.com/grows", true)
	contractFile := filepath.Join(dir, "openapi.yaml")
	steps := []struct {
		name     string
		edit     func(string) string
		newFiles []string // user-owned files the step adds
		mounts   []string // in receivers.gen.go
	}{
		{
			name: "first webhook",
			edit: func(s string) string {
				return s + "webhooks:\n  itemAdded:\n    post:\n      operationId: itemAddedHook\n      responses:\n        \"204\": {description: received}\n"
			},
			newFiles: []string{"internal/service/webhook_receiver.go"},
			mounts:   []string{"service.NewWebhookReceiver()"},
		},
		{
			name: "second webhook",
			edit: func(s string) string {
				return s + "  itemGone:\n    delete:\n      operationId: itemGoneHook\n      responses:\n        \"204\": {description: received}\n"
			},
			mounts: []string{"service.NewWebhookReceiver()"},
		},
		{
			name: "callback",
			edit: func(s string) string {
				return strings.Replace(s, "      operationId: addItem\n", `      operationId: addItem
      callbacks:
        onDone:
          "{$request.query.url}":
            post:
              operationId: itemDone
              responses:
                "204": {description: received}
`, 1)
			},
			newFiles: []string{"internal/service/add_item_on_done_callback_receiver.go"},
			mounts:   []string{"service.NewWebhookReceiver()", "service.NewAddItemOnDoneCallbackReceiver()"},
		},
	}
	before := userFiles(t, dir)
	for _, st := range steps {
		spec, err := os.ReadFile(contractFile)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(contractFile, []byte(st.edit(string(spec))), 0o644); err != nil {
			t.Fatal(err)
		}
		before["openapi.yaml"] = userFiles(t, dir)["openapi.yaml"]
		if len(st.newFiles) > 0 {
			// gen alone regenerates the package and says what init adds.
			code, _, stderr := runCLI(t, dir, "gen")
			if code != 0 || !strings.Contains(stderr, "is not declared; run toolkit init again to add its stub and mount it") {
				t.Errorf("%s: gen: exit %d, no word of the receiver without a stub:\n%s", st.name, code, stderr)
			}
		}
		code, stdout, stderr := runCLI(t, "", "init", "--contract", contractFile, "--out", dir)
		if code != 0 {
			t.Fatalf("%s: init again: exit %d\n%s", st.name, code, stderr)
		}
		after := userFiles(t, dir)
		for _, n := range st.newFiles {
			if _, ok := after[n]; !ok || before[n] != "" {
				t.Errorf("%s: init did not create %s:\n%s", st.name, n, stdout)
			}
			before[n] = after[n]
		}
		if diff := cmp.Diff(before, after); diff != "" {
			t.Errorf("%s: user files changed (-before +after):\n%s", st.name, diff)
		}
		mount, err := os.ReadFile(filepath.Join(dir, "cmd", "server", "receivers.gen.go"))
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Count(string(mount), "mux.Handle("); got != len(st.mounts) {
			t.Errorf("%s: receivers.gen.go mounts %d receivers, want %d:\n%s", st.name, got, len(st.mounts), mount)
		}
		for _, m := range st.mounts {
			if !strings.Contains(string(mount), m) {
				t.Errorf("%s: receivers.gen.go does not mount %s:\n%s", st.name, m, mount)
			}
		}
		goCmd(t, dir, nil, "build", "./...")
		goCmd(t, dir, nil, "vet", "./...")
	}
}

// userFiles reads the files of a project that are not generated (the
// generated package and *.gen.go aside), by slash path.
func userFiles(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			if rel == "api" || rel == "bin" {
				return filepath.SkipDir
			}
			return nil
		}
		if strings.HasSuffix(rel, ".gen.go") {
			return nil
		}
		data, err := os.ReadFile(p)
		out[rel] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}
