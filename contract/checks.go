package contract

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// validate runs kin-openapi's structural validation and turns each
// failure into a Problem with a JSON pointer. Structural failures are
// errors; examples and defaults that break their own schema are warnings,
// because real contracts are full of them and the intent is clear.
//
// The value checks (examples and defaults against their schemas) are
// checked last, and only on a document whose structure holds up: validate
// reports whether they are due and leaves them to Load (checkValues, then
// addValueProblems), which runs them in line or in the background.
func (d *Document) validate(c *collector, opts LoadOptions) (valuesDue bool) {
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
	for _, f := range failures(structural) {
		ptr, msg := f.pointer, f.msg
		k := classify(f.err)
		sev := SeverityError
		if k.soft {
			sev = SeverityWarning
			msg += k.note
		}
		if k.msg != "" {
			msg = k.msg
		}
		var undef *openapi3.SecurityRequirementSchemeUndefinedError
		switch {
		case k.id == kindDuplicateOperationID:
			continue // reported with both positions by checkOperationIDs
		case k.id == kindResponseDescription && strings.HasPrefix(ptr, "/paths/"):
			continue // reported at each response by describeResponses
		case errors.As(f.err, &undef) && undef.JSONPointer != "":
			ptr, msg = undef.JSONPointer, fmt.Sprintf("security scheme %q is not defined in components.securitySchemes%s", undef.Scheme, k.note)
		default:
			ptr = d.refine(ptr, f.err)
		}
		c.add(sev, d.Path, ptr, msg)
	}
	d.repair(c, opts)
	if c.hasErrors() || opts.SkipValueChecks {
		return false // examples are checked only against schemas that hold up
	}
	return true
}

// checkValues is kin-openapi's pass over the examples and defaults. It
// reads d.T and nothing else of d, so it may run beside the model build.
func (d *Document) checkValues() error {
	return d.T.Validate(context.Background(),
		openapi3.EnableMultiError(),
		openapi3.EnableExamplesValidation(),
		openapi3.EnableSchemaDefaultsValidation(),
		openapi3.DisableSchemaPatternValidation(),
		openapi3.DisableSchemaFormatValidation(),
	)
}

// addValueProblems reports checkValues' failures as warnings, each at the
// value's key (found in the decoded trees).
func (d *Document) addValueProblems(c *collector, err error) {
	for _, f := range failures(err) {
		if k := classify(f.err); k.id == kindValue {
			c.add(SeverityWarning, d.Path, d.valuePointer(f), f.msg)
		}
	}
}

// Kinds of kin-openapi failure the loader decides on.
const (
	kindStructural           = "structural"
	kindValue                = "example-or-default"
	kindPattern              = "pattern"
	kindFormat               = "format"
	kindSiblings             = "extra-fields"
	kindConflictingPaths     = "conflicting-paths"
	kindInfo                 = "info"
	kindPaths                = "paths"
	kindNewerKeyword         = "newer-keyword"
	kindItems                = "array-items"
	kindType                 = "schema-type"
	kindUndefinedScheme      = "undefined-security-scheme"
	kindResponseDescription  = "response-description"
	kindResponses            = "operation-responses"
	kindServerDefault        = "server-variable-default"
	kindDuplicateOperationID = "duplicate-operation-id"
)

// problemKind is the loader's decision on one kin-openapi failure: soft
// kinds do not stop a faithful result and are warnings, with a note that
// says what toolkit does instead.
type problemKind struct {
	id   string
	soft bool
	note string // appended to the message
	msg  string // replaces the message (one that dumps the input)
}

// is reports whether err's chain holds a T.
func is[T error](err error) bool {
	var t T
	return errors.As(err, &t)
}

