package runtime

import (
	"encoding/json"
	"errors"
	"io"
	"iter"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

type point struct {
	X int `json:"x"`
}

func encodePoint(p *point) ([]byte, error) { return json.Marshal(p) }
func decodePoint(b []byte, p *point) error { return json.Unmarshal(b, p) }
func body(s string) io.ReadCloser          { return io.NopCloser(strings.NewReader(s)) }
func values[T any](xs ...T) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		for _, x := range xs {
			if !yield(x, nil) {
				return
			}
		}
	}
}

// collect reads a whole sequence, errors as strings.
func collect[T any](seq iter.Seq2[T, error]) (out []T, errs []string) {
	for v, err := range seq {
		if err != nil {
			errs = append(errs, err.Error())
			continue
		}
		out = append(out, v)
	}
	return out, errs
}

// TestReadSSE follows the SSE standard's parsing rules: comments, unknown
// fields, multi-line data, CR and CRLF line ends, a leading BOM, an event
// without data not dispatched, the last id and retry kept, and an event cut
// off by the end of the stream dropped.
func TestReadSSE(t *testing.T) {
	in := "\uFEFF: a comment\r\n" +
		"event: first\nid: 7\nretry: 1500\nfoo: ignored\ndata: line one\ndata:line two\n\n" +
		"event: nothing\n\n" +
		"data\r\rdata:  two spaces\r\n\r\n" +
		"id\ndata: {}\n\n" +
		"data: cut off"
	got, errs := collect(readSSE(body(in), decodeText[string]))
	want := []SSEEvent[string]{
		{Event: "first", ID: "7", Retry: 1500 * time.Millisecond, Data: "line one\nline two"},
		{ID: "7", Retry: 1500 * time.Millisecond, Data: ""},
		{ID: "7", Retry: 1500 * time.Millisecond, Data: " two spaces"},
		{ID: "", Retry: 1500 * time.Millisecond, Data: "{}"},
	}
	if d := cmp.Diff(want, got); d != "" || errs != nil {
		t.Errorf("events (-want +got):\n%s\nerrors: %v", d, errs)
	}
}

// TestReadSSEDecodeError: data that is not the item's JSON is an error for
// that event; the events after it still arrive.
func TestReadSSEDecodeError(t *testing.T) {
	got, errs := collect(readSSE(body("data: {\"x\":1}\n\ndata: nope\n\ndata: {\"x\":3}\n\n"), decodePoint))
	if d := cmp.Diff([]SSEEvent[point]{{Data: point{1}}, {Data: point{3}}}, got); d != "" {
		t.Errorf("events (-want +got):\n%s", d)
	}
	if len(errs) != 1 || !strings.HasPrefix(errs[0], "event data: invalid character 'o'") {
		t.Errorf("errors: %q", errs)
	}
}

// closer records Close.
type closer struct {
	io.Reader
	closed bool
}

func (c *closer) Close() error { c.closed = true; return nil }

// TestReadStopsAndCloses: breaking the loop closes the body, before the
// rest of the stream is read.
func TestReadStopsAndCloses(t *testing.T) {
	c := &closer{Reader: strings.NewReader("data: 1\n\ndata: 2\n\n")}
	for ev, err := range readSSE(c, decodeText[string]) {
		if err != nil || ev.Data != "1" {
			t.Fatalf("first event %+v, %v", ev, err)
		}
		break
	}
	if !c.closed {
		t.Error("body not closed after break")
	}
	c = &closer{Reader: strings.NewReader("{\"x\":1}\n{\"x\":2}\n")}
	for range readJSONSeq(c, false, decodePoint) {
		break
	}
	if !c.closed {
		t.Error("JSON Lines body not closed after break")
	}
}

// TestReadError: a read error ends the sequence with that error.
func TestReadError(t *testing.T) {
	boom := errors.New("boom")
	r := io.NopCloser(io.MultiReader(strings.NewReader("data: 1\n\n"), errReader{boom}))
	got, errs := collect(readSSE(r, decodeText[string]))
	if len(got) != 1 || len(errs) != 1 || errs[0] != "boom" {
		t.Errorf("got %v, errors %v", got, errs)
	}
}

type errReader struct{ err error }

func (e errReader) Read([]byte) (int, error) { return 0, e.err }

