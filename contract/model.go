package contract

import "strings"

// This file defines the language-neutral Model: what a contract means, with
// every $ref resolved, every inline schema given a stable name where an
// emitter needs one, and no kin-openapi types. Emitters (Go code, docs),
// the sample-value generator and validate read only these structs.
//
// Identity matters: a named schema is one *Type shared by every place that
// references it, so recursion is a pointer cycle and emitters compare
// pointers, never names, to tell types apart.

// Model is a whole contract, ready for emitters.
type Model struct {
	// OpenAPI is the version the contract declared: "2.0", "3.0.3", "3.1.0" …
	OpenAPI     string
	Title       string
	Version     string
	Description string
	Servers     []Server
	Tags        []Tag

	// Types are the named types, sorted by Name: component schemas first
	// considered, then inline schemas that need a name of their own
	// (objects, enums, unions), named after where they appear.
	Types []*Type

	// Operations are sorted by Path, then by method in the order
	// GET, PUT, POST, DELETE, OPTIONS, HEAD, PATCH, TRACE.
	Operations []*Operation

	// Webhooks are the operations of the 3.1 webhooks section: requests
	// the API sends to its users, sorted by webhook name, then method.
	// They have no Path; Webhook names them.
	Webhooks []*Operation

	// SecuritySchemes are sorted by Name.
	SecuritySchemes []*SecurityScheme

	// Security is the document-wide requirement that operations inherit.
	Security []SecurityRequirement

	// Spec is the contract as one self-contained JSON document (external
	// files inlined), for embedding into generated code.
	Spec []byte

	// specTree is Spec decoded on first use, shared by every Select.
	specTree *specTree
}

// Server is one entry of a servers list.
type Server struct {
	URL         string // as in the contract, with {variable} templates
	Description string
	Variables   []ServerVariable // sorted by Name
}

// ServerVariable is one variable of a server URL template.
type ServerVariable struct {
	Name    string
	Default string
	Enum    []string
}

// Expanded is the server's URL with every variable at its default.
func (s Server) Expanded() string {
	u := s.URL
	for _, v := range s.Variables {
		u = strings.ReplaceAll(u, "{"+v.Name+"}", v.Default)
	}
	return u
}

// Tag groups operations for documentation.
type Tag struct {
	Name        string
	Description string
}

// Kind says what shape a Type has.
type Kind int

const (
	KindAny    Kind = iota // free-form: {} or a schema we cannot type precisely
	KindBool               // boolean
	KindInt                // integer; Format says int32/int64
	KindNumber             // number; Format says float/double
	KindString             // string; Format says date-time, uuid, byte, binary …
	KindArray              // Elem holds the item type
	KindMap                // object with only additionalProperties: Elem holds the value type
	KindObject             // object with Fields (and maybe Additional)
	KindEnum               // Enum holds the values, Base their primitive kind
	KindUnion              // oneOf / anyOf: Variants
	KindNull               // type: "null" alone
)

var kindNames = [...]string{"any", "bool", "int", "number", "string", "array", "map", "object", "enum", "union", "null"}

func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "kind?"
}

// Type is one schema.
type Type struct {
	// Name is the contract-level name: the component key for
	// #/components/schemas/X ("X"), or for an inline schema that needs a
	// name, its owner's name and the path to it joined by "_" (for example
	// "Pet_owner", "listPets_200", "createPet_body"). Emitters turn it into
	// an identifier of their language. Empty for anonymous types
	// (primitives, arrays and maps used in place).
	Name string

	// Source locates the schema in the contract for positions and docs.
	Source Source

	Kind        Kind
	Format      string
	Title       string
	Description string
	Deprecated  bool
	ReadOnly    bool
	WriteOnly   bool

	// Nullable: null is a valid value (3.0 nullable, 3.1 type [T, "null"]).
	Nullable bool

	// Default, Example and Const hold decoded JSON values (nil, bool,
	// float64, string, []any, map[string]any). HasDefault and HasConst tell
	// an absent value from an explicit null.
	Default    any
	HasDefault bool
	Example    any
	HasExample bool
	Const      any
	HasConst   bool

	Constraints Constraints

	// Keywords are the JSON Schema keywords that apply subschemas to the
	// value or relate its parts (if/then/else, dependentRequired,
	// prefixItems, contains …); nil when the schema uses none. Emitters
	// that cannot express them as types check them on the value.
	Keywords *Keywords

	// XML is the schema's xml object (element or attribute name,
	// namespace, prefix, wrapped); nil when it has none. It shapes the
	// bodies of XML media types whose Content.XML is set.
	XML *XML

	// Elem is the item type of an array and the value type of a map.
	Elem *Type

	// Fields are the properties of an object: each allOf member's in
	// turn, sorted by name within a member (kin-openapi keeps properties
	// in a map, so their source order is not known).
	Fields []*Field

	// Additional says what an object accepts besides its Fields.
	Additional Additional
	// AdditionalType is the type of additional values when Additional is
	// AdditionalTyped; for a KindMap it equals Elem.
	AdditionalType *Type

	// Enum values (KindEnum), in contract order, and their primitive kind:
	// KindString, KindInt, KindNumber or KindBool. Numbers are float64,
	// except integers a float64 cannot hold exactly (|v| ≥ 2^53), which
	// are json.Number with the digits written in the contract.
	Enum []any
	Base Kind

	// Union (KindUnion).
	Union *Union

	// Lossy is set when the schema used constructs the model cannot
	// express (allOf members with oneOf, mixed enums, …); LossyReason says
	// which.
	// The type still validates what it can; emitters document it.
	Lossy       bool
	LossyReason string
}

