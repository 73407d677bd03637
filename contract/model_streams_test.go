package contract

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestStreamContents: each sequential media type gets its stream kind and
// item type (the JSON Lines schema's items, the SSE schema itself, a string
// for schema-less SSE data).
func TestStreamContents(t *testing.T) {
	_, m, err := Open(filepath.Join(contracts, "streams", "openapi.yaml"), LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, op := range m.Operations {
		for _, r := range op.Responses {
			for _, c := range r.Contents {
				item := "-"
				if c.ItemType != nil {
					item = c.ItemType.Kind.String() + ":" + c.ItemType.Name
				}
				got[op.ID+" "+r.Status+" "+c.MediaType] = c.Stream.String() + " " + item
			}
		}
	}
	want := map[string]string{
		"watchTicks 200 text/event-stream":  "sse object:Tick",
		"watchTicks 404 application/json":   " -",
		"tailLog 200 application/x-ndjson":  "jsonl object:LogLine",
		"streamNotes 200 text/event-stream": "sse string:",
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("streams (-want +got):\n%s", d)
	}
}

// TestStreamKindOf classifies the sequential media types, parameters and
// case aside.
func TestStreamKindOf(t *testing.T) {
	for mt, want := range map[string]StreamKind{
		"text/event-stream":                StreamSSE,
		"Text/Event-Stream; charset=utf-8": StreamSSE,
		"application/jsonl":                StreamJSONL,
		"application/x-ndjson":             StreamJSONL,
		"application/json-seq":             StreamJSONSeq,
		"application/json":                 StreamNone,
		"text/plain":                       StreamNone,
	} {
		if got := StreamKindOf(mt); got != want {
			t.Errorf("StreamKindOf(%q) = %v, want %v", mt, got, want)
		}
	}
}

// TestItemSchema: a 3.2 itemSchema is the item type; for SSE, an event
// object of event/data/id/retry stands for its data; on a request body it
// is not generated, with a warning at its position.
func TestItemSchema(t *testing.T) {
	path := writeContract(t, `openapi: 3.2.0
info: {title: t, version: "1"}
paths:
  /e:
    post:
      operationId: e
      requestBody:
        content:
          application/jsonl:
            itemSchema: {type: integer}
      responses:
        "200":
          description: events
          content:
            text/event-stream:
              itemSchema:
                type: object
                required: [data]
                properties:
                  event: {type: string}
                  data: {type: string}
                  id: {type: string}
                  retry: {type: integer}
        "201":
          description: lines
          content:
            application/jsonl:
              itemSchema: {type: object, properties: {n: {type: integer}}}
`)
	d, m, err := Open(path, LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	rs := m.Operations[0].Responses
	if c := rs[0].Contents[0]; c.Stream != StreamSSE || c.ItemType.Kind != KindString {
		t.Errorf("200: stream %v, item %v; want sse, string (the event's data)", c.Stream, c.ItemType.Kind)
	}
	if c := rs[1].Contents[0]; c.Stream != StreamJSONL || c.ItemType.Kind != KindObject || c.Type != nil {
		t.Errorf("201: stream %v, item %v; want jsonl, object", c.Stream, c.ItemType.Kind)
	}
	want := "t.yaml:10:13: /paths/~1e/post/requestBody/content/application~1jsonl/itemSchema: warning: itemSchema (OpenAPI 3.2) of a request body is not generated: the body is read and written as raw bytes"
	var got []string
	for _, w := range d.Warnings {
		got = append(got, strings.TrimPrefix(w.String(), filepath.Dir(path)+"/"))
	}
	if !contains(got, want) {
		t.Errorf("warnings:\n%s\nwant among them:\n%s", strings.Join(got, "\n"), want)
	}
	if _, _, err := Open(path, LoadOptions{Strict: true}); err == nil || !strings.Contains(err.Error(), "itemSchema (OpenAPI 3.2) of a request body") {
		t.Errorf("strict: %v; want the itemSchema warning as an error", err)
	}
}

// writeContract writes src as t.yaml in a temporary folder.
func writeContract(t *testing.T, src string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "t.yaml")
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestWebhooks: the webhooks section becomes operations without a path,
// named by their webhook, with ids synthesized from webhook and method when
// absent.
func TestWebhooks(t *testing.T) {
	_, m, err := Open(filepath.Join(contracts, "streams", "openapi.yaml"), LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, o := range m.Webhooks {
		got = append(got, o.Webhook+" "+o.Method+" "+o.ID+" "+o.Source.Pointer+" path="+o.Path)
	}
	want := []string{
		"newPet POST newPetHook /webhooks/newPet/post path=",
		"petGone DELETE deletePetGone /webhooks/petGone/delete path=",
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("webhooks (-want +got):\n%s", d)
	}
	if p := m.Webhooks[1].Params; len(p) != 1 || p[0].Name != "id" || p[0].Source.Pointer != "/webhooks/petGone/delete/parameters/0" {
		t.Errorf("petGone params: %+v", p)
	}
}

// TestCallbacks: each runtime expression of a callback is one Callback
// with its URL parsed; one that reads the response is left without URL,
// with a positioned warning.
func TestCallbacks(t *testing.T) {
	d, m, err := Open(filepath.Join(contracts, "callbacks", "openapi.yaml"), LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	cbs := m.Operations[0].Callbacks
	var got []string
	for _, cb := range cbs {
		var ops []string
		for _, o := range cb.Operations {
			ops = append(ops, o.Method+" "+o.ID)
		}
		got = append(got, fmt.Sprintf("%s %q %d parts: %s", cb.Name, cb.Expression, len(cb.URL), strings.Join(ops, ",")))
	}
	want := []string{
		`onEnd "{$request.body#/callbackUrl}/end?trace={$request.header.X-Trace}&via={$method}" 5 parts: POST postSubscribeOnEnd`,
		`onEvent "{$request.body#/callbackUrl}/events?tenant={$request.query.tenant}" 3 parts: POST deliverEvent`,
		`onStatus "{$response.body#/statusUrl}" 0 parts: PUT reportStatus`,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("callbacks (-want +got):\n%s", diff)
	}
	if x := cbs[1].URL[0].Expr; x == nil || x.Source != ExprBody || x.Pointer != "/callbackUrl" {
		t.Errorf("onEvent URL[0] = %+v, want the body at /callbackUrl", cbs[1].URL[0])
	}
	wantWarn := "openapi.yaml:54:11: /paths/~1subscriptions/post/callbacks/onStatus/{$response.body#~1statusUrl}: warning: callbacks: runtime expression {$response.body#/statusUrl} reads the response, which a URL computed from the request cannot; the function computing callback \"onStatus\"'s URL is not generated (its client and handler are)"
	var warns []string
	for _, w := range d.Warnings {
		warns = append(warns, strings.TrimPrefix(w.String(), filepath.Join(contracts, "callbacks")+"/"))
	}
	if !contains(warns, wantWarn) {
		t.Errorf("warnings:\n%s\nwant among them:\n%s", strings.Join(warns, "\n"), wantWarn)
	}
}

// TestParseRuntimeExpr covers every expression a request-side URL can read
// and the ones it cannot.
func TestParseRuntimeExpr(t *testing.T) {
	for in, want := range map[string]string{
		"$url":                  "url  ",
		"$method":               "method  ",
		"$request.body":         "request.body  ",
		"$request.body#/a/b":    "request.body  /a/b",
		"$request.query.q":      "request.query q ",
		"$request.header.X-Id":  "request.header X-Id ",
		"$request.path.id":      "request.path id ",
		"$response.body#/x":     "error: runtime expression {$response.body#/x} reads the response, which a URL computed from the request cannot",
		"$statusCode":           "error: runtime expression {$statusCode} reads the response, which a URL computed from the request cannot",
		"$request.body#x":       `error: runtime expression {$request.body#x}: "x" is not a JSON pointer`,
		"$request.query.":       "error: runtime expression {$request.query.} is not one of $url, $method, $request.path|query|header.NAME, $request.body[#/pointer]",
		"https://example.com/a": "error: runtime expression {https://example.com/a} is not one of $url, $method, $request.path|query|header.NAME, $request.body[#/pointer]",
	} {
		x, err := ParseRuntimeExpr(in)
		got := ""
		if err != nil {
			got = "error: " + err.Error()
		} else {
			got = fmt.Sprintf("%s %s %s", x.Source, x.Name, x.Pointer)
		}
		if got != want {
			t.Errorf("ParseRuntimeExpr(%q) = %q, want %q", in, got, want)
		}
	}
	if _, err := ParseCallbackURL("{$url"); err == nil || !strings.Contains(err.Error(), "no closing brace") {
		t.Errorf("unclosed brace: %v", err)
	}
	parts, err := ParseCallbackURL("https://h/{$request.path.id}/x")
	if err != nil || len(parts) != 3 || parts[0].Literal != "https://h/" || parts[1].Expr.Name != "id" || parts[2].Literal != "/x" {
		t.Errorf("ParseCallbackURL: %+v, %v", parts, err)
	}
}

// TestCallbackNotEvaluable: an expression naming a parameter the operation
// does not declare, or the body of an operation without a JSON body, leaves
// the callback without URL, with a positioned warning naming the keyword.
func TestCallbackNotEvaluable(t *testing.T) {
	path := writeContract(t, `openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /s:
    post:
      operationId: s
      requestBody:
        content:
          text/plain:
            schema: {type: string}
      responses:
        "200": {description: ok}
      callbacks:
        byQuery:
          "{$request.query.missing}":
            post:
              responses:
                "200": {description: ok}
        byBody:
          "{$request.body#/url}":
            post:
              responses:
                "200": {description: ok}
`)
	d, m, err := Open(path, LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, cb := range m.Operations[0].Callbacks {
		if cb.URL != nil || len(cb.Operations) != 1 {
			t.Errorf("%s: URL %v, %d operations; want no URL, the operation kept", cb.Name, cb.URL, len(cb.Operations))
		}
	}
	var got []string
	for _, w := range d.Warnings {
		got = append(got, strings.TrimPrefix(w.String(), filepath.Dir(path)+"/"))
	}
	for _, want := range []string{
		`t.yaml:20:11: /paths/~1s/post/callbacks/byBody/{$request.body#~1url}: warning: callbacks: runtime expression {$request.body#/url} needs a JSON request body with a schema; the function computing callback "byBody"'s URL is not generated (its client and handler are)`,
		`t.yaml:15:11: /paths/~1s/post/callbacks/byQuery/{$request.query.missing}: warning: callbacks: runtime expression {$request.query.missing} names a query parameter the operation does not declare; the function computing callback "byQuery"'s URL is not generated (its client and handler are)`,
	} {
		if !contains(got, want) {
			t.Errorf("warnings:\n%s\nwant among them:\n%s", strings.Join(got, "\n"), want)
		}
	}
}