// problemKinds maps kin-openapi's typed failures to kinds, first match
// wins. Paths whose templates differ only in parameter names are forbidden
// by the specification but common (GitHub's description has them);
// generated servers route them by method, and by order when methods clash
// too.
var problemKinds = []struct {
	match func(error) bool
	kind  problemKind
}{
	{is[*openapi3.DuplicateOperationIDError], problemKind{id: kindDuplicateOperationID}},
	{is[*openapi3.SchemaValueError], problemKind{id: kindValue, soft: true, note: ""}},
	{is[*openapi3.SchemaPatternRegexError], problemKind{id: kindPattern, soft: true, note: " (the pattern is not enforced)"}},
	{isFormat, problemKind{id: kindFormat, soft: true, note: ""}},
	{is[*openapi3.ExtraSiblingFieldsError], problemKind{id: kindSiblings, soft: true, note: " (ignored)"}},
	{is[*openapi3.ConflictingPathsError], problemKind{id: kindConflictingPaths, soft: true, note: ""}},
	{is[*openapi3.InfoRequired], problemKind{id: kindInfo, soft: true, note: " (only documentation reads info)"}},
	{is[*openapi3.InfoTitleRequired], problemKind{id: kindInfo, soft: true, note: " (only documentation reads info)"}},
	{is[*openapi3.InfoVersionRequired], problemKind{id: kindInfo, soft: true, note: " (only documentation reads info)"}},
	{is[*openapi3.PathsRequired], problemKind{id: kindPaths, soft: true, note: " (generating types only)"}},
	{is[*openapi3.FieldVersionMismatchError], problemKind{id: kindNewerKeyword, soft: true, note: " (honoured)"}},
	{is[*openapi3.SchemaItemsRequired], problemKind{id: kindItems, soft: true, note: " (items of any type)"}},
	{is[*openapi3.SchemaTypeError], problemKind{id: kindType, soft: true, note: " (a value of any type)"}},
	{is[*openapi3.SecurityRequirementSchemeUndefinedError], problemKind{id: kindUndefinedScheme, soft: true, note: " (no credential can meet a requirement naming it)"}},
	{is[*openapi3.ResponseDescriptionRequired], problemKind{id: kindResponseDescription, soft: true, note: ""}},
	{is[*openapi3.OperationResponsesRequired], problemKind{id: kindResponses, soft: true, note: " (generated with no declared responses)"}},
	{is[*openapi3.ResponsesNonEmptyRequired], problemKind{id: kindResponses, soft: true, note: " (generated with no declared responses)"}},
	{is[*openapi3.ServerVariableDefaultRequired], problemKind{id: kindServerDefault, soft: true, msg: "a server variable needs a default (the first enum value, or empty, is used)"}},
}

// isFormat matches an unknown format name, which kin-openapi reports
// without a type of its own.
func isFormat(err error) bool {
	return strings.HasPrefix(innermost(err).Error(), "unsupported 'format' value")
}

// innermost unwraps err to the end of its chain.
func innermost(err error) error {
	for {
		next := errors.Unwrap(err)
		if next == nil {
			return err
		}
		err = next
	}
}

