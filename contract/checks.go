package contract

import (
	"context"
	"errors"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// validate runs kin-openapi's structural validation and turns each
// failure into a Problem with a JSON pointer. Structural failures are
// errors; examples and defaults that break their own schema are warnings,
// because real contracts are full of them and the intent is clear.
func (d *Document) validate(c *collector, opts LoadOptions) {
	ctx := context.Background()
	var structural error
	withShallowRefs(d.T, func() {
		structural = d.T.Validate(ctx,
			openapi3.EnableMultiError(),
			openapi3.DisableExamplesValidation(),
			openapi3.DisableSchemaDefaultsValidation(),
			openapi3.DisableSchemaPatternValidation(),
			openapi3.DisableSchemaFormatValidation(),
		)
	})
	for _, e := range flatten(structural) {
		ptr, msg := errPointer(e)
		sev := SeverityError
		if isSoft(msg) || strings.Contains(ptr, "/examples/") {
			sev = SeverityWarning
		}
		if opts.Lenient && ptr == "/info" && strings.Contains(msg, "title must be a non-empty string") {
			// Only documentation reads the title: nothing generated
			// depends on it, so the repair is to go on without one.
			sev = SeverityWarning
			msg += " (--lenient: going on without a title)"
		}
		c.add(sev, d.Path, ptr, msg)
	}
	if structural != nil {
		return // examples are checked only against schemas that hold up
	}
	examples := d.T.Validate(ctx,
		openapi3.EnableMultiError(),
		openapi3.EnableExamplesValidation(),
		openapi3.EnableSchemaDefaultsValidation(),
		openapi3.DisableSchemaPatternValidation(),
		openapi3.DisableSchemaFormatValidation(),
	)
	for _, e := range flatten(examples) {
		ptr, msg := errPointer(e)
		c.add(SeverityWarning, d.Path, ptr, msg)
	}
}

// isSoft reports failures that do not stop a faithful result. Paths whose
// templates differ only in parameter names are forbidden by the
// specification but common (GitHub's description has them); generated
// servers route them by method, and by order when methods clash too.
func isSoft(msg string) bool {
	for _, s := range []string{"example", "default", "unsupported 'format'", "pattern", "extra sibling fields", "conflicting paths"} {
		if strings.Contains(msg, s) {
			return true
		}
	}
	return false
}

// flatten expands kin-openapi's MultiError into its members.
func flatten(err error) []error {
	if err == nil {
		return nil
	}
	var me openapi3.MultiError
	if errors.As(err, &me) {
		var out []error
		for _, e := range me {
			out = append(out, flatten(e)...)
		}
		return out
	}
	return []error{err}
}

var componentBuckets = map[string]string{
	"schema":          "schemas",
	"parameter":       "parameters",
	"header":          "headers",
	"request body":    "requestBodies",
	"response":        "responses",
	"security scheme": "securitySchemes",
	"example":         "examples",
	"link":            "links",
	"callback":        "callbacks",
}

// errPointer walks kin-openapi's context wrappers (section, path,
// operation, component …) to build the JSON pointer of the failing node,
// and returns it with the innermost message.
func errPointer(err error) (pointer, msg string) {
	var toks []string
	for err != nil {
		switch e := err.(type) {
		case *openapi3.SectionValidationError:
			if e.Section == "components" || e.Section == "paths" || e.Section == "info" || e.Section == "security" || e.Section == "tags" || e.Section == "servers" || e.Section == "webhooks" {
				if len(toks) == 0 {
					toks = append(toks, e.Section)
				}
			}
			err = e.Cause
			continue
		case *openapi3.PathValidationError:
			if len(toks) == 0 || toks[len(toks)-1] != "paths" {
				toks = append(toks, "paths")
			}
			toks = append(toks, e.Path)
			err = e.Cause
			continue
		case *openapi3.OperationValidationError:
			toks = append(toks, strings.ToLower(e.Method))
			err = e.Cause
			continue
		case *openapi3.ComponentValidationError:
			if len(toks) == 0 {
				toks = append(toks, "components")
			}
			if b, ok := componentBuckets[e.Section]; ok {
				toks = append(toks, b)
			}
			toks = append(toks, e.Name)
			err = e.Cause
			continue
		case *openapi3.WebhookValidationError:
			toks = append(toks, e.Name)
			err = e.Cause
			continue
		case *openapi3.MediaTypeExampleValidationError:
			toks = append(toks, "examples", e.ExampleName)
			err = e.Cause
			continue
		case *openapi3.ParameterFieldValidationError:
			toks = append(toks, "parameters")
			msg = "parameter " + quote(e.ParameterName) + ": "
			err = e.Cause
			continue
		case *openapi3.SchemaCombinatorElementValidationError:
			toks = append(toks, e.Combinator)
			err = e.Cause
			continue
		case *openapi3.TagValidationError:
			err = e.Cause
			continue
		}
		return Pointer(toks...), msg + err.Error()
	}
	return Pointer(toks...), msg
}

func quote(s string) string { return `"` + s + `"` }