// Constraints are the schema's validation keywords. Nil pointers and zero
// values mean "no constraint".
type Constraints struct {
	Minimum          *float64
	Maximum          *float64
	ExclusiveMinimum bool // Minimum is exclusive
	ExclusiveMaximum bool // Maximum is exclusive
	MultipleOf       *float64

	MinLength *uint64
	MaxLength *uint64
	Pattern   string

	MinItems    *uint64
	MaxItems    *uint64
	UniqueItems bool

	MinProperties *uint64
	MaxProperties *uint64
}

// Keywords are a schema's applicator and relation keywords (JSON Schema
// 2020-12, OpenAPI 3.1). Subschemas are Types like any other; a Type here
// is checked against the whole value, not decoded into a field of its own.
type Keywords struct {
	// Required are the names a subschema requires without declaring them
	// as properties (then: {required: [zip]}); on a type that is decoded
	// they are fields instead.
	Required []string
	// If, Then and Else: when the value matches If it must match Then,
	// otherwise Else. Then and Else may be nil.
	If, Then, Else *Type
	// Not: the value must not match.
	Not *Type
	// DependentRequired: when Property is present, every name in
	// Required must be present too. Sorted by Property.
	DependentRequired []Dependency
	// DependentSchemas: when Property is present, the object must match
	// Type. Sorted by Property.
	DependentSchemas []Dependency
	// PatternProperties: properties whose name matches Pattern must
	// match Type. Sorted by Pattern.
	PatternProperties []PatternType
	// PropertyNames: every property name must match it.
	PropertyNames *Type
	// Unevaluated says what an object accepts besides the properties its
	// subschemas evaluate (unevaluatedProperties): AdditionalFalse or
	// AdditionalTyped with UnevaluatedType; AdditionalUnspecified when
	// absent.
	Unevaluated     Additional
	UnevaluatedType *Type
	// PrefixItems type the first items of an array, one per position;
	// Items, when set, types the items after them (the array's Elem is
	// then any, since it must hold every position).
	PrefixItems []*Type
	Items       *Type
	// Contains: at least MinContains (1 when nil) and at most
	// MaxContains items must match it.
	Contains    *Type
	MinContains *uint64
	MaxContains *uint64
	// ContentMediaType and ContentSchema describe what a string holds;
	// an application/json string is checked to be JSON matching
	// ContentSchema (when set). ContentEncoding "base64" makes the string
	// hold bytes (its Type has Format "byte").
	ContentEncoding  string
	ContentMediaType string
	ContentSchema    *Type
}

// Dependency is one entry of dependentRequired or dependentSchemas.
type Dependency struct {
	Property string
	Required []string // dependentRequired
	Type     *Type    // dependentSchemas
}

// PatternType is one entry of patternProperties.
type PatternType struct {
	Pattern string
	Type    *Type
}

// Empty reports whether there are no constraints at all.
func (c Constraints) Empty() bool { return c == Constraints{} }

// Additional describes an object's additionalProperties.
type Additional int

const (
	AdditionalUnspecified Additional = iota // keyword absent: anything allowed, usually ignored
	AdditionalFalse                         // additionalProperties: false
	AdditionalAny                           // additionalProperties: true or {}
	AdditionalTyped                         // additionalProperties: {schema}
)

