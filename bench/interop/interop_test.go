package interop

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"reflect"
	"sync"
	"testing"
	"time"

	"github.com/contractfirst/toolkit/bench/interop/oapiapi"
	"github.com/contractfirst/toolkit/bench/interop/toolkitapi"
)

// note is a Note or NewNote as plain values, so what one generator's types
// hold and what the other's hold compare field by field: Due as RFC 3339 in
// UTC ("" when absent).
type note struct {
	ID, BoardID int64
	Text, Color string
	Tags        []string
	Due         string
	Weight      *float64
	Pinned      *bool
	Trace       *string
}

// listParams are listNotes' parameters as plain values.
type listParams struct {
	BoardID int64
	Tags    []string
	Color   *string
	Limit   *int32
	Trace   *string
}

func ptr[T any](v T) *T { return &v }

func due(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }

// The values every test sends and answers: text with quotes, spaces and
// non-ASCII, an explicit false, a fraction with no exact binary form, a
// time with a zone and milliseconds, and tags that need escaping in a query.
var (
	dueAt       = time.Date(2026, 12, 4, 17, 30, 5, 123000000, time.FixedZone("", 3600))
	sentParams  = listParams{BoardID: 7, Tags: []string{"a", "b c", "x&y=z", "ü,v"}, Color: ptr("green"), Limit: ptr(int32(20)), Trace: ptr("trace 1, \"x\"; y=€")}
	sentNote    = note{Text: `héllo "world" \ <b>`, Color: "blue", Tags: []string{"one", "two"}, Due: due(dueAt), Weight: ptr(0.1), Pinned: ptr(false)}
	answerNotes = []note{
		{ID: 1<<62 + 1, BoardID: 7, Text: "first\u2028\x00\t€😀", Color: "red", Tags: []string{"t"}, Due: due(dueAt), Weight: ptr(-2.5e-308), Pinned: ptr(true), Trace: ptr("trace-1")},
		{ID: 2, BoardID: 7, Text: "", Color: "blue", Tags: []string{}},
	}
	// seenTags is the list toolkit's server sends in a header (a list
	// header has no escaping: its items hold no commas).
	seenTags = []string{"seen", "b c", "ü"}
	// missingBoard is the board id both servers answer 404 for;
	// offContract one for which oapi-codegen's sends a header the contract
	// does not allow.
	missingBoard, offContract = int64(404), int64(13)
)

// The toolkit side.

func fromToolkit(n toolkitapi.Note) note {
	out := note{ID: n.ID, BoardID: n.BoardID, Text: n.Text, Color: string(n.Color), Tags: n.Tags, Weight: n.Weight, Pinned: n.Pinned, Trace: n.Trace}
	if n.Due.Set && !n.Due.Null {
		out.Due = due(n.Due.Value)
	}
	return out
}

func toToolkit(n note) toolkitapi.Note {
	out := toolkitapi.Note{ID: n.ID, BoardID: n.BoardID, Text: n.Text, Color: toolkitapi.Color(n.Color), Tags: n.Tags, Weight: n.Weight, Pinned: n.Pinned, Trace: n.Trace}
	if n.Due != "" {
		t, _ := time.Parse(time.RFC3339Nano, n.Due)
		out.Due = toolkitapi.NewNullable(t)
	}
	return out
}

// toolkitService records what it received and answers answerNotes.
type toolkitService struct {
	mu      sync.Mutex
	list    listParams
	created note
}

