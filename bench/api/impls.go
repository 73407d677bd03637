package api

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"

	"github.com/contractfirst/toolkit/bench/api/handwritten"
	"github.com/contractfirst/toolkit/bench/api/oapiapi"
	"github.com/contractfirst/toolkit/bench/api/ogenapi"
	"github.com/contractfirst/toolkit/bench/api/toolkitapi"
)

// Generator names, as they appear in benchmark names (gen=NAME) and in
// bench/results.md.
const (
	Toolkit     = "toolkit"
	OapiCodegen = "oapi-codegen"
	// OapiValidated is oapi-codegen's server behind kin-openapi's request
	// validator, the setup its documentation gives for checking requests.
	OapiValidated = "oapi-codegen+kin"
	Ogen          = "ogen"
	Handwritten   = "handwritten"
)

// Server is one implementation of the contract's server.
type Server struct {
	Name string
	// New returns the whole http.Handler, routing included.
	New func() (http.Handler, error)
	// Validates is false for servers that do not check the contract's
	// constraints (oapi-codegen checks types only).
	Validates bool
}

// Servers lists the servers the benchmarks compare, toolkit first and the
// hand-written baseline last.
func Servers() []Server {
	return []Server{
		{Name: Toolkit, Validates: true, New: func() (http.Handler, error) {
			return toolkitapi.NewServer(newToolkitService()), nil
		}},
		{Name: OapiCodegen, New: func() (http.Handler, error) {
			return oapiapi.Handler(oapiapi.NewStrictHandler(newOapiService(), nil)), nil
		}},
		{Name: OapiValidated, Validates: true, New: newOapiValidated},
		{Name: Ogen, Validates: true, New: func() (http.Handler, error) {
			return ogenapi.NewServer(newOgenService())
		}},
		{Name: Handwritten, Validates: true, New: func() (http.Handler, error) {
			return handwritten.NewServer(newHandwrittenService()), nil
		}},
	}
}

// ClientCalls are two operations called through one generated client.
type ClientCalls struct {
	// List fetches the 100-order page and returns how many orders it decoded.
	List func(context.Context) (int, error)
	// Create sends NewOrderJSON's order (prebuilt in the client's own types)
	// and returns the created order's line count.
	Create func(context.Context) (int, error)
}

// Client is one implementation of the contract's client.
type Client struct {
	Name string
	New  func(hc *http.Client) (ClientCalls, error)
}

const baseURL = "http://bench.invalid"

// Clients lists the clients the benchmarks compare, toolkit first.
func Clients() []Client {
	return []Client{
		{Name: Toolkit, New: newToolkitClient},
		{Name: OapiCodegen, New: newOapiClient},
		{Name: Ogen, New: newOgenClient},
		{Name: Handwritten, New: newHandwrittenClient},
	}
}

func newToolkitClient(hc *http.Client) (ClientCalls, error) {
	c, err := toolkitapi.NewClient(baseURL, toolkitapi.WithHTTPClient(hc))
	if err != nil {
		return ClientCalls{}, err
	}
	var body toolkitapi.NewOrder
	mustUnmarshal(NewOrderJSON, &body)
	limit := int32(100)
	return ClientCalls{
		List: func(ctx context.Context) (int, error) {
			resp, err := c.ListOrders(ctx, toolkitapi.ListOrdersRequest{StoreID: StoreID, Limit: &limit})
			if err != nil {
				return 0, err
			}
			ok, isOK := resp.(toolkitapi.ListOrders200Response)
			if !isOK {
				return 0, fmt.Errorf("unexpected response %T", resp)
			}
			return len(ok.Body.Items), nil
		},
		Create: func(ctx context.Context) (int, error) {
			resp, err := c.CreateOrder(ctx, toolkitapi.CreateOrderRequest{StoreID: StoreID, Body: body})
			if err != nil {
				return 0, err
			}
			ok, isOK := resp.(toolkitapi.CreateOrder201Response)
			if !isOK {
				return 0, fmt.Errorf("unexpected response %T", resp)
			}
			return len(ok.Body.Lines), nil
		},
	}, nil
}

