package har

import (
	"bufio"
	"encoding/json"
	"errors"
	"io"
	"sync"
)

// Writer streams a HAR document: the head at the first entry, each entry
// as it is added (flushed, so that a killed process leaves every entry
// written so far), and the closing brackets on Close. Every entry is
// redacted before it is written. It is safe for concurrent use.
type Writer struct {
	mu     sync.Mutex
	w      *bufio.Writer
	flush  func() error // the underlying file's Sync or nil
	red    *Redactor
	n      int
	closed bool
	err    error
}

// NewWriter starts a HAR document on w; red may be nil for the built-in
// redaction only.
func NewWriter(w io.Writer, creator Creator, red *Redactor) (*Writer, error) {
	if red == nil {
		red = &Redactor{}
	}
	hw := &Writer{w: bufio.NewWriter(w), red: red}
	head, err := json.Marshal(Log{Version: "1.2", Creator: creator})
	if err != nil {
		return nil, err
	}
	// {"log":{"version":…,"creator":…,"entries":[
	hw.w.WriteString(`{"log":`)
	hw.w.Write(head[:len(head)-1])
	hw.w.WriteString(`,"entries":[`)
	return hw, hw.w.Flush()
}

// Write redacts e and appends it.
func (w *Writer) Write(e Entry) error {
	w.red.Entry(&e)
	b, err := json.Marshal(e)
	if err != nil {
		return err
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.closed {
		return errors.New("har: write after close")
	}
	if w.err != nil {
		return w.err
	}
	if w.n > 0 {
		w.w.WriteByte(',')
	}
	w.w.WriteByte('\n')
	w.w.Write(b)
	w.n++
	w.err = w.w.Flush()
	return w.err
}

// Entries returns how many entries were written.
func (w *Writer) Entries() int {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.n
}

// Close ends the document; later writes fail. It does not close the
// underlying writer.
func (w *Writer) Close() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.closed {
		return w.err
	}
	w.closed = true
	w.w.WriteString("\n]}}\n")
	if err := w.w.Flush(); w.err == nil {
		w.err = err
	}
	return w.err
}
