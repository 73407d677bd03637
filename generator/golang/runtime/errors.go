package runtime

import (
	"encoding/json"
	"net/http"
	"strings"
	"unicode/utf8"
)

// errorStatuses are the statuses the server sends on its own, in the order
// of an errorTable's entries: the request broke the contract (400), a
// credential is missing or refused (401, 403), no operation has the path or
// method (404, 405), the body is too large (413) or of an undeclared media
// type (415).
var errorStatuses = [...]int{400, 401, 403, 404, 405, 413, 415}

// errorTable holds, for each of errorStatuses, the answer an operation
// declares for it; nil is none (the server answers problem+json).
type errorTable [len(errorStatuses)]*errorAnswer

// errorAnswer is a response the contract declares for an error the server
// finds itself: its status, media type and body, and the properties of the
// body that take the message or a fixed value. The generator fills them in
// by the rule the mock follows (contract/errbody).
type errorAnswer struct {
	status int
	// media is empty when the response declares no body.
	media string
	body  string
	fills []errorFill
	// xml writes the filled body (decoded JSON) as XML, for a response
	// declared in XML; nil for the others, whose body is JSON text.
	xml func(any) ([]byte, error)
}

// errorFill is one property of an error body set on every answer: to fixed,
// or when fixed is nil to the message, in the first such property whose
// length bounds (min, max; -1 for none) the message fits.
type errorFill struct {
	name     string
	fixed    any
	min, max int
}

// answer returns the declared answer for status, nil when there is none.
func (t *errorTable) answer(status int) *errorAnswer {
	if t == nil {
		return nil
	}
	for i, s := range errorStatuses {
		if s == status {
			return t[i]
		}
	}
	return nil
}

// write sends the answer with message filled in.
func (a *errorAnswer) write(w http.ResponseWriter, message string) {
	body := []byte(a.body)
	if len(a.fills) > 0 || a.xml != nil {
		var obj any
		d := json.NewDecoder(strings.NewReader(a.body))
		d.UseNumber()
		if d.Decode(&obj) == nil {
			if m, ok := obj.(map[string]any); ok {
				fillError(m, a.fills, message)
			}
			var b []byte
			var err error
			if a.xml != nil {
				b, err = a.xml(obj)
			} else {
				b, err = json.Marshal(obj)
			}
			if err == nil {
				body = b
			}
		}
	}
	if a.media == "" {
		w.WriteHeader(a.status)
		return
	}
	w.Header().Set("Content-Type", a.media)
	w.WriteHeader(a.status)
	w.Write(body)
}

// fillError sets fills in obj: a fixed value as it is, and the message in
// the first property without one whose length bounds (min, max; -1 for
// none) it fits. The mock fills its answers with it too (FillError).
func fillError(obj map[string]any, fills []errorFill, message string) {
	filled := false
	n := utf8.RuneCountInString(message)
	for _, f := range fills {
		switch {
		case f.fixed != nil:
			obj[f.name] = f.fixed
		case !filled && (f.min < 0 || n >= f.min) && (f.max < 0 || n <= f.max):
			obj[f.name] = message
			filled = true
		}
	}
}
