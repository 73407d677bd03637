// The generated server's fixed code holding it to what the contract says
// of readOnly and writeOnly properties: the option dropping readOnly ones
// from requests, the check refusing them, and the response writer leaving
// writeOnly ones out. The walkers that find them are generated per type.

package runtime

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
)

// WithReadOnlyDropped makes the server drop readOnly properties from request bodies
// before the handler sees them, instead of refusing such a request with 400.
func WithReadOnlyDropped() ServerOption {
	return func(s *server) { s.dropReadOnly = true }
}

// decodeAny decodes JSON data into plain values, numbers kept as written.
func decodeAny(data []byte) (any, error) {
	d := json.NewDecoder(bytes.NewReader(data))
	d.UseNumber()
	var x any
	err := d.Decode(&x)
	return x, err
}

// refuseReadOnly refuses a JSON body carrying a property the contract marks
// readOnly, naming it, or with WithReadOnlyDropped drops them all from *data.
// find is the body type's walker. A body that is not JSON is left to the decoder.
func (s *server) refuseReadOnly(data *[]byte, find func(any, bool) string) *RequestError {
	x, err := decodeAny(*data)
	if err != nil {
		return nil
	}
	p := find(x, s.dropReadOnly)
	switch {
	case p == "":
		return nil
	case !s.dropReadOnly:
		return badParam("body", p, "is read-only: the server sets it, requests leave it out")
	}
	if b, err := json.Marshal(x); err == nil {
		*data = b
	}
	return nil
}

// encodeJSONWithout encodes v and leaves out what drop (the type's walker)
// finds: a client's request body without its readOnly properties, which a
// required one held by value would otherwise carry as its zero value and
// the server refuse; a response without its writeOnly ones.
func encodeJSONWithout[P any](v P, write func(P, *jsonWriter), drop func(any, bool) string) ([]byte, error) {
	b, err := encodeJSONValue(v, write)
	if err != nil {
		return nil, err
	}
	if x, err := decodeAny(b); err == nil && drop(x, true) != "" {
		if out, err := json.Marshal(x); err == nil {
			return out, nil
		}
	}
	return b, nil
}

// sendJSONWithout is sendJSON for a body type holding writeOnly properties: they
// are left out of the response (drop is the type's walker).
func sendJSONWithout[P any](s *server, w http.ResponseWriter, r *http.Request, status int, contentType string, v P, write func(P, *jsonWriter), drop func(any, bool) string) {
	b, err := encodeJSONWithout(v, write, drop)
	if err != nil {
		s.handlerError(w, r, fmt.Errorf("encoding response: %w", err))
		return
	}
	w.Header().Set("Content-Type", contentType)
	w.WriteHeader(status)
	w.Write(b)
}