// Field is one property of an object.
type Field struct {
	// Name is the JSON property name, exactly as in the contract.
	Name        string
	Type        *Type
	Required    bool
	Description string
	// Nullable is true when null is allowed for this property: the type's
	// own Nullable, or a nullable wrapper around a $ref at this property.
	Nullable   bool
	ReadOnly   bool
	WriteOnly  bool
	Deprecated bool
	// Conditional: only if/then/else, not or dependentSchemas declare the
	// property. It is a field so that decoding keeps its value; it counts
	// as evaluated (unevaluatedProperties) only where that subschema
	// applies.
	Conditional bool
}

// Union describes a oneOf or anyOf.
type Union struct {
	// OneOf is true for oneOf (exactly one variant), false for anyOf.
	OneOf    bool
	Variants []*Variant
	// Discriminator is the property name that selects the variant, empty
	// when the contract has none.
	Discriminator string
}

// Variant is one member of a union.
type Variant struct {
	Type *Type
	// Values are the discriminator values that select this variant (from
	// the mapping, or the referenced schema's name when there is no
	// mapping entry). Empty without a discriminator.
	Values []string
}

// Source locates a node of the contract.
type Source struct {
	// File is the path of the file that holds the node, as given on the
	// command line or resolved relative to it.
	File string
	// Pointer is the JSON pointer of the node inside File, e.g.
	// "/components/schemas/Pet".
	Pointer string
}

// Operation is one method on one path.
type Operation struct {
	// ID is the operationId, or when absent a stable name derived from
	// method and path ("get /pets/{id}" → "getPetsId"). Unique in a Model.
	ID string
	// IDSynthesized is true when ID did not come from the contract.
	IDSynthesized bool

	Method string // upper case: GET, POST …
	Path   string // as in the contract, with {param} templates

	Summary     string
	Description string
	Deprecated  bool
	Tags        []string
	Source      Source

	// Params in contract order: path-item parameters first, overridden by
	// operation parameters with the same name and location.
	Params []*Param

	Body *RequestBody // nil when the operation takes no body

	// Responses in status order: specific codes ascending, then ranges
	// ("2XX"), then "default".
	Responses []*Response

	// Security: nil means the document-wide requirement applies; an empty
	// non-nil slice means none.
	Security []SecurityRequirement

	// Servers are the operation's own servers, else its path item's; nil
	// when the document's servers apply.
	Servers []Server

	// Callbacks are the requests the service may send back after this
	// operation, sorted by name, then expression.
	Callbacks []*Callback

	// Webhook is the key in the webhooks section for a webhook operation,
	// empty otherwise.
	Webhook string
}

// Callback is one runtime expression of an operation's callbacks entry:
// the URL the service calls and the operations it may call there. Its
// operations have no Path.
type Callback struct {
	// Name is the key in the operation's callbacks map.
	Name string
	// Expression is the key of the path item, as written
	// ("{$request.body#/callbackUrl}").
	Expression string
	// URL is Expression split into literal text and runtime expressions;
	// nil when an expression cannot be evaluated from the request (a
	// warning says which).
	URL        []URLPart
	Operations []*Operation
	Source     Source
}

// URLPart is literal text of a callback URL, or one runtime expression.
type URLPart struct {
	Literal string
	// Expr is set for a runtime expression evaluated against the request
	// that registered the callback.
	Expr *RuntimeExpr
}

// ExprSource says where a runtime expression reads its value.
type ExprSource string

const (
	ExprURL    ExprSource = "url"            // $url: the request's full URL
	ExprMethod ExprSource = "method"         // $method
	ExprPath   ExprSource = "request.path"   // $request.path.NAME
	ExprQuery  ExprSource = "request.query"  // $request.query.NAME
	ExprHeader ExprSource = "request.header" // $request.header.NAME
	ExprBody   ExprSource = "request.body"   // $request.body#POINTER
)

// RuntimeExpr is one OpenAPI runtime expression over a request.
type RuntimeExpr struct {
	Source ExprSource
	// Name is the parameter or header name (path, query, header).
	Name string
	// Pointer is the JSON pointer into the body ("" for the whole body).
	Pointer string
}

// ParamIn says where a parameter travels.
type ParamIn string

const (
	InPath   ParamIn = "path"
	InQuery  ParamIn = "query"
	InHeader ParamIn = "header"
	InCookie ParamIn = "cookie"
)

