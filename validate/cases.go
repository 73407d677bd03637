package validate

import (
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"strings"

	"github.com/contractfirst/toolkit/contract"
	"github.com/contractfirst/toolkit/contract/sample"
)

// Phase says where a case's values came from.
type Phase int

const (
	PhaseExample   Phase = iota // the contract's own examples
	PhaseGenerated              // values generated from the schemas, boundaries included
	PhaseNegative               // one rule broken: a conforming service must answer 4xx
)

// Case is one request to send, as values; the request itself is built
// when it is sent, so ids harvested from earlier answers can fill its
// path parameters.
type Case struct {
	Op    *contract.Operation
	Phase Phase
	// Name says what the case is, for reports: "example",
	// "generated #3", "boundary /weightKg maximum",
	// "invalid body: missing-required /name".
	Name string

	// Params holds the value of each parameter sent, by paramKey;
	// parameters absent from the map are not sent.
	Params map[paramKey]any
	// Content and Body are the request body, nil when none is sent.
	Content *contract.Content
	Body    any
	// RawBody and RawType, when RawType is set, replace the encoded body
	// (malformed JSON, a wrong media type).
	RawBody []byte
	RawType string

	// Linked cases take path parameters from ids harvested from earlier
	// answers when there are any (so GET/DELETE see existing resources).
	Linked bool
}

// paramKey identifies a parameter: location and name.
type paramKey struct {
	In   contract.ParamIn
	Name string
}

func keyOf(p *contract.Param) paramKey { return paramKey{p.In, p.Name} }

// buildCases returns the cases for one operation: examples first, then
// generated values, then negative cases, at most max in all. The same
// seed gives the same cases.
func buildCases(op *contract.Operation, seed uint64, max int) []*Case {
	h := fnv.New64a()
	h.Write([]byte(op.ID))
	opSeed := seed ^ h.Sum64()
	g := sample.New(opSeed, sample.Request)
	rng := rand.New(rand.NewPCG(opSeed, 1))

	var examples, generated, negative []*Case
	content := pickContent(op)

	// Phase 1: the contract's examples.
	ex := &Case{Op: op, Phase: PhaseExample, Name: "example", Params: map[paramKey]any{}, Linked: true}
	for _, p := range op.Params {
		if p.Required || p.HasExample {
			ex.Params[keyOf(p)] = sample.ParamExample(p)
		}
	}
	if content != nil {
		ex.Content, ex.Body = content, sample.ContentExample(content, sample.Request)
		for _, ne := range content.Examples {
			c := ex.clone()
			c.Name, c.Body = "example "+ne.Name, ne.Value
			examples = append(examples, c)
		}
	}
	if len(examples) == 0 {
		examples = append(examples, ex)
	}

	// Phase 2: generated values: the smallest request, random ones, and
	// the edges of each parameter and of the body.
	minimal := &Case{Op: op, Phase: PhaseGenerated, Name: "generated: required only", Params: map[paramKey]any{}, Linked: true}
	for _, p := range op.Params {
		if p.Required {
			minimal.Params[keyOf(p)] = g.Minimal(p.Type)
		}
	}
	if content != nil && (op.Body.Required || content.Type != nil) {
		minimal.Content, minimal.Body = content, g.Minimal(content.Type)
	}
	generated = append(generated, minimal)
	for i := 1; i <= 3; i++ {
		c := &Case{Op: op, Phase: PhaseGenerated, Name: fmt.Sprintf("generated #%d", i), Params: map[paramKey]any{}, Linked: i%2 == 1}
		for _, p := range op.Params {
			if p.Required || rng.IntN(2) == 0 {
				c.Params[keyOf(p)] = g.Valid(p.Type)
			}
		}
		if content != nil {
			c.Content, c.Body = content, g.Valid(content.Type)
		}
		generated = append(generated, c)
	}
	generated = append(generated, exploreCases(op, minimal, rng)...)
	for _, p := range op.Params {
		if p.In == contract.InPath {
			continue // explored above
		}
		for _, b := range sample.Boundaries(p.Type, sample.Request) {
			if b.Pointer != "" || b.Kind == "null" {
				continue
			}
			c := minimal.clone()
			c.Name = "boundary " + p.Name + " " + b.Kind
			c.Params[keyOf(p)] = b.Value
			generated = append(generated, c)
		}
	}
	if content != nil && content.Kind == contract.BodyJSON {
		for _, b := range sample.Boundaries(content.Type, sample.Request) {
			c := minimal.clone()
			c.Name = strings.TrimSpace("boundary body " + b.Pointer + " " + b.Kind)
			c.Body = b.Value
			generated = append(generated, c)
		}
	}

	// Phase 3: one rule broken per case.
	base := minimal
	_, frag, _ := strings.Cut(op.Path, "#")
	dispatch, _, _ := strings.Cut(frag, "=") // "/#X-Amz-Target=Op": the header routes the request
	for _, p := range op.Params {
		if p.In == contract.InHeader && strings.EqualFold(p.Name, dispatch) {
			continue
		}
		if p.Required && p.In != contract.InPath {
			c := base.clone()
			c.Phase, c.Name = PhaseNegative, "invalid "+string(p.In)+" "+p.Name+": missing-required"
			delete(c.Params, keyOf(p))
			negative = append(negative, c)
		}
		for _, bad := range sample.Invalid(p.Type, sample.Request) {
			if !travelsAsParam(p, bad) {
				continue
			}
			c := base.clone()
			c.Phase, c.Name = PhaseNegative, "invalid "+string(p.In)+" "+p.Name+": "+bad.Kind
			c.Params[keyOf(p)] = bad.Value
			c.Linked = false
			negative = append(negative, c)
		}
	}
	if op.Body != nil && op.Body.Required {
		c := base.clone()
		c.Phase, c.Name = PhaseNegative, "invalid body: missing"
		c.Content, c.Body = nil, nil
		negative = append(negative, c)
	}
	if content != nil && content.Kind == contract.BodyJSON {
		c := base.clone()
		c.Phase, c.Name = PhaseNegative, "invalid body: malformed JSON"
		c.RawBody, c.RawType = []byte(`{"unterminated": `), content.MediaType
		negative = append(negative, c)
		if !acceptsMedia(op, "text/plain") {
			c := base.clone()
			c.Phase, c.Name = PhaseNegative, "invalid body: unsupported media type"
			c.RawBody, c.RawType = []byte("plain text"), "text/plain"
			negative = append(negative, c)
		}
		for _, bad := range sample.Invalid(content.Type, sample.Request) {
			c := base.clone()
			c.Phase, c.Name = PhaseNegative, strings.TrimSpace("invalid body "+bad.Pointer+": "+bad.Kind)
			c.Body = bad.Value
			negative = append(negative, c)
		}
	}
	return pickCases(examples, generated, negative, max, rng)
}

