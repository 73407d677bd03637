package runtime

// Streams: server-sent events (text/event-stream, as the WHATWG HTML
// standard's "server-sent events" section defines them), JSON Lines /
// NDJSON and JSON text sequences (RFC 7464). The server writes each item as
// soon as the handler's sequence yields it and flushes; the client yields
// each item as soon as it has arrived.

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// SSEEvent is one server-sent event whose data is a T.
type SSEEvent[T any] struct {
	// Event is the event type; empty is the default type, "message".
	Event string
	// ID is the event id. A client sees the last id the stream has sent so
	// far (the SSE "last event ID"), empty when it sent none.
	ID string
	// Retry is the reconnection delay the server asks clients to use; a
	// client sees the last value sent so far, 0 when none was sent.
	Retry time.Duration
	// Data is the event's data: a string's own text, any other type's JSON.
	Data T
}

// maxStreamItemBytes bounds one event, line or record a client reads.
const maxStreamItemBytes = 16 << 20

// flushStream sends what w holds to the client; a writer that cannot flush
// (a test recorder, a middleware that hides it) is not an error.
func flushStream(rc *http.ResponseController) error {
	if err := rc.Flush(); err != nil && !errors.Is(err, http.ErrNotSupported) {
		return err
	}
	return nil
}

// writeSSE sends the events of seq as text/event-stream with the status,
// flushing the headers first and then each event, until seq ends, yields an
// error, or the client goes away (a write fails).
func writeSSE[T any](w http.ResponseWriter, status int, contentType string, seq iter.Seq2[SSEEvent[T], error], encode func(*T) ([]byte, error)) error {
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("Cache-Control", "no-cache")
	return writeStream(w, status, seq, func(buf []byte, ev *SSEEvent[T]) ([]byte, error) {
		data, err := encode(&ev.Data)
		if err != nil {
			return buf, fmt.Errorf("encoding event data: %w", err)
		}
		return appendSSE(buf, *ev, data), nil
	})
}

// writeStream sends the items of seq with the status, each framed by frame
// into a reused buffer: the headers are flushed first, then each item, until
// seq ends, yields an error, or the client goes away (a write fails).
func writeStream[T any](w http.ResponseWriter, status int, seq iter.Seq2[T, error], frame func(buf []byte, item *T) ([]byte, error)) error {
	w.WriteHeader(status)
	rc := http.NewResponseController(w)
	if err := flushStream(rc); err != nil {
		return err
	}
	if seq == nil {
		return nil
	}
	var buf []byte
	for item, err := range seq {
		if err != nil {
			return err
		}
		if buf, err = frame(buf[:0], &item); err != nil {
			return err
		}
		if _, err := w.Write(buf); err != nil {
			return err
		}
		if err := flushStream(rc); err != nil {
			return err
		}
	}
	return nil
}

// appendSSE appends one event: its event, id and retry fields when set,
// one data line per line of data, and the blank line that ends it. Line
// breaks in the event type or id would start other fields; they are
// dropped.
func appendSSE[T any](buf []byte, ev SSEEvent[T], data []byte) []byte {
	oneLine := func(s string) string { return strings.NewReplacer("\r", "", "\n", "").Replace(s) }
	if ev.Event != "" {
		buf = append(append(append(buf, "event: "...), oneLine(ev.Event)...), '\n')
	}
	if ev.ID != "" {
		buf = append(append(append(buf, "id: "...), oneLine(ev.ID)...), '\n')
	}
	if ev.Retry > 0 {
		buf = append(strconv.AppendInt(append(buf, "retry: "...), ev.Retry.Milliseconds(), 10), '\n')
	}
	for {
		line, rest, more := cutLine(data)
		buf = append(append(append(buf, "data: "...), line...), '\n')
		if !more {
			break
		}
		data = rest
	}
	return append(buf, '\n')
}

// cutLine cuts b at its first line break (CRLF, LF or CR).
func cutLine(b []byte) (line, rest []byte, found bool) {
	i := bytes.IndexAny(b, "\r\n")
	if i < 0 {
		return b, nil, false
	}
	if b[i] == '\r' && i+1 < len(b) && b[i+1] == '\n' {
		return b[:i], b[i+2:], true
	}
	return b[:i], b[i+1:], true
}

