package main

import (
	"bytes"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestValidateInitProjectOwnErrors: a toolkit init project for a contract
// that declares its own error schema (application/json {code, message},
// not problem+json), its handlers written correctly, passes toolkit
// validate with 0 findings: the generated server's own 400, 404 and 415
// answers are the declared responses, and a required readOnly id need
// not be sent.
func TestValidateInitProjectOwnErrors(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a project")
	}
	const contractFile = "testdata/ownerrors/openapi.yaml"
	addr := serveInitProject(t, contractFile, "example.com/widgets", "testdata/ownerrors/service.go.txt")
	var stdout, stderr bytes.Buffer
	code := run([]string{"validate", "--contract", contractFile, "--base-url", "http://" + addr}, nil, &stdout, &stderr)
	if code != 0 || !strings.Contains(stdout.String(), " 0 findings") || !strings.Contains(stdout.String(), "2xx           3") {
		t.Fatalf("validate: exit %d, want 0 findings with every operation answering 2xx\nstdout:\n%s\nstderr:\n%s", code, stdout.String(), stderr.String())
	}
}

// serveInitProject makes a toolkit init project for contractFile whose
// service.go is the file impl, builds it and runs its server until the
// test ends; it returns the server's address.
func serveInitProject(t *testing.T, contractFile, module, impl string) string {
	t.Helper()
	dir := initProject(t, contractFile, module, true)
	data, err := os.ReadFile(impl)
	if err != nil {
		t.Fatal(err)
	}
	svc := filepath.Join(dir, "internal", "service")
	if err := os.WriteFile(filepath.Join(svc, "service.go"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	os.Remove(filepath.Join(svc, "service_test.go")) // it expects 501s
	goCmd(t, dir, nil, "build", "-o", "bin/", "./...")

	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	srv := exec.Command(filepath.Join(dir, "bin", "server"), "-addr", addr)
	if err := srv.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Process.Kill(); srv.Wait() })
	for i := 0; ; i++ {
		if res, err := http.Get("http://" + addr + "/healthz"); err == nil {
			res.Body.Close()
			return addr
		}
		if i == 300 {
			t.Fatal("the server did not come up")
		}
		time.Sleep(100 * time.Millisecond)
	}
}
