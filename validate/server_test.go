package validate

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"os/exec"
	"strings"
	"testing"
	"time"
)

func freePort(t *testing.T) int {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

// TestStartServer: a started service is waited for and stopped with its
// process group; one that exits early or never answers is an error that
// carries its output.
func TestStartServer(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node not found; it stands in for a service here")
	}
	port := freePort(t)
	base := fmt.Sprintf("http://127.0.0.1:%d", port)
	script := fmt.Sprintf(`setTimeout(() => require("http").createServer((q, s) => s.end("ok")).listen(%d, "127.0.0.1"), 300)`, port)
	srv, err := StartServer(context.Background(), node+" -e '"+script+"'", base, "/healthz", 20*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.Get(base + "/anything")
	if err != nil {
		t.Fatalf("service not answering after StartServer: %v", err)
	}
	resp.Body.Close()
	if err := srv.Stop(); err != nil {
		t.Fatal(err)
	}
	if _, err := http.Get(base); err == nil {
		t.Error("service still answering after Stop")
	}

	_, err = StartServer(context.Background(), "echo starting; echo 'address in use' >&2; exit 3", base, "/", 10*time.Second)
	if err == nil || !strings.Contains(err.Error(), "exited before answering") || !strings.Contains(err.Error(), "address in use") {
		t.Errorf("early exit: got %v", err)
	}

	_, err = StartServer(context.Background(), "sleep 30", base, "/", 500*time.Millisecond)
	if err == nil || !strings.Contains(err.Error(), "did not answer") {
		t.Errorf("never ready: got %v", err)
	}
}
