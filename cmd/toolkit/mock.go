package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/contractfirst/toolkit/contract"
	"github.com/contractfirst/toolkit/mock"
)

func init() { commands = append(commands, newMockCmd) }

func newMockCmd(e *env) *cobra.Command {
	var (
		file, listen string
		opts         mock.Options
	)
	cmd := &cobra.Command{
		Use:   "mock",
		Short: "Serve a contract before the service exists",
		Long: `Serve the contract: each request is validated as the generated server would
(an invalid one gets the operation's declared 4xx), and answered with a
declared response — the contract's example, or a value generated from the
schema.

"Prefer: code=404" picks a declared status, "Prefer: example=name" a named
example. --stateful keeps what POST creates, so POST-then-GET works.
The mock conforms to its own contract: toolkit validate against it finds
nothing.`,
		Example: `  toolkit mock --contract openapi.yaml --listen 127.0.0.1:4010
  curl -H 'Prefer: code=404' http://127.0.0.1:4010/pets/1`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if file == "" {
				return &exitError{code: exitUsage, err: errors.New("mock: --contract is required")}
			}
			doc, m, err := loadContract(e, "mock", file, contract.LoadOptions{})
			if err != nil {
				return err
			}
			srv, err := mock.New(doc, m, opts)
			if err != nil {
				return &exitError{code: exitUsage, err: err}
			}
			ln, err := net.Listen("tcp", listen)
			if err != nil {
				return &exitError{code: exitUsage, err: fmt.Errorf("mock: %w", err)}
			}
			log := slog.New(slog.NewTextHandler(e.stderr, nil))
			log.Info("mock listening", "addr", "http://"+ln.Addr().String(), "contract", file, "operations", len(m.Operations))
			if err := serveUntilSignal(ln, logged(log, srv)); err != nil {
				return &exitError{code: exitUsage, err: err}
			}
			return nil
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&file, "contract", "", "contract file (JSON or YAML)")
	fl.StringVar(&listen, "listen", "127.0.0.1:4010", "address to listen on")
	fl.Uint64Var(&opts.Seed, "seed", 0, "vary generated answers (0: the same example every time)")
	fl.BoolVar(&opts.Stateful, "stateful", false, "keep created resources in memory")
	return cmd
}

// serveUntilSignal serves h on ln until SIGINT or SIGTERM, then shuts
// down gracefully.
func serveUntilSignal(ln net.Listener, h http.Handler) error {
	hs := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	done := make(chan struct{})
	go func() {
		defer close(done)
		<-ctx.Done()
		shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		hs.Shutdown(shutdown)
	}()
	if err := hs.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	// Serve returns as soon as Shutdown starts: wait for the requests in
	// flight, so that what they write (the proxy's record) is complete.
	<-done
	return nil
}

// logged logs each request with its status.
func logged(log *slog.Logger, h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
		h.ServeHTTP(sw, r)
		attrs := []any{"method", r.Method, "path", r.URL.Path, "status", sw.status}
		if reason := sw.Header().Get("X-Mock-Error"); reason != "" {
			attrs = append(attrs, "invalid", reason)
		}
		log.Info("request", attrs...)
	})
}

type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	w.status = code
	w.ResponseWriter.WriteHeader(code)
}
