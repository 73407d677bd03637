package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/contractfirst/toolkit/contract"
	"github.com/contractfirst/toolkit/mock"
)

func init() { commands = append(commands, newMockCmd) }

func newMockCmd(e *env) *cobra.Command {
	var (
		file, listen, seedData, latency string
		cors                            bool
		opts                            mock.Options
	)
	cmd := &cobra.Command{
		Use:   "mock",
		Short: "Serve a contract before the service exists",
		Long: `Serve the contract: each request is validated as the generated server would
(an invalid one gets the operation's declared 4xx), and answered with a
declared response — the contract's example, or a value generated from the
schema.

"Prefer: code=404" picks a declared status, "Prefer: example=name" a named
example, "Prefer: dynamic=true" a fresh generated value (--dynamic: for
every request; Prism's ?__code=, ?__example=, ?__dynamic= work too); a
code or example the contract does not declare is a 400 naming the declared
ones, and an Accept header no declared media type fits gets 406 (an error
asked for with Prefer: code= is answered anyway). Operations with security requirements answer
their declared 401 without a credential of the right shape (--auth-token:
only the given values are accepted, others get 403). CORS is on (preflight
answered 204) unless --cors=false. The mock serves both under the path of
the contract's servers (Swagger 2.0 basePath) and at the root.

--stateful keeps resources by collection path and id: POST creates, GET
reads (or the declared 404), PUT replaces, PATCH merges (JSON Merge Patch),
DELETE removes, and the collection GET lists them (limit, offset, cursor).
--seed-data loads resources from a JSON file {"/customers": [{...}]}.

The mock's own error answers (400, 401, 403, 404, 406, 413, 415) use the
operation's declared response for the status, else problem+json. The mock
conforms to its own contract: toolkit validate against it finds nothing.`,
		Example: `  toolkit mock --contract openapi.yaml --listen 127.0.0.1:4010
  curl -H 'Prefer: code=404' http://127.0.0.1:4010/pets/1`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if file == "" {
				return &exitError{code: exitUsage, err: errors.New("mock: --contract is required")}
			}
			if err := mockOptions(&opts, cors, seedData, latency); err != nil {
				return &exitError{code: exitUsage, err: fmt.Errorf("mock: %w", err)}
			}
			doc, m, err := loadContract(e, file, contract.LoadOptions{})
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
	fl.BoolVar(&opts.Dynamic, "dynamic", false, "a fresh generated answer for every request")
	fl.StringVar(&seedData, "seed-data", "", `JSON file of initial resources for --stateful: {"/customers": [{...}]}`)
	fl.IntVar(&opts.MaxResources, "max-resources", mock.DefaultMaxResources, "resources --stateful keeps; past it the oldest go")
	fl.Int64Var(&opts.MaxBody, "max-body", mock.DefaultMaxBody, "largest request body in bytes; larger ones get 413")
	fl.BoolVar(&cors, "cors", true, "answer CORS preflights and add CORS headers")
	fl.StringSliceVar(&opts.CORSOrigins, "cors-origin", nil, "origins CORS allows (default any)")
	fl.StringSliceVar(&opts.AuthTokens, "auth-token", nil, "credentials to accept (default any of the right shape)")
	fl.StringVar(&latency, "latency", "", "delay each answer: 100ms, or a random delay in 50ms..300ms")
	return cmd
}

// mockOptions checks the flags and fills what they say into opts.
func mockOptions(opts *mock.Options, cors bool, seedData, latency string) error {
	opts.NoCORS = !cors
	if opts.MaxResources <= 0 {
		return fmt.Errorf("--max-resources must be positive, not %d", opts.MaxResources)
	}
	if opts.MaxBody <= 0 {
		return fmt.Errorf("--max-body must be positive, not %d", opts.MaxBody)
	}
	if latency != "" {
		lo, hi, isRange := strings.Cut(latency, "..")
		if !isRange {
			hi = lo
		}
		min, err1 := time.ParseDuration(lo)
		max, err2 := time.ParseDuration(hi)
		if err := errors.Join(err1, err2); err != nil || min < 0 || max < min {
			return fmt.Errorf("--latency %q: want a duration (100ms) or a range (50ms..300ms)", latency)
		}
		opts.LatencyMin, opts.LatencyMax = min, max
	}
	if seedData != "" {
		data, err := os.ReadFile(seedData)
		if err != nil {
			return fmt.Errorf("--seed-data: %w", err)
		}
		if err := json.Unmarshal(data, &opts.SeedData); err != nil {
			return fmt.Errorf("--seed-data %s: want {\"/collection\": [objects]}: %w", seedData, err)
		}
	}
	return nil
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
