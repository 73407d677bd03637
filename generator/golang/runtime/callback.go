package runtime

// Callback URLs: the value a runtime expression such as
// {$request.body#/callbackUrl} reads from the request that registered the
// callback.

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// jsonPointerText returns the value at pointer (RFC 6901) in the JSON
// document doc as a callback URL carries it: a string's own text, a
// number's digits, any other value's JSON. A pointer to nothing, or to
// null, is an error: the URL cannot be computed.
func jsonPointerText(doc []byte, pointer string) (string, error) {
	dec := json.NewDecoder(bytes.NewReader(doc))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return "", err
	}
	if pointer != "" {
		if pointer[0] != '/' {
			return "", fmt.Errorf("%q is not a JSON pointer", pointer)
		}
		for _, tok := range strings.Split(pointer[1:], "/") {
			tok = strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"), "~0", "~")
			switch x := v.(type) {
			case map[string]any:
				next, ok := x[tok]
				if !ok {
					return "", fmt.Errorf("request body has no %s", pointer)
				}
				v = next
			case []any:
				i, err := strconv.Atoi(tok)
				if err != nil || i < 0 || i >= len(x) || tok != strconv.Itoa(i) {
					return "", fmt.Errorf("request body has no %s", pointer)
				}
				v = x[i]
			default:
				return "", fmt.Errorf("request body has no %s", pointer)
			}
		}
	}
	switch x := v.(type) {
	case nil:
		return "", fmt.Errorf("request body's %s is null", pointer)
	case string:
		return x, nil
	case json.Number:
		return x.String(), nil
	}
	b, err := json.Marshal(v)
	return string(b), err
}