// classify decides what kind of failure err is.
func classify(err error) problemKind {
	for _, k := range problemKinds {
		if k.match(err) {
			return k.kind
		}
	}
	return problemKind{id: kindStructural}
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

// failure is one leaf of kin-openapi's error tree: the JSON pointer its
// context wrappers spell, the one-line message, and the leaf's chain for
// classify.
type failure struct {
	pointer string
	msg     string
	err     error
}

// failures walks kin-openapi's context wrappers (section, path,
// operation, component …) down to every leaf, through MultiErrors at any
// depth, and returns each leaf with the JSON pointer of the failing node.
func failures(err error) []failure {
	var out []failure
	var walk func(err error, toks []string, prefix string, depth int)
	walk = func(err error, toks []string, prefix string, depth int) {
		if err == nil || depth > maxTreeDepth {
			return
		}
		toks = toks[:len(toks):len(toks)] // siblings must not share appends
		switch e := err.(type) {
		case openapi3.MultiError:
			for _, m := range e {
				walk(m, toks, prefix, depth+1)
			}
			return
		case *openapi3.SectionValidationError:
			if len(toks) == 0 && sections[e.Section] {
				toks = append(toks, e.Section)
			}
			walk(e.Cause, toks, prefix, depth+1)
			return
		case *openapi3.PathValidationError:
			if len(toks) == 0 || toks[len(toks)-1] != "paths" {
				toks = append(toks, "paths")
			}
			walk(e.Cause, append(toks, e.Path), prefix, depth+1)
			return
		case *openapi3.OperationValidationError:
			walk(e.Cause, append(toks, strings.ToLower(e.Method)), prefix, depth+1)
			return
		case *openapi3.ComponentValidationError:
			if len(toks) == 0 {
				toks = append(toks, "components")
			}
			if b, ok := componentBuckets[e.Section]; ok {
				toks = append(toks, b)
			}
			walk(e.Cause, append(toks, e.Name), prefix, depth+1)
			return
		case *openapi3.WebhookValidationError:
			walk(e.Cause, append(toks, e.Name), prefix, depth+1)
			return
		case *openapi3.MediaTypeExampleValidationError:
			walk(e.Cause, append(toks, "examples", e.ExampleName), prefix, depth+1)
			return
		case *openapi3.ParameterFieldValidationError:
			walk(e.Cause, append(toks, "parameters"), prefix+"parameter "+quote(e.ParameterName)+": ", depth+1)
			return
		case *openapi3.SchemaCombinatorElementValidationError:
			walk(e.Cause, append(toks, e.Combinator), prefix, depth+1)
			return
		case *openapi3.TagValidationError:
			walk(e.Cause, toks, prefix, depth+1)
			return
		}
		out = append(out, failure{pointer: Pointer(toks...), msg: prefix + oneLine(err), err: err})
	}
	walk(err, nil, "", 0)
	return out
}

var sections = map[string]bool{"components": true, "paths": true, "info": true, "security": true, "tags": true, "servers": true, "webhooks": true}

// oneLine renders a leaf on one line: a value that breaks its schema is
// told by the schema's reason and the place inside the value, without
// kin-openapi's dump of the schema and the value.
func oneLine(err error) string {
	var sve *openapi3.SchemaValueError
	var se *openapi3.SchemaError
	if errors.As(err, &se) {
		at := ""
		if p := se.JSONPointer(); len(p) > 0 {
			at = " at " + Pointer(p...)
		}
		what := "value"
		if errors.As(err, &sve) {
			what = sve.ValueKind
		}
		if rs, ok := ValidatorReasons(se); ok {
			return what + " does not match its schema" + joinReasons(rs)
		}
		return what + " does not match its schema" + at + ": " + strings.Join(strings.Fields(se.Reason), " ")
	}
	return strings.Join(strings.Fields(err.Error()), " ")
}

// joinReasons follows "does not match its schema": a single reason inside
// the value as " at /n: why", as kin-openapi's own checks read, several
// listed after a colon.
func joinReasons(rs []Reason) string {
	if len(rs) == 1 && len(rs[0].Path) > 0 {
		return " at " + rs[0].At() + ": " + rs[0].Why
	}
	return ": " + ListReasons(rs)
}

func quote(s string) string { return `"` + s + `"` }

// valuePointer places an example or default that breaks its schema: at
// the pointer kin-openapi's wrappers give when it names the value; a
// media type's named example at its value; else at the first key of that
// name below it (kin-openapi does not say which media type or parameter
// of an operation holds the example).
func (d *Document) valuePointer(f failure) string {
	var sve *openapi3.SchemaValueError
	if !errors.As(f.err, &sve) {
		return f.pointer
	}
	f.pointer = strings.TrimSuffix(f.pointer, "/"+sve.ValueKind)
	var named *openapi3.MediaTypeExampleValidationError
	if errors.As(f.err, &named) {
		// One of a media type's named examples: the examples object that
		// has it, below the operation or response kin-openapi names.
		var withValue bool // the entry found has a value, not a $ref
		hasIt := func(m map[string]any) bool {
			ex, _ := m["examples"].(map[string]any)
			v, has := ex[named.ExampleName]
			entry, _ := v.(map[string]any)
			_, withValue = entry["value"]
			return has
		}
		if p := d.findKey(d.Path, f.pointer, "examples", hasIt); p != "" {
			p += "/" + EscapePointerToken(named.ExampleName)
			if withValue {
				p += "/value"
			}
			return p
		}
	}
	if p := d.findKey(d.Path, f.pointer, sve.ValueKind, nil); p != "" {
		return p
	}
	return f.pointer
}

// findKey returns the pointer of the first key named key (in key order,
// depth first) at or below pointer in file in an object that ok accepts
// (nil accepts all), or "".
func (d *Document) findKey(file, pointer, key string, ok func(map[string]any) bool) string {
	f, found := d.files[file]
	if !found {
		return ""
	}
	var v any = f.tree
	for _, tok := range splitPointer(pointer) {
		m, isMap := v.(map[string]any)
		if !isMap {
			return ""
		}
		v = m[tok]
	}
	var find func(ptr string, v any, depth int) string
	find = func(ptr string, v any, depth int) string {
		m, isMap := v.(map[string]any)
		if !isMap || depth > maxTreeDepth {
			return ""
		}
		if _, has := m[key]; has && (ok == nil || ok(m)) {
			return ptr + "/" + EscapePointerToken(key)
		}
		for _, k := range sortedKeys(m) {
			if valueKeys[k] || k == "examples" {
				continue
			}
			if p := find(ptr+"/"+EscapePointerToken(k), m[k], depth+1); p != "" {
				return p
			}
		}
		return ""
	}
	return find(pointer, v, 0)
}

// refine narrows a pointer kin-openapi's wrappers leave at an enclosing
// object (an info, a schema component) to the field that failed, found
// below it in the root file.
func (d *Document) refine(ptr string, err error) string {
	var at string
	var ok func(map[string]any) bool
	var fv *openapi3.FieldVersionMismatchError
	var st *openapi3.SchemaTypeError
	switch {
	case is[*openapi3.InfoTitleRequired](err):
		at = "title"
	case is[*openapi3.InfoVersionRequired](err):
		at = "version"
	case errors.As(err, &fv):
		at = fv.Field
	case errors.As(err, &st):
		at, ok = "type", func(m map[string]any) bool { return fmt.Sprint(m["type"]) == st.Type }
	case is[*openapi3.SchemaItemsRequired](err):
		at, ok = "type", func(m map[string]any) bool { return m["type"] == "array" && m["items"] == nil }
	default:
		return ptr
	}
	if p := d.findKey(d.Path, ptr, at, ok); p != "" {
		return p
	}
	return ptr
}
