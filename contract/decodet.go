//go:build !go1.27 || !goexperiment.jsonv2

package contract

import (
	"encoding/json"

	"github.com/getkin/kin-openapi/openapi3"
)

// This file's build constraint is kin-openapi's own for decoding with
// encoding/json (its marsh_jsonv1.go); decodet_v2.go leaves the decode
// to kin-openapi where it uses encoding/json/v2.

// tFields is openapi3.T without its UnmarshalJSON method: decoding into
// it fills T's fields as kin-openapi's own decode does.
type tFields openapi3.T

// topKeys are the members of an OpenAPI document T has fields for; every
// other member is one of T.Extensions (kin-openapi's T.UnmarshalJSON
// deletes the same keys).
var topKeys = map[string]bool{
	"openapi": true, "components": true, "info": true, "paths": true, "security": true,
	"servers": true, "tags": true, "externalDocs": true, "webhooks": true, "jsonSchemaDialect": true,
}

// decodeT decodes data, a JSON OpenAPI 3 document, into t as
// json.Unmarshal(data, t) does, in about half the work: kin-openapi's
// T.UnmarshalJSON decodes the whole document a second time into a
// map[string]any only to keep its top-level members T has no field for
// (extensions), which on GitHub's description is 40% of the decode and
// most of its garbage. decodeT decodes those members alone. When the
// document does not decode, kin-openapi's own decode runs, so the error
// is the one it gives.
func decodeT(data []byte, t *openapi3.T) error {
	var x tFields
	var top map[string]json.RawMessage
	if json.Unmarshal(data, &x) != nil || json.Unmarshal(data, &top) != nil {
		return json.Unmarshal(data, t)
	}
	for k, raw := range top {
		if topKeys[k] {
			continue
		}
		var v any
		if err := json.Unmarshal(raw, &v); err != nil {
			return json.Unmarshal(data, t)
		}
		if x.Extensions == nil {
			x.Extensions = map[string]any{}
		}
		x.Extensions[k] = v
	}
	*t = openapi3.T(x)
	return nil
}