func newOapiClient(hc *http.Client) (ClientCalls, error) {
	c, err := oapiapi.NewClientWithResponses(baseURL, oapiapi.WithHTTPClient(hc))
	if err != nil {
		return ClientCalls{}, err
	}
	var body oapiapi.NewOrder
	mustUnmarshal(NewOrderJSON, &body)
	limit := int32(100)
	return ClientCalls{
		List: func(ctx context.Context) (int, error) {
			resp, err := c.ListOrdersWithResponse(ctx, StoreID, &oapiapi.ListOrdersParams{Limit: &limit})
			if err != nil {
				return 0, err
			}
			if resp.JSON200 == nil {
				return 0, fmt.Errorf("unexpected status %d", resp.StatusCode())
			}
			return len(resp.JSON200.Items), nil
		},
		Create: func(ctx context.Context) (int, error) {
			resp, err := c.CreateOrderWithResponse(ctx, StoreID, body)
			if err != nil {
				return 0, err
			}
			if resp.JSON201 == nil {
				return 0, fmt.Errorf("unexpected status %d", resp.StatusCode())
			}
			return len(resp.JSON201.Lines), nil
		},
	}, nil
}

func newOgenClient(hc *http.Client) (ClientCalls, error) {
	c, err := ogenapi.NewClient(baseURL, ogenapi.WithClient(hc))
	if err != nil {
		return ClientCalls{}, err
	}
	var body ogenapi.NewOrder
	mustUnmarshal(NewOrderJSON, &body)
	return ClientCalls{
		List: func(ctx context.Context) (int, error) {
			resp, err := c.ListOrders(ctx, ogenapi.ListOrdersParams{StoreId: StoreID, Limit: ogenapi.NewOptInt32(100)})
			if err != nil {
				return 0, err
			}
			return len(resp.Items), nil
		},
		Create: func(ctx context.Context) (int, error) {
			resp, err := c.CreateOrder(ctx, &body, ogenapi.CreateOrderParams{StoreId: StoreID})
			if err != nil {
				return 0, err
			}
			return len(resp.Lines), nil
		},
	}, nil
}

func newHandwrittenClient(hc *http.Client) (ClientCalls, error) {
	c := handwritten.NewClient(baseURL, hc)
	var body handwritten.NewOrder
	mustUnmarshal(NewOrderJSON, &body)
	return ClientCalls{
		List: func(ctx context.Context) (int, error) {
			resp, err := c.ListOrders(ctx, StoreID, 100)
			if err != nil {
				return 0, err
			}
			return len(resp.Items), nil
		},
		Create: func(ctx context.Context) (int, error) {
			resp, err := c.CreateOrder(ctx, StoreID, &body)
			if err != nil {
				return 0, err
			}
			return len(resp.Lines), nil
		},
	}, nil
}

// CannedTransport answers every request in memory with the same status and
// JSON body, after reading the request body to its end (so a client that
// streams its encoding pays for it too).
type CannedTransport struct {
	Status int
	Body   []byte
}

// RoundTrip implements http.RoundTripper.
func (t *CannedTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.Body != nil {
		if _, err := io.Copy(io.Discard, r.Body); err != nil {
			return nil, err
		}
		r.Body.Close()
	}
	return &http.Response{
		Status:        http.StatusText(t.Status),
		StatusCode:    t.Status,
		Proto:         "HTTP/1.1",
		ProtoMajor:    1,
		ProtoMinor:    1,
		Header:        http.Header{"Content-Type": {"application/json"}},
		Body:          io.NopCloser(bytes.NewReader(t.Body)),
		ContentLength: int64(len(t.Body)),
		Request:       r,
	}, nil
}
