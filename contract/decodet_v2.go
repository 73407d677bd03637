//go:build go1.27 && goexperiment.jsonv2

package contract

import (
	"encoding/json"

	"github.com/getkin/kin-openapi/openapi3"
)

// decodeT is kin-openapi's own decode where it decodes with
// encoding/json/v2, whose rules (duplicate names, for one) decodet.go's
// shortcut does not follow.
func decodeT(data []byte, t *openapi3.T) error {
	return json.Unmarshal(data, t)
}
