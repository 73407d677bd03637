// Command crm serves the CRM example: the user contract
// (user/openapi.yaml: register, log in, tokens, profile, password) and
// the customer contract (customer/openapi.yaml: each user's customers)
// on one port, over an in-memory store. The api packages are generated
// from the contracts:
//
//	go generate ./...
//
// regenerates both (toolkit reads toolkit.yaml), and the compiler then
// points at every handler method a contract added or changed.
package main

//go:generate go run github.com/contractfirst/toolkit/cmd/toolkit gen

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/contractfirst/toolkit/examples/crm/auth"
	"github.com/contractfirst/toolkit/examples/crm/customer"
	customerapi "github.com/contractfirst/toolkit/examples/crm/customer/api"
	"github.com/contractfirst/toolkit/examples/crm/store"
	"github.com/contractfirst/toolkit/examples/crm/user"
	userapi "github.com/contractfirst/toolkit/examples/crm/user/api"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:8080", "address to listen on")
	keyHex := flag.String("token-key", os.Getenv("CRM_TOKEN_KEY"), "hex `key` (32+ bytes) signing tokens; default $CRM_TOKEN_KEY, else random per run")
	ttl := flag.Duration("token-ttl", time.Hour, "how long a login lasts")
	iter := flag.Int("pbkdf2-iterations", auth.DefaultIterations, "PBKDF2-HMAC-SHA256 iterations for new password hashes")
	mint := flag.Bool("mint-demo-token", false, "print a token for the demo account (needs -token-key) and exit")
	demo := flag.String("demo-token", "", "create the demo account and accept this `token` from -mint-demo-token")
	flag.Parse()
	log := slog.New(slog.NewTextHandler(os.Stderr, nil))
	var err error
	if *mint {
		err = printDemoToken(*keyHex)
	} else {
		err = run(log, *addr, *keyHex, *ttl, *iter, *demo)
	}
	if err != nil {
		log.Error("crm", "err", err)
		os.Exit(1)
	}
}

// printDemoToken is -mint-demo-token.
func printDemoToken(keyHex string) error {
	if keyHex == "" {
		return errors.New("-mint-demo-token needs -token-key or $CRM_TOKEN_KEY: the service must share the key")
	}
	key, err := signingKey(keyHex)
	if err != nil {
		return err
	}
	signer, err := auth.NewSigner(key, time.Now)
	if err != nil {
		return err
	}
	tok, err := mintDemoToken(signer, time.Now())
	if err != nil {
		return err
	}
	_, err = fmt.Println(tok)
	return err
}

func run(log *slog.Logger, addr, keyHex string, ttl time.Duration, iter int, demoToken string) error {
	key, err := signingKey(keyHex)
	if err != nil {
		return err
	}
	if keyHex == "" {
		log.Warn("no -token-key or $CRM_TOKEN_KEY: tokens are signed with a random key and die with the process")
	}
	signer, err := auth.NewSigner(key, time.Now)
	if err != nil {
		return err
	}
	st, hasher := store.NewMemory(time.Now), auth.Hasher{Iterations: iter}
	if demoToken != "" {
		if err := openDemoSession(context.Background(), st, signer, hasher, demoToken, time.Now()); err != nil {
			return err
		}
		log.Info("demo account ready", "username", demoUsername)
	}
	h := newHandler(st, signer, hasher, ttl, log)

	srv := &http.Server{Addr: addr, Handler: h, ReadHeaderTimeout: 10 * time.Second}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	done := make(chan error, 1)
	go func() {
		<-ctx.Done()
		log.Info("shutting down")
		shutdown, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		done <- srv.Shutdown(shutdown)
	}()
	log.Info("listening", "addr", addr)
	if err := srv.ListenAndServe(); !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return <-done
}

// signingKey decodes keyHex, or makes a random key when it is empty.
func signingKey(keyHex string) ([]byte, error) {
	if keyHex == "" {
		key := make([]byte, 32)
		_, err := rand.Read(key)
		return key, err
	}
	key, err := hex.DecodeString(keyHex)
	if err != nil {
		return nil, fmt.Errorf("token key: %w", err)
	}
	return key, nil
}

// newHandler mounts both generated servers on one mux, under their
// contracts' paths, with /healthz and a log line per request.
func newHandler(st store.Store, signer *auth.Signer, hasher auth.Hasher, ttl time.Duration, log *slog.Logger) http.Handler {
	u := user.New(st, user.Config{Hasher: hasher, Signer: signer, TokenTTL: ttl})
	c := customer.New(st, signer, nil)
	users := userapi.NewServer(u, u)
	customers := customerapi.NewServer(c, c)

	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusNoContent) })
	for _, p := range []string{"/users", "/users/", "/sessions", "/sessions/"} {
		mux.Handle(p, users)
	}
	for _, p := range []string{"/customers", "/customers/"} {
		mux.Handle(p, customers)
	}
	// Anything else: the generated server's own problem+json 404.
	mux.Handle("/", customers)
	return logRequests(log, mux)
}

// statusRecorder remembers the status a handler sent.
type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (r *statusRecorder) WriteHeader(code int) {
	if r.status == 0 {
		r.status = code
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *statusRecorder) Write(b []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	return r.ResponseWriter.Write(b)
}

// logRequests logs one line per request. The Authorization header is
// never logged.
func logRequests(log *slog.Logger, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &statusRecorder{ResponseWriter: w}
		next.ServeHTTP(rec, r)
		if rec.status == 0 {
			rec.status = http.StatusOK
		}
		log.Info("request", "method", r.Method, "path", r.URL.Path, "status", rec.status, "took", time.Since(start))
	})
}
