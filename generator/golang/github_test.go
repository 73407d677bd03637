package golang

import (
	"os"
	"testing"
	"time"
)

// TestGitHubTypes generates, builds and vets the types and spec of
// GitHub's description (13 MB) when TOOLKIT_GITHUB names it, e.g.
// /tmp/gh/node_modules/@octokit/openapi/generated/api.github.com.json
// (npm install @octokit/openapi@23.0.2). Too slow for every run.
func TestGitHubTypes(t *testing.T) {
	path := os.Getenv("TOOLKIT_GITHUB")
	if path == "" {
		t.Skip("TOOLKIT_GITHUB not set")
	}
	start := time.Now()
	files := generateFiles(t, path, "github", "types", "spec")
	t.Logf("load, build and generate: %v", time.Since(start).Round(time.Millisecond))
	for _, f := range files {
		t.Logf("%s: %d bytes", f.Name, len(f.Data))
	}
	dir := t.TempDir()
	writeModule(t, dir, "github", files)
	start = time.Now()
	goRun(t, dir, "build", "./...")
	goRun(t, dir, "vet", "./...")
	t.Logf("go build and vet: %v", time.Since(start).Round(time.Millisecond))
}