// readSSE yields the events of a text/event-stream body as they arrive,
// decoding each event's data with decode, and closes body when the stream
// ends or the loop stops. Comments are skipped, unknown fields ignored, data
// lines joined with line feeds, and an event cut off by the end of the
// stream dropped, as the SSE standard says. A decoding error is yielded
// with the event's other fields; the loop may go on. A read error (the
// context ended, the connection broke) is yielded last.
func readSSE[T any](body io.ReadCloser, decode func([]byte, *T) error) iter.Seq2[SSEEvent[T], error] {
	return func(yield func(SSEEvent[T], error) bool) {
		defer body.Close()
		sc := bufio.NewScanner(body)
		sc.Buffer(make([]byte, 0, 4096), maxStreamItemBytes)
		sc.Split(sseLines())
		var (
			ev      SSEEvent[T]
			data    []byte
			hasData bool
			first   = true
		)
		for sc.Scan() {
			line := sc.Bytes()
			if first {
				line = bytes.TrimPrefix(line, []byte("\uFEFF"))
				first = false
			}
			if len(line) == 0 { // dispatch
				if hasData {
					out := ev
					out.Data = *new(T)
					var err error
					if derr := decode(bytes.TrimSuffix(data, []byte("\n")), &out.Data); derr != nil {
						err = fmt.Errorf("event data: %w", derr)
					}
					if !yield(out, err) {
						return
					}
				}
				ev.Event, data, hasData = "", data[:0], false
				continue
			}
			if line[0] == ':' {
				continue // a comment
			}
			name, value, _ := bytes.Cut(line, []byte(":"))
			value = bytes.TrimPrefix(value, []byte(" "))
			switch string(name) {
			case "event":
				ev.Event = string(value)
			case "data":
				if len(data)+len(value) > maxStreamItemBytes {
					yield(SSEEvent[T]{}, fmt.Errorf("event data longer than %d bytes", maxStreamItemBytes))
					return
				}
				data = append(append(data, value...), '\n')
				hasData = true
			case "id":
				if bytes.IndexByte(value, 0) < 0 {
					ev.ID = string(value)
				}
			case "retry":
				if ms, err := strconv.ParseUint(string(value), 10, 63); err == nil && len(value) > 0 && value[0] != '+' {
					ev.Retry = time.Duration(ms) * time.Millisecond
				}
			}
		}
		if err := sc.Err(); err != nil {
			yield(SSEEvent[T]{}, err)
		}
	}
}

// sseLines splits a stream at CRLF, LF or CR. A CR ends its line at once,
// so an event ending in CR CR is dispatched without waiting for more data;
// the LF of a CRLF split across reads is skipped when it comes.
func sseLines() bufio.SplitFunc {
	skipLF := false
	return func(data []byte, atEOF bool) (int, []byte, error) {
		if skipLF && len(data) > 0 {
			skipLF = false
			if data[0] == '\n' {
				return 1, nil, nil
			}
		}
		if i := bytes.IndexAny(data, "\r\n"); i >= 0 {
			if data[i] == '\r' {
				if i+1 < len(data) {
					if data[i+1] == '\n' {
						return i + 2, data[:i], nil
					}
				} else {
					skipLF = true
				}
			}
			return i + 1, data[:i], nil
		}
		if atEOF && len(data) > 0 {
			return len(data), data, nil
		}
		return 0, nil, nil
	}
}

// writeJSONSeq sends the items of seq, one JSON text each, with the status:
// one per line (JSON Lines, NDJSON), or after an RS character when rs is set
// (RFC 7464 JSON text sequences). Each item is flushed; the stream ends when
// seq ends, yields an error, or the client goes away.
func writeJSONSeq[T any](w http.ResponseWriter, status int, contentType string, seq iter.Seq2[T, error], rs bool, encode func(*T) ([]byte, error)) error {
	w.Header().Set("Content-Type", contentType)
	return writeStream(w, status, seq, func(buf []byte, item *T) ([]byte, error) {
		data, err := encode(item)
		if err != nil {
			return buf, fmt.Errorf("encoding item: %w", err)
		}
		if rs {
			buf = append(buf, 0x1E)
		}
		return append(append(buf, data...), '\n'), nil
	})
}

// readJSONSeq yields the JSON texts of a JSON Lines body (rs false: one per
// line, blank lines skipped) or of a JSON text sequence (rs true: each after
// an RS character) as they arrive, decoded with decode, and closes body when
// the stream ends or the loop stops. A decoding error is yielded and the
// loop may go on; a read error is yielded last.
func readJSONSeq[T any](body io.ReadCloser, rs bool, decode func([]byte, *T) error) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		defer body.Close()
		sc := bufio.NewScanner(body)
		sc.Buffer(make([]byte, 0, 4096), maxStreamItemBytes)
		if rs {
			sc.Split(rsRecords)
		}
		n := 0
		for sc.Scan() {
			text := bytes.TrimSpace(sc.Bytes())
			if len(text) == 0 {
				continue
			}
			n++
			var v T
			var err error
			if derr := decode(text, &v); derr != nil {
				err = fmt.Errorf("item %d: %w", n, derr)
			}
			if !yield(v, err) {
				return
			}
		}
		if err := sc.Err(); err != nil {
			var zero T
			yield(zero, err)
		}
	}
}

// rsRecords splits a JSON text sequence at its RS characters. A record is
// complete when the next RS arrives, or when it is a whole JSON text ending
// in a line feed (a writer ends every text with one), so each item is
// yielded on arrival.
func rsRecords(data []byte, atEOF bool) (int, []byte, error) {
	start := 0
	for start < len(data) && data[start] == 0x1E {
		start++
	}
	if start == len(data) {
		if atEOF {
			return len(data), nil, nil
		}
		return start, nil, nil
	}
	if i := bytes.IndexByte(data[start:], 0x1E); i >= 0 {
		return start + i, data[start : start+i], nil
	}
	if atEOF || data[len(data)-1] == '\n' && json.Valid(data[start:]) {
		return len(data), data[start:], nil
	}
	return start, nil, nil
}

// encodeText writes a string item as the event's data text itself, not as
// a JSON string.
func encodeText[T ~string](v *T) ([]byte, error) { return []byte(*v), nil }

// decodeText reads an event's data text as a string item.
func decodeText[T ~string](b []byte, v *T) error {
	*v = T(b)
	return nil
}
