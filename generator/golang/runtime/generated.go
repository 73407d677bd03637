package runtime

import (
	"context"
	"log/slog"
	"net/http"
	"net/url"
)

// This file is not copied into generated packages: it stands in for the
// declarations a generated package writes from its contract (the server
// and client types, the Handler, the security table), so that the fixed
// code using them compiles and is tested here. The generator writes the
// real ones with the same names and at least these fields; building a
// generated package checks that they agree.

// Handler stands in for the contract's handler interface.
type Handler interface{}

// SecurityHandler stands in for the contract's security handler interface.
type SecurityHandler interface{}

// server stands in for the generated server: the handlers, then the
// state NewServer and the options set.
type server struct {
	h   Handler
	sec SecurityHandler
	// gate checks a secured operation's requirements (authorize); nil when
	// the contract secures none.
	gate               func(http.ResponseWriter, *http.Request, *OperationInfo) (context.Context, error)
	chain              http.Handler
	maxBody            int64
	middleware         []func(http.Handler) http.Handler
	onError            func(w http.ResponseWriter, r *http.Request, err error)
	logger             *slog.Logger
	routes             []route
	fallback           []route
	dropReadOnly       bool
	responseValidation ResponseValidation
}

// securitySchemes stands in for the table of the contract's schemes.
var securitySchemes map[string]securityScheme

// Client stands in for the generated client.
type Client struct {
	base           *url.URL
	hc             *http.Client
	editors        []func(context.Context, *http.Request) error
	auth           map[string]func(*http.Request)
	responseChecks func(op string, status int, err error) error
}

// baseOf stands in for the generated choice of an operation's server.
func (c *Client) baseOf(op string) *url.URL { return c.base }
