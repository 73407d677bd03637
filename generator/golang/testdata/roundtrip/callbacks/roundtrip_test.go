package api

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// service registers subscriptions and delivers an event to each at once,
// through the callback client built from the registering request.
type service struct {
	Unimplemented
	receipts []int64
}

func (s *service) Subscribe(ctx context.Context, req SubscribeRequest) (SubscribeResponse, error) {
	u, err := SubscribeOnEventCallbackURL(req)
	if err != nil {
		return nil, err
	}
	cb, err := NewSubscribeOnEventCallback(u)
	if err != nil {
		return nil, err
	}
	resp, err := cb.DeliverEvent(ctx, DeliverEventRequest{Body: Event{ID: 42, Topic: req.Body.Topic, Payload: map[string]string{"k": "v"}}})
	if err != nil {
		return nil, err
	}
	if r, ok := resp.(DeliverEvent200Response); ok {
		s.receipts = append(s.receipts, r.Body.Received)
	}
	return Subscribe201Response{Body: Subscribed{ID: "sub-1"}}, nil
}

// subscriber receives the callbacks.
type subscriber struct {
	UnimplementedSubscribeOnEventCallback
	events []Event
}

func (s *subscriber) DeliverEvent(_ context.Context, req DeliverEventRequest) (DeliverEventResponse, error) {
	s.events = append(s.events, req.Body)
	return DeliverEvent200Response{Body: Receipt{Received: req.Body.ID}}, nil
}

// TestCallbackDelivery: the service computes the callback URL from the
// body and query of the subscribing request and calls it with the typed
// client; the subscriber's generated receiver gets the event typed, at the
// URL the expression names, and its typed answer reaches the service.
func TestCallbackDelivery(t *testing.T) {
	sub := &subscriber{}
	var urls []string
	record := func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			urls = append(urls, r.Method+" "+r.URL.String())
			next.ServeHTTP(w, r)
		})
	}
	subSrv := httptest.NewServer(NewSubscribeOnEventCallbackServer(sub, WithMiddleware(record)))
	defer subSrv.Close()
	svc := &service{}
	apiSrv := httptest.NewServer(NewServer(svc))
	defer apiSrv.Close()
	c, err := NewClient(apiSrv.URL)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := c.Subscribe(context.Background(), SubscribeRequest{Tenant: "acme & co", Body: Subscription{CallbackURL: subSrv.URL + "/cb", Topic: "pets"}})
	if err != nil {
		t.Fatal(err)
	}
	if r, ok := resp.(Subscribe201Response); !ok || r.Body.ID != "sub-1" {
		t.Fatalf("subscribe: %#v", resp)
	}
	if len(urls) != 1 || urls[0] != "POST /cb/events?tenant=acme+%26+co" {
		t.Errorf("callback requests %q, want one POST /cb/events?tenant=acme+%%26+co", urls)
	}
	if len(sub.events) != 1 || sub.events[0].ID != 42 || sub.events[0].Topic != "pets" || sub.events[0].Payload["k"] != "v" {
		t.Errorf("received %+v", sub.events)
	}
	if len(svc.receipts) != 1 || svc.receipts[0] != 42 {
		t.Errorf("receipts %v", svc.receipts)
	}
}

// TestCallbackURL evaluates the other expressions: a header, the method,
// and an absent optional header, which is an error, not an empty value.
func TestCallbackURL(t *testing.T) {
	trace := "t/1"
	req := SubscribeRequest{Tenant: "x", XTrace: &trace, Body: Subscription{CallbackURL: "https://sub.example/hook?a=1", Topic: "t"}}
	got, err := SubscribeOnEndCallbackURL(req)
	if want := "https://sub.example/hook?a=1/end?trace=t%2F1&via=POST"; got != want || err != nil {
		t.Errorf("got %q, %v; want %q", got, err, want)
	}
	req.XTrace = nil
	if _, err := SubscribeOnEndCallbackURL(req); err == nil || !strings.Contains(err.Error(), `header parameter "X-Trace"`) {
		t.Errorf("no header: %v", err)
	}
}

// TestCallbackReceiverRefuses: a delivery that breaks the contract is
// refused with 400 before the subscriber's handler runs.
func TestCallbackReceiverRefuses(t *testing.T) {
	sub := &subscriber{}
	srv := httptest.NewServer(NewSubscribeOnEventCallbackServer(sub))
	defer srv.Close()
	r, err := http.Post(srv.URL+"/anywhere", "application/json", strings.NewReader(`{"id":"not a number","topic":"t"}`))
	if err != nil {
		t.Fatal(err)
	}
	r.Body.Close()
	if r.StatusCode != 400 || len(sub.events) != 0 {
		t.Errorf("status %d, %d events; want 400 and none", r.StatusCode, len(sub.events))
	}
}