// Param is one operation parameter.
type Param struct {
	Name        string
	In          ParamIn
	Required    bool
	Description string
	Deprecated  bool
	// Style is the serialization style, filled with the default for the
	// location when the contract omits it: form (query, cookie), simple
	// (path, header), or label, matrix, spaceDelimited, pipeDelimited,
	// deepObject.
	Style string
	// Explode, filled with the default (true for form) when omitted.
	Explode       bool
	AllowReserved bool
	Type          *Type
	// ContentType is set when the parameter uses content instead of schema
	// (e.g. a JSON-encoded query parameter); Type is then that media
	// type's schema.
	ContentType string
	Example     any
	HasExample  bool
	Source      Source
}

// BodyKind classifies a media type for encoding and decoding.
type BodyKind int

const (
	BodyJSON      BodyKind = iota // application/json and any +json
	BodyForm                      // application/x-www-form-urlencoded
	BodyMultipart                 // multipart/form-data (and other multipart/*)
	BodyText                      // text/* (plain, csv, html …)
	BodyBinary                    // application/octet-stream, images, anything else
)

var bodyKindNames = [...]string{"json", "form", "multipart", "text", "binary"}

func (k BodyKind) String() string {
	if int(k) < len(bodyKindNames) {
		return bodyKindNames[k]
	}
	return "body?"
}

// RequestBody is an operation's request body.
type RequestBody struct {
	Required    bool
	Description string
	// Contents, one per media type: JSON first, then form, multipart,
	// text and binary, by name within a kind.
	Contents []*Content
}

// Content is one media type of a body.
type Content struct {
	MediaType string // as in the contract, e.g. "application/json"
	Kind      BodyKind
	Type      *Type // may be nil for a body without schema (binary)
	// Encoding holds per-property content types of multipart and form
	// bodies, keyed by property name.
	Encoding map[string]string
	// PartHeaders are the encoding object's headers of the file properties
	// of a multipart/form-data request body, keyed by property name, each
	// list sorted by name (Content-Type left out, as OpenAPI says). Headers
	// declared anywhere else are warned about and not kept.
	PartHeaders map[string][]*Header
	Example     any
	HasExample  bool
	// Examples are named examples, sorted by name.
	Examples []NamedExample

	// Stream is set for sequential media types (server-sent events, JSON
	// Lines, JSON text sequences); ItemType is then the type of one item:
	// the 3.2 itemSchema, else the schema's items for an array schema of a
	// JSON sequence, else the schema itself (for server-sent events, the
	// type of one event's data; a string is the data's raw text).
	Stream   StreamKind
	ItemType *Type

	// XML is set for an XML media type (application/xml, text/xml, any
	// +xml) whose schema the generated code reads and writes as XML: an
	// object whose properties are scalars, objects and arrays of them
	// (see xmlProblem). An XML media type without it is raw bytes, and
	// the builder has said why.
	XML bool
}

// StreamKind says how a sequential media type frames its items.
type StreamKind int

const (
	StreamNone    StreamKind = iota
	StreamSSE                // text/event-stream: data: lines, one event per blank line
	StreamJSONL              // application/jsonl, application/x-ndjson: one JSON text per line
	StreamJSONSeq            // application/json-seq (RFC 7464): RS, JSON text, LF
)

var streamKindNames = [...]string{"", "sse", "jsonl", "json-seq"}

func (k StreamKind) String() string {
	if int(k) < len(streamKindNames) {
		return streamKindNames[k]
	}
	return "stream?"
}

// NamedExample is one entry of an examples map.
type NamedExample struct {
	Name    string
	Summary string
	Value   any
}

// Response is one declared response.
type Response struct {
	// Status is "200", "2XX" or "default".
	Status string
	// Code is the numeric status for a specific code, 0 for ranges and
	// default.
	Code        int
	Description string
	Headers     []*Header // sorted by Name
	Contents    []*Content
}

// Header is one response header, or one header of a multipart part.
type Header struct {
	Name        string
	Required    bool
	Description string
	Type        *Type
	// Explode writes an object header as a=1,b=2 rather than a,1,b,2.
	Explode bool
}

// SecurityScheme is one entry of components.securitySchemes.
type SecurityScheme struct {
	Name         string // the key in components.securitySchemes
	Type         string // "http", "apiKey", "oauth2", "openIdConnect", "mutualTLS"
	Scheme       string // for http: "bearer", "basic", … (lower case)
	In           ParamIn
	ParamName    string // for apiKey: header, query or cookie name
	Description  string
	BearerFormat string
}

// SecurityRequirement is one alternative: every scheme listed must be
// satisfied. An empty requirement means anonymous access is allowed.
type SecurityRequirement []SecurityItem

// SecurityItem names one scheme and the scopes it needs.
type SecurityItem struct {
	Scheme string
	Scopes []string
}
