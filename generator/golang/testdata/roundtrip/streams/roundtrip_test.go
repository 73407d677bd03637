package api

import (
	"context"
	"errors"
	"iter"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"
)

// The server's sequences wait for the test before each item after the
// first, so an item the client yields before the test lets the server go on
// was sent and read on its own: the client does not wait for the end of the
// stream. The deadline only keeps a broken client from hanging the run.

type streams struct {
	Unimplemented
	next chan struct{} // the test lets the server send the next item
	done chan error    // a sequence ended: nil, or the context's error
}

// items yields n items made by mk, waiting for next before each after the
// first, and reports on done how it ended.
func items[T any](ctx context.Context, s *streams, n int, mk func(i int) T) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var end error
		defer func() { s.done <- end }()
		for i := 1; i <= n; i++ {
			if i > 1 {
				select {
				case <-s.next:
				case <-ctx.Done():
					end = ctx.Err()
					return
				}
			}
			if !yield(mk(i), nil) {
				end = errors.New("yield returned false")
				return
			}
		}
	}
}

func (s *streams) WatchTicks(ctx context.Context, req WatchTicksRequest) (WatchTicksResponse, error) {
	if req.Count == nil {
		return WatchTicks404Response{}, nil
	}
	return WatchTicks200Response{Events: items(ctx, s, int(*req.Count), func(i int) SSEEvent[Tick] {
		return SSEEvent[Tick]{Event: "tick", ID: strconv.Itoa(i), Data: Tick{Seq: int64(i)}}
	})}, nil
}

func (s *streams) TailLog(ctx context.Context, _ TailLogRequest) (TailLogResponse, error) {
	return TailLog200Response{Items: items(ctx, s, 3, func(i int) LogLine {
		return LogLine{Level: LogLineLevelInfo, Msg: "line " + strconv.Itoa(i)}
	})}, nil
}

func (s *streams) StreamNotes(ctx context.Context, _ StreamNotesRequest) (StreamNotesResponse, error) {
	return StreamNotes200Response{Events: items(ctx, s, 2, func(i int) SSEEvent[string] {
		return SSEEvent[string]{Data: "note " + strconv.Itoa(i) + "\nsecond line"}
	})}, nil
}

// release lets the server send its next item; it fails the test when the
// call's deadline passes first (the client held the item back until the
// stream's end, which never comes).
func (s *streams) release(ctx context.Context, t *testing.T) {
	t.Helper()
	select {
	case s.next <- struct{}{}:
	case <-ctx.Done():
		t.Fatal("the server never got to send the next item: the client did not yield the one before as it arrived")
	}
}

