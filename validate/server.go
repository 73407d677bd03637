package validate

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	neturl "net/url"
	"os/exec"
	"strings"
	"sync"
	"time"
)

// Server is a service started for a run with --server-cmd.
type Server struct {
	cmd  *exec.Cmd
	done chan struct{}
	err  error
	logs *tail
}

// StartServer runs command through the shell and waits until the
// service answers GET baseURL+readyPath with any status, the command
// exits (an error with its last output), or wait passes.
func StartServer(ctx context.Context, command, baseURL, readyPath string, wait time.Duration) (*Server, error) {
	cmd := exec.Command("sh", "-c", command)
	t := &tail{max: 4096}
	cmd.Stdout, cmd.Stderr = t, t
	setProcessGroup(cmd)
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("validate: starting %q: %w", command, err)
	}
	s := &Server{cmd: cmd, done: make(chan struct{}), logs: t}
	go func() { s.err = cmd.Wait(); close(s.done) }()

	url := strings.TrimSuffix(baseURL, "/") + readyPath
	client := &http.Client{Timeout: time.Second}
	deadline := time.Now().Add(wait)
	for {
		select {
		case <-s.done:
			return nil, fmt.Errorf("validate: server command %q exited before answering (%v); its last output:\n%s", command, s.err, t.String())
		case <-ctx.Done():
			s.Stop()
			return nil, ctx.Err()
		default:
		}
		if resp, err := client.Get(url); err == nil {
			resp.Body.Close()
			return s, nil
		}
		if time.Now().After(deadline) {
			s.Stop()
			return nil, fmt.Errorf("validate: server command %q did not answer GET %s within %v; its last output:\n%s", command, redactedURL(url), wait, t.String())
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// Stop ends the service: SIGTERM to its process group, then SIGKILL
// after five seconds.
func (s *Server) Stop() error {
	select {
	case <-s.done:
		return nil
	default:
	}
	terminate(s.cmd)
	select {
	case <-s.done:
	case <-time.After(5 * time.Second):
		kill(s.cmd)
		<-s.done
	}
	var ee *exec.ExitError
	if s.err != nil && !errors.As(s.err, &ee) {
		return s.err
	}
	return nil
}

// Output returns the last few KB the service printed.
func (s *Server) Output() string { return s.logs.String() }

// tail keeps the last max bytes written to it.
type tail struct {
	mu  sync.Mutex
	max int
	buf []byte
}

func (t *tail) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.buf = append(t.buf, p...)
	if len(t.buf) > t.max {
		t.buf = t.buf[len(t.buf)-t.max:]
	}
	return len(p), nil
}

func (t *tail) String() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return string(t.buf)
}

var _ io.Writer = (*tail)(nil)

// redactedURL hides a password in a URL shown in a message.
func redactedURL(s string) string {
	u, err := neturl.Parse(s)
	if err != nil {
		return s
	}
	return u.Redacted()
}
