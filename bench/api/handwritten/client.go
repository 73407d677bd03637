package handwritten

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
)

// Client is a hand-written client for two of the contract's operations,
// the baseline for the generated clients.
type Client struct {
	base string
	hc   *http.Client
}

// NewClient returns a client for the service at base, sending through hc.
func NewClient(base string, hc *http.Client) *Client {
	return &Client{base: base, hc: hc}
}

// ListOrders calls GET /stores/{storeId}/orders.
func (c *Client) ListOrders(ctx context.Context, storeID string, limit int32) (*OrderList, error) {
	q := url.Values{}
	q.Set("limit", strconv.FormatInt(int64(limit), 10))
	u := c.base + "/stores/" + url.PathEscape(storeID) + "/orders?" + q.Encode()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, err
	}
	var out OrderList
	return &out, c.do(req, http.StatusOK, &out)
}

// CreateOrder calls POST /stores/{storeId}/orders.
func (c *Client) CreateOrder(ctx context.Context, storeID string, body *NewOrder) (*Order, error) {
	b, err := json.Marshal(body)
	if err != nil {
		return nil, fmt.Errorf("encoding body: %w", err)
	}
	u := c.base + "/stores/" + url.PathEscape(storeID) + "/orders"
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, u, bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	var out Order
	return &out, c.do(req, http.StatusCreated, &out)
}

func (c *Client) do(req *http.Request, want int, out any) error {
	resp, err := c.hc.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	if resp.StatusCode != want {
		return fmt.Errorf("status %d: %.200s", resp.StatusCode, data)
	}
	return json.Unmarshal(data, out)
}