// pickCases keeps at most max cases: every example that fits, then up to
// half of what is left for generated cases, then negative ones, and any
// room left over to the other kinds. Kept cases are spread over each
// list, not its head, so a tight budget still covers many rules.
func pickCases(examples, generated, negative []*Case, max int, rng *rand.Rand) []*Case {
	if max <= 0 {
		max = DefaultMaxCases
	}
	nEx := min(len(examples), max/3+1)
	room := max - nEx
	nGen := min(len(generated), room/2)
	nNeg := min(len(negative), room-nGen)
	nGen = min(len(generated), room-nNeg)
	out := append([]*Case(nil), examples[:nEx]...)
	out = append(out, spread(generated, nGen)...)
	return append(out, spread(negative, nNeg)...)
}

// spread picks n items evenly spaced over list, keeping order.
func spread(list []*Case, n int) []*Case {
	if n >= len(list) {
		return list
	}
	out := make([]*Case, 0, n)
	for i := 0; i < n; i++ {
		out = append(out, list[i*len(list)/n])
	}
	return out
}

// pickContent chooses the body media type to send: JSON first (the model
// sorts contents so), nil when the operation takes no body.
func pickContent(op *contract.Operation) *contract.Content {
	if op.Body == nil || len(op.Body.Contents) == 0 {
		return nil
	}
	return op.Body.Contents[0]
}

func acceptsMedia(op *contract.Operation, mt string) bool {
	for _, c := range op.Body.Contents {
		if c.MediaType == mt || strings.HasPrefix(c.MediaType, "text/") || strings.Contains(c.MediaType, "*") {
			return true
		}
	}
	return false
}

// travelsAsParam reports whether an invalid value stays invalid once
// written into a URL or header: there every value is text, so "a number
// where a string is expected" becomes a valid string, and null is absent.
func travelsAsParam(p *contract.Param, c sample.Case) bool {
	if c.Pointer != "" || c.Value == nil {
		return false
	}
	if c.Kind == "wrong-type" {
		k := p.Type.Kind
		return k == contract.KindInt || k == contract.KindNumber
	}
	switch c.Value.(type) {
	case string, float64, bool:
		return true
	}
	return false
}

func (c *Case) clone() *Case {
	cp := *c
	cp.Params = make(map[paramKey]any, len(c.Params))
	for k, v := range c.Params {
		cp.Params[k] = v
	}
	return &cp
}