func (s *toolkitService) ListNotes(_ context.Context, req toolkitapi.ListNotesRequest) (toolkitapi.ListNotesResponse, error) {
	if req.BoardID == missingBoard {
		return toolkitapi.ListNotes404Response{Body: toolkitapi.Error{Code: 404, Message: "no board 404"}}, nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.list = listParams{BoardID: req.BoardID, Tags: req.Tag, Limit: req.Limit, Trace: req.XTrace}
	if req.Color != nil {
		s.list.Color = ptr(string(*req.Color))
	}
	var out []toolkitapi.Note
	for _, n := range answerNotes {
		out = append(out, toToolkit(n))
	}
	red := toolkitapi.Color("red")
	return toolkitapi.ListNotes200Response{Body: out, XTotalCount: int64(len(out)), XNextColor: &red, XTagsSeen: seenTags}, nil
}

func (s *toolkitService) CreateNote(_ context.Context, req toolkitapi.CreateNoteRequest) (toolkitapi.CreateNoteResponse, error) {
	if req.BoardID == missingBoard {
		return toolkitapi.CreateNote404Response{Body: toolkitapi.Error{Code: 404, Message: "no board 404"}}, nil
	}
	b := req.Body
	n := fromToolkit(toolkitapi.Note{Text: b.Text, Color: b.Color, Tags: b.Tags, Due: b.Due, Weight: b.Weight, Pinned: b.Pinned})
	s.mu.Lock()
	s.created = n
	s.mu.Unlock()
	n.ID, n.BoardID = 99, req.BoardID
	return toolkitapi.CreateNote201Response{Body: toToolkit(n)}, nil
}

// The oapi-codegen side.

func fromOapi(n oapiapi.Note) note {
	out := note{ID: n.Id, BoardID: n.BoardId, Text: n.Text, Color: string(n.Color), Tags: n.Tags, Weight: n.Weight, Pinned: n.Pinned, Trace: n.Trace}
	if n.Due != nil {
		out.Due = due(*n.Due)
	}
	return out
}

func toOapi(n note) oapiapi.Note {
	out := oapiapi.Note{Id: n.ID, BoardId: n.BoardID, Text: n.Text, Color: oapiapi.Color(n.Color), Tags: n.Tags, Weight: n.Weight, Pinned: n.Pinned, Trace: n.Trace}
	if n.Due != "" {
		t, _ := time.Parse(time.RFC3339Nano, n.Due)
		out.Due = &t
	}
	return out
}

// oapiService is toolkitService for oapi-codegen's strict server.
type oapiService struct {
	mu      sync.Mutex
	list    listParams
	created note
}

func (s *oapiService) ListNotes(_ context.Context, req oapiapi.ListNotesRequestObject) (oapiapi.ListNotesResponseObject, error) {
	if req.BoardId == missingBoard {
		return oapiapi.ListNotes404JSONResponse{Code: 404, Message: "no board 404"}, nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	p := req.Params
	s.list = listParams{BoardID: req.BoardId, Limit: p.Limit, Trace: p.XTrace}
	if p.Tag != nil {
		s.list.Tags = *p.Tag
	}
	if p.Color != nil {
		s.list.Color = ptr(string(*p.Color))
	}
	next := oapiapi.Color("red")
	if req.BoardId == offContract {
		next = "purple"
	}
	// X-Tags-Seen is left out: oapi-codegen v2.8.2's strict server writes an
	// array header with fmt.Sprint ("[seen b c]"), not comma-separated as
	// style simple says, which no client can read back.
	out := oapiapi.ListNotes200JSONResponse{Headers: oapiapi.ListNotes200ResponseHeaders{XNextColor: &next}}
	for _, n := range answerNotes {
		out.Body = append(out.Body, toOapi(n))
	}
	out.Headers.XTotalCount = int64(len(out.Body))
	return out, nil
}

func (s *oapiService) CreateNote(_ context.Context, req oapiapi.CreateNoteRequestObject) (oapiapi.CreateNoteResponseObject, error) {
	if req.BoardId == missingBoard {
		return oapiapi.CreateNote404JSONResponse{Code: 404, Message: "no board 404"}, nil
	}
	b := req.Body
	n := fromOapi(oapiapi.Note{Text: b.Text, Color: b.Color, Due: b.Due, Weight: b.Weight, Pinned: b.Pinned})
	if b.Tags != nil {
		n.Tags = *b.Tags
	}
	s.mu.Lock()
	s.created = n
	s.mu.Unlock()
	n.ID, n.BoardID = 99, req.BoardId
	return oapiapi.CreateNote201JSONResponse(toOapi(n)), nil
}

func same[T any](t *testing.T, what string, got, want T) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s:\n got %+v\nwant %+v", what, got, want)
	}
}

