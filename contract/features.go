package contract

import (
	"fmt"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// Support says what toolkit does with an OpenAPI feature.
type Support string

const (
	// Generated: expressed by the generated Go code (types, server, client).
	Generated Support = "generated"
	// Validated: checked by the generated Validate methods and server.
	Validated Support = "validated"
	// Warned: not generated; gen prints a positioned warning at each use
	// (an error under --strict).
	Warned Support = "warned"
	// Ignored: documentation or an annotation with nothing to generate;
	// Note says why.
	Ignored Support = "ignored"
)

// Feature is one OpenAPI or JSON Schema keyword or object and what toolkit
// does with it. Features is the one list: the README's feature table is
// rendered from it, and every "not generated" warning of the model builder
// takes its text from the Warned entry it names.
type Feature struct {
	Keyword string  // as written in contracts, with a qualifier where needed
	Object  string  // where it appears: Schema, Operation, Media type …
	Since   string  // the OpenAPI version that introduced it
	Support Support // what toolkit does
	Note    string  // how; for Warned, what happens instead
}

// Features lists every OpenAPI feature toolkit knows of, in README order.
var Features = []Feature{
	{"openapi, info, tags, externalDocs", "Document", "3.0", Ignored, "documentation: doc comments, docs pages"},
	{"servers", "Document", "3.0", Ignored, "documentation: NewClient takes the base URL they describe"},
	{"servers", "Path item, Operation", "3.0", Generated, "the client sends the operation to the first one, variables at their defaults, relative to the base URL; WithServerForOperation overrides one, WithBaseURLOnly all"},
	{"paths, operations, operationId", "Paths", "3.0", Generated, "one handler method and one client method per operation"},
	{"query, additionalOperations", "Path item", "3.2", Generated, "custom methods are operations like the others"},
	{"parameters: path, query, header, cookie", "Operation", "3.0", Generated, "typed, with style and explode"},
	{"parameter content", "Parameter", "3.0", Generated, "a JSON-encoded parameter decoded into its type"},
	{"in: querystring", "Parameter", "3.2", Warned, "the loader warns; the query string is left undecoded"},
	{"requestBody, responses, content", "Operation", "3.0", Generated, "JSON and XML (of an object schema) typed; form, multipart, text and binary as their kind"},
	{"response headers", "Response", "3.0", Generated, "typed fields of the response (arrays of scalars as slices, objects of scalar properties as their struct, maps of scalars as maps, style simple with explode), checked by opt-in response validation on both sides"},
	{"Response header of another shape", "Header", "3.0", Warned, "arrays of non-scalars, objects with non-scalar or extra properties, unions: the field holds the header's text, neither parsed nor checked"},
	{"multipart/form-data", "Media type", "3.0", Generated, "a request body of an object schema is a typed parts struct: text and arrays of text, JSON parts for the rest, FilePart for format binary, contentMediaType or contentEncoding (arrays of files too); required parts checked (400); the client streams the parts; other multipart types stay a reader"},
	{"encoding contentType", "Media type", "3.0", Generated, "the part's content type: sent by the client (the first of a list), checked by the server (415)"},
	{"encoding headers", "Encoding", "3.0", Validated, "of a file part of a multipart/form-data request: FilePart.Header, sent by the client as set, checked by the server on each part (required, type and constraints: 400)"},
	{"Request body media type beside a typed one", "Media type", "3.0", Warned, "the generated server reads the first media type (JSON, then forms and XML of the same schema; XML of one schema; or multipart/form-data alone) and answers another with 415; the client sends the first"},
	{"encoding headers outside a file part", "Encoding", "3.0", Warned, "the generated client sends the part without them and the server does not check them"},
	{"XML body", "Media type", "3.0", Generated, "application/xml, text/xml and +xml bodies of an object schema are typed: read and written through encoding/xml as the xml objects say, checked like JSON (required, types, constraints, readOnly/writeOnly); beside JSON of the same schema the server reads either by Content-Type and answers by Accept, the client decodes by Content-Type"},
	{"XML body that encoding/xml cannot map", "Media type", "3.0", Warned, "the body is passed as raw bytes, not encoded or decoded as XML, and not validated"},
	{"text/event-stream, JSON Lines, json-seq", "Media type", "3.0", Generated, "typed streams: the handler returns an iter.Seq2 the server writes and flushes item by item; the client yields each item as it arrives"},
	{"itemSchema", "Media type", "3.2", Generated, "the type of a stream's items; on a request body warned, the body stays a reader"},
	{"links", "Response", "3.0", Warned, "no client helper follows the link; it is documentation only"},
	{"callbacks", "Operation", "3.0", Generated, "per callback a handler interface, a server, a typed sender and a function computing its URL from the request (warned when an expression reads the response); toolkit init mounts stub receivers, also those the contract gains later"},
	{"callback URL reading the response, an undeclared parameter or a non-JSON body", "Callback", "3.0", Warned, "URL is not generated (its client and handler are)"},
	{"webhooks", "Document", "3.1", Generated, "WebhookHandler and NewWebhookServer receive them, WebhookSender delivers them; toolkit init mounts stub receivers, also those the contract gains later"},
	{"securitySchemes, security", "Components, Operation", "3.0", Generated, "enforced by the server through a typed SecurityHandler (AND/OR requirements, 401/403 before the handler); client options per scheme"},
	{"$self", "Document", "3.2", Warned, "the loader warns; $refs resolve against the file's own location"},
	{"type, properties, required, items, additionalProperties", "Schema", "3.0", Generated, "Go types; required properties checked when decoding"},
	{"nullable, type: [T, null]", "Schema", "3.0", Generated, "pointers or Nullable[T]"},
	{"enum, const", "Schema", "3.0", Validated, "typed constants; checked by Validate"},
	{"enum (mixed types)", "Schema", "3.0", Warned, "the value is held as its closest Go type and its membership is not checked"},
	{"allOf", "Schema", "3.0", Generated, "members merged into one struct"},
	{"oneOf, anyOf", "Schema", "3.0", Generated, "tagged unions decoded by discriminator or by trying each variant"},
	{"oneOf/anyOf inside allOf", "Schema", "3.0", Warned, "the struct holds the merged properties; the union inside is not checked"},
	{"properties beside oneOf/anyOf", "Schema", "3.0", Warned, "the union is generated; the properties beside it are not checked"},
	{"discriminator with oneOf/anyOf", "Schema", "3.0", Generated, "selects the variant; mapping honoured"},
	{"discriminator without oneOf/anyOf", "Schema", "3.0", Warned, "the schema is one struct; the property is an ordinary field and selects nothing"},
	{"discriminator mapping (to no variant)", "Schema", "3.0", Warned, "the entry is ignored; that value selects no variant"},
	{"minimum, maximum, exclusiveMinimum, exclusiveMaximum, multipleOf", "Schema", "3.0", Validated, "checked by Validate"},
	{"minLength, maxLength, pattern", "Schema", "3.0", Validated, "checked by Validate (pattern with Go's regexp; a pattern it cannot compile is warned)"},
	{"minItems, maxItems, uniqueItems", "Schema", "3.0", Validated, "checked by Validate; items Go cannot compare with == (objects, arrays) by their canonical JSON"},
	{"minProperties, maxProperties", "Schema", "3.0", Validated, "checked by Validate"},
	{"format: date-time, byte, int32, int64, float, double", "Schema", "3.0", Generated, "time.Time, []byte and sized numbers"},
	{"integers beyond int64, format: uint32, uint64", "Schema", "3.0", Generated, "uint32/uint64 when no value is negative, else the exact digits in a json.Number type"},
	{"format: date, uuid, email, uri, ipv4, ipv6", "Schema", "3.0", Validated, "checked by Validate"},
	{"other formats", "Schema", "3.0", Ignored, "an annotation in JSON Schema; the value keeps its type's checks"},
	{"default", "Schema", "3.0", Generated, "documented; SetDefaults fills absent optional properties"},
	{"readOnly, writeOnly", "Schema", "3.0", Generated, "documented; required only in the direction that carries them"},
	{"title, description, deprecated, example, examples", "Schema", "3.0", Ignored, "documentation: doc comments, docs pages, mock answers"},
	{"not", "Schema", "3.0", Validated, "checked by Validate on the value"},
	{"if, then, else", "Schema", "3.1", Validated, "checked by Validate on the value; properties only they declare are optional fields"},
	{"dependentRequired", "Schema", "3.1", Validated, "checked by Validate"},
	{"dependentSchemas", "Schema", "3.1", Validated, "checked by Validate on the value"},
	{"unevaluatedProperties", "Schema", "3.1", Validated, "additionalProperties when no subschema declares properties, else checked on the value"},
	{"patternProperties, propertyNames", "Schema", "3.1", Validated, "the object keeps its other properties; checked by Validate on the value"},
	{"prefixItems", "Schema", "3.1", Validated, "a []T when every position has the items' type, else []any; each position checked by Validate"},
	{"contains, minContains, maxContains", "Schema", "3.1", Validated, "checked by Validate"},
	{"contentEncoding: base64", "Schema", "3.1", Generated, "[]byte"},
	{"contentMediaType: application/json, contentSchema", "Schema", "3.1", Validated, "the string must hold JSON matching contentSchema"},
	{"contentEncoding other than base64", "Schema", "3.1", Warned, "the value stays an encoded string (a FilePart in a multipart/form-data body) and its content is not checked"},
	{"contentMediaType other than JSON", "Schema", "3.1", Warned, "the value stays a string (a FilePart of that type in a multipart/form-data body) and its content is not checked"},
	{"unevaluatedItems", "Schema", "3.1", Warned, "items beyond those items and prefixItems evaluate are not checked"},
	{"$dynamicRef", "Schema", "3.1", Warned, "the reference is not followed; the value is not checked against it"},
	{"$dynamicAnchor", "Schema", "3.1", Warned, "nothing refers to it; the schema is generated as if it had none"},
	{"xml", "Schema", "3.0", Generated, "name, namespace, attribute and wrapped shape the XML bodies of the schema (root name: xml.name, else the schema's name); documentation where the schema travels as JSON only"},
	{"prefix", "XML", "3.0", Warned, "elements and attributes are written with the namespace declared as the default (xmlns=\"URL\") or an automatic prefix; readers that resolve namespaces see the same names, and any prefix is read"},
	{"$defs, $ref", "Schema", "3.1", Generated, "referenced schemas are types like components"},
	{"$comment, $schema, $id, $anchor", "Schema", "3.1", Ignored, "annotations; $refs are resolved by the loader"},
}

// feature returns the Warned feature named keyword. Asking for one that
// is not listed, or not Warned, is a programming error.
func feature(keyword string) Feature {
	for _, f := range Features {
		if f.Keyword == keyword && f.Support == Warned {
			return f
		}
	}
	panic("contract: no warned feature " + keyword)
}

// notGenerated warns, once per position, that the keyword at pointer is
// not generated, with what happens instead.
func (b *builder) notGenerated(keyword, file, pointer string) {
	b.notGeneratedSince(keyword, "", file, pointer)
}

// notGeneratedSince is notGenerated with the reason this use of the
// feature is not generated ("" when every use is not).
func (b *builder) notGeneratedSince(keyword, reason, file, pointer string) {
	key := keyword + "@" + file + "#" + pointer // one warning per feature and position
	if b.warned[key] {
		return
	}
	if b.warned == nil {
		b.warned = map[string]bool{}
	}
	b.warned[key] = true
	f := feature(keyword)
	if reason != "" {
		reason = ", since " + reason
	}
	b.c.add(SeverityWarning, file, pointer, fmt.Sprintf("%s is not generated%s: %s", featureSubject(f.Keyword), reason, f.Note))
}

// featureSubject names a feature in a message: "keyword xml" for a
// keyword (they start in lower case or with $), "XML body" for the rest.
func featureSubject(k string) string {
	if c := k[:1]; c == "$" || strings.ToLower(c) == c {
		return "keyword " + k
	}
	return k
}

// FeatureTable renders Features as the README's Markdown table.
func FeatureTable() string {
	var b strings.Builder
	b.WriteString("| feature | where | since | toolkit | how |\n|---|---|---|---|---|\n")
	for _, f := range Features {
		fmt.Fprintf(&b, "| `%s` | %s | %s | %s | %s |\n", f.Keyword, f.Object, f.Since, f.Support, f.Note)
	}
	return b.String()
}

// mappingUsed reports whether a discriminator value selects a variant.
func mappingUsed(u *Union, val string) bool {
	for _, v := range u.Variants {
		for _, x := range v.Values {
			if x == val {
				return true
			}
		}
	}
	return false
}

// unsupportedSchema warns about the keywords of s that no emitter
// expresses or checks.
func (b *builder) unsupportedSchema(s *openapi3.Schema, src Source) {
	at := func(kw string) string { return src.Pointer + "/" + kw }
	if s.Discriminator != nil && len(s.OneOf) == 0 && len(s.AnyOf) == 0 {
		b.notGenerated("discriminator without oneOf/anyOf", src.File, at("discriminator"))
	}
	if s.UnevaluatedItems.Has != nil || s.UnevaluatedItems.Schema != nil {
		b.notGenerated("unevaluatedItems", src.File, at("unevaluatedItems"))
	}
	if s.DynamicRef != "" {
		b.notGenerated("$dynamicRef", src.File, at("$dynamicRef"))
	}
	if s.DynamicAnchor != "" {
		b.notGenerated("$dynamicAnchor", src.File, at("$dynamicAnchor"))
	}
	if s.ContentEncoding != "" && s.ContentEncoding != "base64" {
		b.notGenerated("contentEncoding other than base64", src.File, at("contentEncoding"))
	}
	if s.ContentMediaType != "" && !isJSONMedia(s.ContentMediaType) {
		b.notGenerated("contentMediaType other than JSON", src.File, at("contentMediaType"))
	}
}

// unsupportedOperations warns about what operations and responses declare
// that nothing generates: links (encoding headers: see partHeaders; XML
// bodies: see xmlBody).
func (b *builder) unsupportedOperations() {
	t := b.doc.T
	file := b.doc.Path
	eachOperation(t, func(_ string, _ *openapi3.PathItem, _ string, op *openapi3.Operation, ptr string) {
		if op.Responses == nil {
			return
		}
		rs := op.Responses.Map()
		for _, status := range sortedKeys(rs) {
			r := rs[status]
			if r == nil || r.Value == nil {
				continue
			}
			for _, name := range sortedKeys(r.Value.Links) {
				b.notGenerated("links", file, ptr+Pointer("responses", status, "links", name))
			}
		}
	})
}

// eachOperation calls fn for every operation of t, in path and method
// order, with the JSON pointer of the operation.
func eachOperation(t *openapi3.T, fn func(path string, item *openapi3.PathItem, method string, op *openapi3.Operation, ptr string)) {
	if t.Paths == nil {
		return
	}
	paths := t.Paths.Map()
	for _, path := range sortedKeys(paths) {
		item := paths[path]
		if item == nil {
			continue
		}
		for _, method := range itemMethods(item) {
			op := item.GetOperation(method)
			if op == nil {
				continue
			}
			ptr := Pointer("paths", path, strings.ToLower(method))
			if item.AdditionalOperations[method] == op {
				ptr = Pointer("paths", path, "additionalOperations", method)
			}
			fn(path, item, method, op, ptr)
		}
	}
}

// isXMLMedia reports application/xml, text/xml and the +xml media types.
func isXMLMedia(mt string) bool {
	base := strings.ToLower(strings.TrimSpace(strings.SplitN(mt, ";", 2)[0]))
	return base == "application/xml" || base == "text/xml" || strings.HasSuffix(base, "+xml")
}