// TestWriteSSE writes the fields in order, one data line per line, no line
// break inside event or id, and flushes each event.
func TestWriteSSE(t *testing.T) {
	rec := httptest.NewRecorder()
	err := writeSSE(rec, 200, "text/event-stream", values(
		SSEEvent[string]{Event: "a\nb", ID: "1", Retry: 2 * time.Second, Data: "x\ny"},
		SSEEvent[string]{Data: ""},
	), encodeText[string])
	if err != nil {
		t.Fatal(err)
	}
	want := "event: ab\nid: 1\nretry: 2000\ndata: x\ndata: y\n\ndata: \n\n"
	if got := rec.Body.String(); got != want {
		t.Errorf("body %q, want %q", got, want)
	}
	if rec.Header().Get("Content-Type") != "text/event-stream" || rec.Header().Get("Cache-Control") != "no-cache" || !rec.Flushed {
		t.Errorf("headers %v, flushed %v", rec.Header(), rec.Flushed)
	}
	// What was written reads back as it was sent (line breaks in the type dropped).
	got, errs := collect(readSSE(body(want), decodeText[string]))
	if d := cmp.Diff([]SSEEvent[string]{{Event: "ab", ID: "1", Retry: 2 * time.Second, Data: "x\ny"}, {ID: "1", Retry: 2 * time.Second}}, got); d != "" || errs != nil {
		t.Errorf("round trip (-want +got):\n%s %v", d, errs)
	}
}

// TestWriteStopsOnError: an error from the handler's sequence ends the
// stream and is returned.
func TestWriteStopsOnError(t *testing.T) {
	boom := errors.New("boom")
	seq := func(yield func(point, error) bool) {
		if yield(point{1}, nil) {
			yield(point{}, boom)
		}
	}
	rec := httptest.NewRecorder()
	if err := writeJSONSeq(rec, 200, "application/jsonl", seq, false, encodePoint); err != boom {
		t.Errorf("err %v, want boom", err)
	}
	if got := rec.Body.String(); got != "{\"x\":1}\n" {
		t.Errorf("body %q", got)
	}
}

// TestJSONSeqRoundTrip: JSON Lines and RFC 7464 sequences read back what
// was written; blank lines and stray RS characters are skipped.
func TestJSONSeqRoundTrip(t *testing.T) {
	for _, rs := range []bool{false, true} {
		rec := httptest.NewRecorder()
		if err := writeJSONSeq(rec, 200, "x", values(point{1}, point{2}), rs, encodePoint); err != nil {
			t.Fatal(err)
		}
		wire := rec.Body.String()
		if rs && wire != "\x1e{\"x\":1}\n\x1e{\"x\":2}\n" || !rs && wire != "{\"x\":1}\n{\"x\":2}\n" {
			t.Errorf("rs=%v: wire %q", rs, wire)
		}
		extra := "\n\n"
		if rs {
			extra = "\x1e\x1e"
		}
		got, errs := collect(readJSONSeq(body(extra+wire+extra), rs, decodePoint))
		if d := cmp.Diff([]point{{1}, {2}}, got); d != "" || errs != nil {
			t.Errorf("rs=%v (-want +got):\n%s %v", rs, d, errs)
		}
	}
	// A pretty-printed text of a sequence spans lines.
	got, errs := collect(readJSONSeq(body("\x1e{\n\"x\": 5\n}\n\x1e{\"x\":6}\n"), true, decodePoint))
	if d := cmp.Diff([]point{{5}, {6}}, got); d != "" || errs != nil {
		t.Errorf("multi-line record (-want +got):\n%s %v", d, errs)
	}
}

// TestRSRecordsSplitReads: a record is yielded once it is whole, however
// the reads cut it.
func TestRSRecordsSplitReads(t *testing.T) {
	wire := "\x1e{\n\"x\": 5\n}\n\x1e{\"x\":6}\n"
	for cut := 1; cut < len(wire); cut++ {
		r := io.NopCloser(io.MultiReader(strings.NewReader(wire[:cut]), strings.NewReader(wire[cut:])))
		got, errs := collect(readJSONSeq(r, true, decodePoint))
		if d := cmp.Diff([]point{{5}, {6}}, got); d != "" || errs != nil {
			t.Errorf("cut at %d (-want +got):\n%s %v", cut, d, errs)
		}
	}
}

// FuzzReadSSE: no input crashes the reader or yields more events than it
// has blank lines.
func FuzzReadSSE(f *testing.F) {
	f.Add("data: a\n\n")
	f.Add("\uFEFFevent: e\r\nid: 1\rretry: 10\ndata\n\n: c\n")
	f.Fuzz(func(t *testing.T, in string) {
		n := 0
		for range readSSE(body(in), decodeText[string]) {
			n++
		}
		if max := strings.Count(in, "\n") + strings.Count(in, "\r") + 1; n > max {
			t.Errorf("%d events from %d line ends", n, max)
		}
	})
}
