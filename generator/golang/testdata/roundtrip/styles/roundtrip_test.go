package api

import (
	"context"
	"fmt"
	"net/http/httptest"
	"testing"
)

type echo struct{ Unimplemented }

func (echo) GetItems(_ context.Context, req GetItemsRequest) (GetItemsResponse, error) {
	return GetItems200Response{Body: Echo{Echo: fmt.Sprint(req.One, req.Many, req.Dots, req.Semis, req.Plain, req.Pipes, req.Spaces, req.Commas, req.Repeated, req.XTags)}}, nil
}

// TestStyles: every style the client writes, the server reads back.
func TestStyles(t *testing.T) {
	srv := httptest.NewServer(NewServer(echo{}))
	defer srv.Close()
	c, err := NewClient(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := c.GetItems(context.Background(), GetItemsRequest{
		One: 1, Many: 2, Dots: []int64{3, 4}, Semis: []int64{5, 6}, Plain: []string{"a", "b"},
		Pipes: []int64{7, 8}, Spaces: []string{"c", "d"}, Commas: []string{"e", "f"}, Repeated: []string{"g", "h"}, XTags: []string{"i", "j"},
	})
	if err != nil {
		t.Fatal(err)
	}
	ok, isOK := resp.(GetItems200Response)
	if !isOK {
		t.Fatalf("response %#v", resp)
	}
	if want := "1 2 [3 4] [5 6] [a b] [7 8] [c d] [e f] [g h] [i j]"; ok.Body.Echo != want {
		t.Errorf("the server read %q, want %q", ok.Body.Echo, want)
	}
}
