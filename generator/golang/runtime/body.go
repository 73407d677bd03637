package runtime

import (
	"mime"
	"net/http"
	"strings"
)

// readJSONBody reads a JSON body of one of the declared media types into dst
// with read. It reports false when the request has no body (an error when
// required). dst is a pointer, its type the type parameter: one instance
// serves every body type.
func readJSONBody[P any](s *server, w http.ResponseWriter, r *http.Request, required bool, media []string, dst P, read func(P, *jsonReader) error) (bool, *RequestError) {
	ct := r.Header.Get("Content-Type")
	if r.ContentLength == 0 && ct == "" {
		if required {
			return false, &RequestError{Status: http.StatusBadRequest, Detail: "request body is required"}
		}
		return false, nil
	}
	mt, _, _ := mime.ParseMediaType(ct)
	if !mediaMatches(mt, media...) && mt != "application/json" {
		return false, &RequestError{Status: http.StatusUnsupportedMediaType, Detail: "Content-Type must be one of: " + strings.Join(media, ", ")}
	}
	data, rerr := s.readBody(w, r)
	if rerr != nil {
		return false, rerr
	}
	return true, decodeJSONBody(data, dst, read)
}

// jsonBody reads a required JSON body into *dst and checks it.
func jsonBody[T any](s *server, w http.ResponseWriter, r *http.Request, dst *T, read func(*T, *jsonReader) error, check func(T) error, media ...string) *RequestError {
	if _, rerr := readJSONBody(s, w, r, true, media, dst, read); rerr != nil {
		return rerr
	}
	return checkBody(check, *dst)
}

// optJSONBody reads an optional JSON body: *dst stays nil when there is none.
func optJSONBody[T any](s *server, w http.ResponseWriter, r *http.Request, dst **T, read func(*T, *jsonReader) error, check func(T) error, media ...string) *RequestError {
	v := new(T)
	ok, rerr := readJSONBody(s, w, r, false, media, v, read)
	if !ok || rerr != nil {
		return rerr
	}
	*dst = v
	return checkBody(check, *v)
}

// checkBody runs a body's check, when it has one, as a 400 naming the body.
func checkBody[T any](check func(T) error, v T) *RequestError {
	if check != nil {
		if err := check(v); err != nil {
			return invalidValue("body", "", decodeError("", err))
		}
	}
	return nil
}