func setup(t *testing.T) (*streams, *Client, context.Context) {
	t.Helper()
	s := &streams{next: make(chan struct{}), done: make(chan error, 1)}
	srv := httptest.NewServer(NewServer(s))
	t.Cleanup(srv.Close)
	c, err := NewClient(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	t.Cleanup(cancel)
	return s, c, ctx
}

// TestSSEOneByOne: each event reaches the client while the server waits to
// send the next one; the whole stream arrives typed, in order.
func TestSSEOneByOne(t *testing.T) {
	s, c, ctx := setup(t)
	three := int64(3)
	resp, err := c.WatchTicks(ctx, WatchTicksRequest{Count: &three})
	if err != nil {
		t.Fatal(err)
	}
	ok, isOK := resp.(WatchTicks200Response)
	if !isOK {
		t.Fatalf("response %T", resp)
	}
	var got []string
	for ev, err := range ok.Events {
		if err != nil {
			t.Fatalf("after %v: %v", got, err)
		}
		got = append(got, ev.Event+"/"+ev.ID+"/"+strconv.FormatInt(ev.Data.Seq, 10))
		if len(got) < 3 {
			s.release(ctx, t) // the server sends the next event only now
		}
	}
	if strings.Join(got, " ") != "tick/1/1 tick/2/2 tick/3/3" {
		t.Errorf("events %v", got)
	}
	if err := <-s.done; err != nil {
		t.Errorf("server sequence ended with %v", err)
	}
}

// TestSSEBreakCloses: leaving the loop closes the connection; the server
// sees its request's context end while it waits to send the next event.
func TestSSEBreakCloses(t *testing.T) {
	s, c, ctx := setup(t)
	ten := int64(10)
	resp, err := c.WatchTicks(ctx, WatchTicksRequest{Count: &ten})
	if err != nil {
		t.Fatal(err)
	}
	for ev, err := range resp.(WatchTicks200Response).Events {
		if err != nil || ev.Data.Seq != 1 {
			t.Fatalf("first event %+v, %v", ev, err)
		}
		break
	}
	if err := <-s.done; !errors.Is(err, context.Canceled) {
		t.Errorf("server sequence ended with %v, want context.Canceled", err)
	}
}

// TestSSEOtherResponse: a declared non-stream response of the same
// operation is decoded as usual.
func TestSSEOtherResponse(t *testing.T) {
	_, c, ctx := setup(t)
	resp, err := c.WatchTicks(ctx, WatchTicksRequest{})
	if _, ok := resp.(WatchTicks404Response); !ok || err != nil {
		t.Fatalf("got %T, %v; want WatchTicks404Response", resp, err)
	}
}

// TestSSEText: string data travels as its own text, over several data lines.
func TestSSEText(t *testing.T) {
	s, c, ctx := setup(t)
	resp, err := c.StreamNotes(ctx, StreamNotesRequest{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for ev, err := range resp.(StreamNotes200Response).Events {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, ev.Data)
		if len(got) == 1 {
			s.release(ctx, t)
		}
	}
	if strings.Join(got, "|") != "note 1\nsecond line|note 2\nsecond line" {
		t.Errorf("notes %q", got)
	}
	<-s.done
}

// TestJSONLinesOneByOne: JSON Lines items arrive one by one, typed.
func TestJSONLinesOneByOne(t *testing.T) {
	s, c, ctx := setup(t)
	resp, err := c.TailLog(ctx, TailLogRequest{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for line, err := range resp.(TailLog200Response).Items {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, string(line.Level)+":"+line.Msg)
		if len(got) < 3 {
			s.release(ctx, t)
		}
	}
	if strings.Join(got, ",") != "info:line 1,info:line 2,info:line 3" {
		t.Errorf("lines %v", got)
	}
	<-s.done
}

// TestJSONLinesBreakCloses: as for events, breaking the loop ends the
// server's sequence through its context.
func TestJSONLinesBreakCloses(t *testing.T) {
	s, c, ctx := setup(t)
	resp, err := c.TailLog(ctx, TailLogRequest{})
	if err != nil {
		t.Fatal(err)
	}
	for range resp.(TailLog200Response).Items {
		break
	}
	if err := <-s.done; !errors.Is(err, context.Canceled) {
		t.Errorf("server sequence ended with %v, want context.Canceled", err)
	}
}

// TestStreamWire: what the server sends is text/event-stream and NDJSON as
// their specifications write them.
func TestStreamWire(t *testing.T) {
	s := &streams{next: make(chan struct{}, 3), done: make(chan error, 1)}
	for range 3 {
		s.next <- struct{}{}
	}
	h := NewServer(s)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/ticks?count=2", nil))
	if got, want := rec.Body.String(), "event: tick\nid: 1\ndata: {\"seq\":1}\n\nevent: tick\nid: 2\ndata: {\"seq\":2}\n\n"; got != want {
		t.Errorf("SSE body %q, want %q", got, want)
	}
	if rec.Header().Get("Content-Type") != "text/event-stream" || !rec.Flushed {
		t.Errorf("SSE headers %v, flushed %v", rec.Header(), rec.Flushed)
	}
	<-s.done
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/log", nil))
	if got, want := rec.Body.String(), "{\"level\":\"info\",\"msg\":\"line 1\"}\n{\"level\":\"info\",\"msg\":\"line 2\"}\n{\"level\":\"info\",\"msg\":\"line 3\"}\n"; got != want {
		t.Errorf("NDJSON body %q, want %q", got, want)
	}
	if rec.Header().Get("Content-Type") != "application/x-ndjson" {
		t.Errorf("NDJSON content type %q", rec.Header().Get("Content-Type"))
	}
}

// hooks receives the webhooks.
type hooks struct {
	UnimplementedWebhooks
	pets []Pet
	gone []int64
}

func (h *hooks) NewPetHook(_ context.Context, req NewPetHookRequest) (NewPetHookResponse, error) {
	h.pets = append(h.pets, req.Body)
	return NewPetHook200Response{Body: Ack{Ok: true}}, nil
}

func (h *hooks) DeletePetGone(_ context.Context, req DeletePetGoneRequest) (DeletePetGoneResponse, error) {
	h.gone = append(h.gone, req.ID)
	return DeletePetGone204Response{}, nil
}

// TestWebhooks: a webhook sent by the generated sender is received typed
// by the generated receiver, mounted under a prefix of the user's; its
// declared answer comes back typed; a body breaking the contract is refused
// before the handler.
func TestWebhooks(t *testing.T) {
	h := &hooks{}
	mux := http.NewServeMux()
	mux.Handle("/hooks/", http.StripPrefix("/hooks", NewWebhookServer(h)))
	srv := httptest.NewServer(mux)
	defer srv.Close()
	send, err := NewWebhookSender(srv.URL + "/hooks")
	if err != nil {
		t.Fatal(err)
	}
	resp, err := send.NewPetHook(context.Background(), NewPetHookRequest{Body: Pet{ID: 7, Name: "Rex"}})
	if err != nil {
		t.Fatal(err)
	}
	if ack, ok := resp.(NewPetHook200Response); !ok || !ack.Body.Ok {
		t.Errorf("answer %#v", resp)
	}
	if _, err := send.DeletePetGone(context.Background(), DeletePetGoneRequest{ID: 7}); err != nil {
		t.Fatal(err)
	}
	if len(h.pets) != 1 || !reflect.DeepEqual(h.pets[0], Pet{ID: 7, Name: "Rex"}) || len(h.gone) != 1 || h.gone[0] != 7 {
		t.Errorf("received %v, gone %v", h.pets, h.gone)
	}
	r, err := http.Post(srv.URL+"/hooks/newPet", "application/json", strings.NewReader(`{"id":1,"name":""}`))
	if err != nil {
		t.Fatal(err)
	}
	r.Body.Close()
	if r.StatusCode != 400 || len(h.pets) != 1 {
		t.Errorf("invalid webhook: status %d, %d received; want 400, handler not called", r.StatusCode, len(h.pets))
	}
	// An undeclared answer is the sender's error, as the client's.
	var ue *UnexpectedResponseError
	if _, err := send.NewPetHook(context.Background(), NewPetHookRequest{Body: Pet{ID: 8, Name: "Max"}}); err != nil {
		t.Fatal(err)
	}
	gone, _ := NewWebhookSender(srv.URL + "/elsewhere")
	if _, err := gone.NewPetHook(context.Background(), NewPetHookRequest{Body: Pet{ID: 9, Name: "Ida"}}); !errors.As(err, &ue) || ue.StatusCode != 404 {
		t.Errorf("unmounted receiver: %v, want an UnexpectedResponseError 404", err)
	}
}
