package har

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// Read decodes the HAR document from r one entry at a time and calls fn
// for each, in file order; memory is bounded by the largest entry. A
// document cut after a complete entry (a recorder killed before Close)
// is read up to that entry and reported as ErrTruncated after the last
// call, so callers can warn and go on.
func Read(r io.Reader, fn func(i int, e *Entry) error) error {
	return read(r, fn)
}

// Summary is the part of an entry that says which operation it was:
// decoding only it skips the headers and bodies.
type Summary struct {
	Request struct {
		Method string `json:"method"`
		URL    string `json:"url"`
	} `json:"request"`
	Response struct {
		Status int `json:"status"`
	} `json:"response"`
}

// ReadSummaries is Read for summaries only, several times faster.
func ReadSummaries(r io.Reader, fn func(i int, s *Summary) error) error {
	return read(r, fn)
}

// read streams the entries of a HAR document as values of T.
func read[T any](r io.Reader, fn func(int, *T) error) error {
	dec := json.NewDecoder(r)
	if err := seekKey(dec, "log"); err != nil {
		return err
	}
	if err := seekKey(dec, "entries"); err != nil {
		return err
	}
	return readEntries(dec, fn)
}

// ErrTruncated says the document ended before its closing brackets.
var ErrTruncated = errors.New("har: the file ends before the document closes (a recording cut short?); the complete entries were read")

// seekKey enters the object that comes next and reads up to the value of
// key, skipping the others.
func seekKey(dec *json.Decoder, key string) error {
	if err := expectDelim(dec, '{'); err != nil {
		return err
	}
	for dec.More() {
		k, err := objectKey(dec)
		if err != nil {
			return err
		}
		if k == key {
			return nil
		}
		if err := skip(dec); err != nil {
			return err
		}
	}
	return fmt.Errorf("har: no %q in the object ending at offset %d", key, dec.InputOffset())
}

// readEntries reads the entries array, one entry at a time.
func readEntries[T any](dec *json.Decoder, fn func(int, *T) error) error {
	if err := expectDelim(dec, '['); err != nil {
		return err
	}
	n := 0
	for dec.More() {
		var e T
		if err := dec.Decode(&e); err != nil {
			if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
				return ErrTruncated
			}
			return fmt.Errorf("har: entry %d (offset %d): %w", n, dec.InputOffset(), err)
		}
		if err := fn(n, &e); err != nil {
			return err
		}
		n++
	}
	if _, err := dec.Token(); err != nil {
		return truncated(err)
	}
	return nil
}

func truncated(err error) error {
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return ErrTruncated
	}
	return err
}

func expectDelim(dec *json.Decoder, want json.Delim) error {
	t, err := dec.Token()
	if err != nil {
		if errors.Is(err, io.EOF) {
			return errors.New("har: empty file")
		}
		return fmt.Errorf("har: offset %d: %w", dec.InputOffset(), err)
	}
	if d, ok := t.(json.Delim); !ok || d != want {
		return fmt.Errorf("har: offset %d: want %q, found %v", dec.InputOffset(), want, t)
	}
	return nil
}

func objectKey(dec *json.Decoder) (string, error) {
	t, err := dec.Token()
	if err != nil {
		return "", truncated(err)
	}
	k, ok := t.(string)
	if !ok {
		return "", fmt.Errorf("har: offset %d: want a key, found %v", dec.InputOffset(), t)
	}
	return k, nil
}

// skip reads past one value.
func skip(dec *json.Decoder) error {
	var raw json.RawMessage
	return truncated(dec.Decode(&raw))
}