// TestOapiClientToolkitServer: oapi-codegen's client calls toolkit's
// server; parameters, bodies and answers arrive exactly as sent, and a
// request the contract does not allow gets the declared error schema,
// which that client parses as its typed default response.
func TestOapiClientToolkitServer(t *testing.T) {
	svc := &toolkitService{}
	srv := httptest.NewServer(toolkitapi.NewServer(svc))
	defer srv.Close()
	c, err := oapiapi.NewClientWithResponses(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()

	color := oapiapi.Color(*sentParams.Color)
	list, err := c.ListNotesWithResponse(ctx, sentParams.BoardID, &oapiapi.ListNotesParams{Tag: &sentParams.Tags, Color: &color, Limit: sentParams.Limit, XTrace: sentParams.Trace})
	if err != nil {
		t.Fatal(err)
	}
	if list.JSON200 == nil {
		t.Fatalf("list: status %d, body %s", list.StatusCode(), list.Body)
	}
	same(t, "parameters the toolkit server read", svc.list, sentParams)
	var got []note
	for _, n := range *list.JSON200 {
		got = append(got, fromOapi(n))
	}
	same(t, "notes the oapi-codegen client read", got, answerNotes)
	if h := list.Headers200; h == nil || h.XTotalCount != 2 || h.XNextColor == nil || *h.XNextColor != "red" || h.XTagsSeen == nil || !reflect.DeepEqual(*h.XTagsSeen, seenTags) {
		t.Errorf("response headers %+v (sent as %v), want total 2, next red, tags seen %q", h, list.HTTPResponse.Header, seenTags)
	}

	body := toOapi(sentNote)
	created, err := c.CreateNoteWithResponse(ctx, 7, oapiapi.NewNote{Text: body.Text, Color: body.Color, Tags: &body.Tags, Due: body.Due, Weight: body.Weight, Pinned: body.Pinned})
	if err != nil {
		t.Fatal(err)
	}
	if created.JSON201 == nil {
		t.Fatalf("create: status %d, body %s", created.StatusCode(), created.Body)
	}
	same(t, "body the toolkit server read", svc.created, sentNote)
	want := sentNote
	want.ID, want.BoardID = 99, 7
	same(t, "created note the oapi-codegen client read", fromOapi(*created.JSON201), want)

	missing, err := c.ListNotesWithResponse(ctx, missingBoard, nil)
	if err != nil {
		t.Fatal(err)
	}
	if missing.JSON404 == nil || missing.JSON404.Code != 404 || missing.JSON404.Message != "no board 404" {
		t.Errorf("404: status %d, body %s", missing.StatusCode(), missing.Body)
	}

	// limit 0 breaks minimum 1: toolkit's own 400 in the declared Error
	// schema, which oapi-codegen's client decodes as the default response.
	bad, err := c.ListNotesWithResponse(ctx, 7, &oapiapi.ListNotesParams{Limit: ptr(int32(0))})
	if err != nil {
		t.Fatal(err)
	}
	if bad.StatusCode() != http.StatusBadRequest || bad.JSONDefault == nil || bad.JSONDefault.Code != 400 || bad.JSONDefault.Message == "" {
		t.Errorf("invalid request: status %d, typed default %+v, body %s; want 400 in the Error schema", bad.StatusCode(), bad.JSONDefault, bad.Body)
	}
}

// TestToolkitClientOapiServer: toolkit's client calls oapi-codegen's strict
// server, the same values both ways.
func TestToolkitClientOapiServer(t *testing.T) {
	svc := &oapiService{}
	srv := httptest.NewServer(oapiapi.Handler(oapiapi.NewStrictHandler(svc, nil)))
	defer srv.Close()
	c, err := toolkitapi.NewClient(srv.URL, toolkitapi.WithResponseChecks())
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()

	color := toolkitapi.Color(*sentParams.Color)
	resp, err := c.ListNotes(ctx, toolkitapi.ListNotesRequest{BoardID: sentParams.BoardID, Tag: sentParams.Tags, Color: &color, Limit: sentParams.Limit, XTrace: sentParams.Trace})
	if err != nil {
		t.Fatal(err)
	}
	list, ok := resp.(toolkitapi.ListNotes200Response)
	if !ok {
		t.Fatalf("list: %#v", resp)
	}
	same(t, "parameters the oapi-codegen server read", svc.list, sentParams)
	var got []note
	for _, n := range list.Body {
		got = append(got, fromToolkit(n))
	}
	same(t, "notes the toolkit client read", got, answerNotes)
	if list.XTotalCount != 2 || list.XNextColor == nil || *list.XNextColor != "red" {
		t.Errorf("response headers: total %d, next %v; want 2 and red", list.XTotalCount, list.XNextColor)
	}

	n := toToolkit(sentNote)
	cresp, err := c.CreateNote(ctx, toolkitapi.CreateNoteRequest{BoardID: 7, Body: toolkitapi.NewNote{Text: n.Text, Color: n.Color, Tags: n.Tags, Due: n.Due, Weight: n.Weight, Pinned: n.Pinned}})
	if err != nil {
		t.Fatal(err)
	}
	created, ok := cresp.(toolkitapi.CreateNote201Response)
	if !ok {
		t.Fatalf("create: %#v", cresp)
	}
	same(t, "body the oapi-codegen server read", svc.created, sentNote)
	want := sentNote
	want.ID, want.BoardID = 99, 7
	same(t, "created note the toolkit client read", fromToolkit(created.Body), want)

	resp, err = c.ListNotes(ctx, toolkitapi.ListNotesRequest{BoardID: missingBoard})
	if err != nil {
		t.Fatal(err)
	}
	if nf, ok := resp.(toolkitapi.ListNotes404Response); !ok || nf.Body.Code != 404 || nf.Body.Message != "no board 404" {
		t.Errorf("404: %#v", resp)
	}

	// A header outside its enum: toolkit's client with WithResponseChecks
	// names it.
	_, err = c.ListNotes(ctx, toolkitapi.ListNotesRequest{BoardID: offContract})
	var rve *toolkitapi.ResponseValidationError
	if !errors.As(err, &rve) || rve.Header != "X-Next-Color" || rve.StatusCode != 200 {
		t.Errorf("off-contract header: error %v, want a ResponseValidationError naming X-Next-Color", err)
	}
}
