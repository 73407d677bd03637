package infer

import (
	"bytes"
	"fmt"
	"os"
	"sort"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"gopkg.in/yaml.v3"

	"github.com/contractfirst/toolkit/contract"
	"github.com/contractfirst/toolkit/findings"
)

// Drift: the traffic against a base contract. Each difference is a
// finding of one of these rules, positioned in the base; the contract
// written is the base with what traffic shows and the base lacks added
// (operations, statuses, the components and security schemes they use):
// names, descriptions and everything else of the base are kept.

// The drift rules.
var (
	RuleUndocumentedOperation = findings.Rule{ID: "drift.undocumented-operation", Category: "drift", Severity: findings.Warning,
		Description: "The service answers a method and path the contract does not declare.", Hint: "Declare the operation (the written contract adds it) or stop serving it."}
	RuleUndocumentedStatus = findings.Rule{ID: "drift.undocumented-status", Category: "drift", Severity: findings.Warning,
		Description: "The service answers with a status the operation does not declare.", Hint: "Declare the status (the written contract adds it) or stop answering it."}
	RuleUndeclaredProperty = findings.Rule{ID: "drift.undeclared-property", Category: "drift", Severity: findings.Warning,
		Description: "Answers carry a property the response schema does not declare.", Hint: "Declare the property in the schema, or stop sending it."}
	RuleRequiredMissing = findings.Rule{ID: "drift.required-missing", Category: "drift", Severity: findings.Warning,
		Description: "A property the response schema requires is missing from some answers.", Hint: "Make it optional in the contract, or always send it."}
	RuleTypeMismatch = findings.Rule{ID: "drift.type-mismatch", Category: "drift", Severity: findings.Warning,
		Description: "Answers carry values of a type the response schema does not allow.", Hint: "Correct the type in the contract (or nullable), or in the service."}
	// DriftRules lists them, for reports.
	DriftRules = []findings.Rule{RuleUndocumentedOperation, RuleUndocumentedStatus, RuleUndeclaredProperty, RuleRequiredMissing, RuleTypeMismatch}
)

// baseOp is an operation of the base contract.
type baseOp struct {
	path string
	op   *openapi3.Operation
}

// baseNames returns the component names the base uses, so that what is
// added never clashes with them.
func baseNames(base *contract.Document) namer {
	n := namer{}
	if base.T.Components != nil {
		for k := range base.T.Components.Schemas {
			n[k] = true
		}
	}
	return n
}

// InferDrift infers from src like Infer, then compares with base: it
// returns the base with additions as YAML in Result.YAML, and the
// differences.
func InferDrift(src Source, opt Options, base *contract.Document) (*Result, []findings.Finding, error) {
	opt.reserved = baseNames(base)
	res, err := Infer(src, opt)
	if err != nil {
		return nil, nil, err
	}
	var inferred yaml.Node
	if err := yaml.Unmarshal(res.YAML, &inferred); err != nil {
		return nil, nil, err
	}
	d := &drifter{base: base, res: res, inferred: inferred.Content[0]}
	d.compare()
	out, err := d.merged()
	if err != nil {
		return nil, nil, err
	}
	res.YAML = out
	findings.Sort(d.found)
	return res, d.found, nil
}

type drifter struct {
	base     *contract.Document
	res      *Result
	inferred *yaml.Node
	found    []findings.Finding
	addOps   []*Operation           // undocumented operations
	addResp  map[*Operation][]int   // undocumented statuses of documented operations
	matched  map[*Operation]*baseOp // inferred → base
}

func (d *drifter) finding(r findings.Rule, pointer, subject, msg string) {
	pos := d.base.Position(d.base.Path, pointer)
	d.found = append(d.found, findings.Finding{ID: r.ID, Severity: r.Severity, Message: msg, Hint: r.Hint,
		Position: findings.Position{File: pos.File, Line: pos.Line, Col: pos.Col}, Pointer: pointer, Subject: subject})
}

// match finds the base operation an inferred one is: the same template
// with parameters renamed, or else a base path whose parameters cover
// the inferred literal segments.
func (d *drifter) match(op *Operation) *baseOp {
	var loose *baseOp
	segs := splitPath(op.Path)
	for _, p := range d.base.T.Paths.InMatchingOrder() {
		item := d.base.T.Paths.Value(p)
		o := item.GetOperation(op.Method)
		if o == nil {
			continue
		}
		bs := splitPath(p)
		if len(bs) != len(segs) {
			continue
		}
		exact, fits := true, true
		for i, b := range bs {
			bp, ip := strings.HasPrefix(b, "{"), strings.HasPrefix(segs[i], "{")
			switch {
			case bp && ip:
			case !bp && !ip && b == segs[i]:
			case bp && !ip:
				exact = false
			default:
				exact, fits = false, false
			}
		}
		if exact {
			return &baseOp{p, o}
		}
		if fits && loose == nil {
			loose = &baseOp{p, o}
		}
	}
	return loose
}

func subject(method, path, id string) string {
	return fmt.Sprintf("%s %s (%s)", method, path, id)
}

func (d *drifter) compare() {
	d.addResp = map[*Operation][]int{}
	d.matched = map[*Operation]*baseOp{}
	for _, op := range d.res.Operations {
		b := d.match(op)
		if b == nil {
			d.addOps = append(d.addOps, op)
			d.finding(RuleUndocumentedOperation, "/paths", subject(op.Method, op.Path, op.ID),
				fmt.Sprintf("%s %s is answered (%d times, statuses %s) but not declared", op.Method, op.Path, op.ok.n+op.bad.n, statusText(op.Statuses)))
			continue
		}
		d.matched[op] = b
		opPtr := contract.Pointer("paths", b.path, strings.ToLower(op.Method))
		sub := subject(op.Method, b.path, b.op.OperationID)
		for _, st := range op.Statuses {
			if st == 401 && op.assumed401 {
				continue // not seen: nothing to report
			}
			code := strconv.Itoa(st)
			ref := b.op.Responses.Value(code)
			ptr := opPtr + "/responses/" + code
			if ref == nil {
				ref = b.op.Responses.Value(code[:1] + "XX")
				ptr = opPtr + "/responses/" + code[:1] + "XX"
			}
			if ref == nil {
				d.addResp[op] = append(d.addResp[op], st)
				d.finding(RuleUndocumentedStatus, opPtr+"/responses", sub, fmt.Sprintf("status %d is answered (%d times) but not declared", st, op.resp[st].n))
				continue
			}
			if ref.Value == nil {
				continue
			}
			ptr = follow(ref.Ref, ptr)
			bodies := &op.resp[st].bodies
			for _, mt := range bodies.order {
				b := bodies.byType[mt]
				mtObj := ref.Value.Content.Get(mt)
				if !b.json || mtObj == nil || mtObj.Schema == nil || mtObj.Schema.Value == nil {
					continue
				}
				d.schema(mtObj.Schema.Value, &b.shape, follow(mtObj.Schema.Ref, ptr+"/content/"+escape(mt)+"/schema"), "", sub, st, 0, map[*openapi3.Schema]bool{})
			}
		}
	}
}

func statusText(sts []int) string {
	var s []string
	for _, st := range sts {
		s = append(s, strconv.Itoa(st))
	}
	return strings.Join(s, ", ")
}

// schema compares what answers showed (sh) with the base schema s at
// pointer; where is the JSON pointer inside the body. Bounded by depth
// and a visited set (base schemas may be recursive).
func (d *drifter) schema(s *openapi3.Schema, sh *shape, pointer, where, sub string, status int, depth int, seen map[*openapi3.Schema]bool) {
	if s == nil || sh == nil || depth > maxDepth || seen[s] || len(s.AllOf)+len(s.AnyOf)+len(s.OneOf) > 0 {
		return
	}
	seen[s] = true
	defer delete(seen, s)
	at := where
	if at == "" {
		at = "/"
	}
	if bad := typesOutside(s, sh); len(bad) > 0 {
		d.finding(RuleTypeMismatch, pointer, sub, fmt.Sprintf("status %d body at %s: answers carry %s, the schema allows %s", status, at, strings.Join(bad, " and "), allowed(s)))
	}
	if sh.obj > 0 && s.Properties != nil {
		for _, k := range sh.order {
			p, ok := s.Properties[k]
			if !ok {
				if s.AdditionalProperties.Schema == nil {
					d.finding(RuleUndeclaredProperty, pointer+"/properties", sub, fmt.Sprintf("status %d body at %s: property %q is in %d of %d answers but not declared", status, at, k, sh.props[k].n, sh.obj))
				}
				continue
			}
			if p != nil {
				d.schema(p.Value, sh.props[k], follow(p.Ref, pointer+"/properties/"+escape(k)), where+"/"+escape(k), sub, status, depth+1, seen)
			}
		}
		for _, k := range s.Required {
			p := sh.props[k]
			if n := 0; p == nil || p.n < sh.obj {
				if p != nil {
					n = p.n
				}
				d.finding(RuleRequiredMissing, pointer+"/required", sub, fmt.Sprintf("status %d body at %s: required property %q is missing from %d of %d answers", status, at, k, sh.obj-n, sh.obj))
			}
		}
	}
	if sh.arr > 0 && s.Items != nil && s.Items.Value != nil {
		d.schema(s.Items.Value, sh.items, follow(s.Items.Ref, pointer+"/items"), where+"/0", sub, status, depth+1, seen)
	}
}

// follow returns the pointer a local $ref leads to (findings then point
// at the schema itself, in the base's root file), or ptr for no $ref or
// one into another file.
func follow(ref, ptr string) string {
	if strings.HasPrefix(ref, "#/") {
		return ref[1:]
	}
	return ptr
}

func escape(k string) string { return strings.NewReplacer("~", "~0", "/", "~1").Replace(k) }

// typesOutside lists the types answers showed that s does not allow; an
// untyped schema allows all.
func typesOutside(s *openapi3.Schema, sh *shape) []string {
	if s.Type == nil || len(s.Type.Slice()) == 0 {
		return nil
	}
	ok := map[string]bool{}
	for _, t := range s.Type.Slice() {
		ok[t] = true
	}
	if s.Nullable {
		ok["null"] = true
	}
	if ok["number"] {
		ok["integer"] = true
	}
	var bad []string
	for _, t := range sh.types() {
		if t == "number" && ok["integer"] && !ok["number"] && sh.number == 0 {
			continue
		}
		if !ok[t] {
			bad = append(bad, t)
		}
	}
	return bad
}

func allowed(s *openapi3.Schema) string {
	t := strings.Join(s.Type.Slice(), " or ")
	if s.Nullable {
		t += " or null"
	}
	return t
}

// merged returns the base's root file with the undocumented operations
// and statuses added, and the components and security schemes they use
// that the base lacks. A Swagger 2.0 base is not rewritten: its
// differences are reported, and the inferred contract is returned.
func (d *drifter) merged() ([]byte, error) {
	if !strings.HasPrefix(d.base.OpenAPI, "3.") {
		return d.res.YAML, nil
	}
	data, err := os.ReadFile(d.base.Path)
	if err != nil {
		return nil, err
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil || doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 {
		return nil, fmt.Errorf("%s: cannot re-read the base contract", d.base.Path)
	}
	root := doc.Content[0]
	paths := get(root, "paths")
	if paths == nil {
		paths = mapping()
		set(root, "paths", paths)
	}
	inPaths := get(d.inferred, "paths")
	var added []*yaml.Node
	for _, op := range d.addOps {
		n := get(get(inPaths, op.Path), strings.ToLower(op.Method))
		key := op.Path
		if same := samePath(paths, op.Path); same != "" {
			key = same
			renamePathParams(n, op.Path, same)
		}
		item := get(paths, key)
		if item == nil {
			item = mapping()
			set(paths, key, item)
		}
		set(item, strings.ToLower(op.Method), n)
		added = append(added, n)
	}
	for _, op := range d.res.Operations {
		sts := d.addResp[op]
		if len(sts) == 0 {
			continue
		}
		b := d.matched[op]
		bop := get(get(paths, b.path), strings.ToLower(op.Method))
		responses := get(bop, "responses")
		if bop == nil || responses == nil {
			continue // the operation or its responses live in another file
		}
		inResp := get(get(get(inPaths, op.Path), strings.ToLower(op.Method)), "responses")
		for _, st := range sts {
			n := get(inResp, strconv.Itoa(st))
			set(responses, strconv.Itoa(st), n)
			added = append(added, n)
		}
	}
	d.addComponents(root, added)
	if !strings.HasPrefix(d.base.OpenAPI, "3.1") {
		for _, n := range added {
			to30(n, 0)
		}
	}
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(&doc); err != nil {
		return nil, err
	}
	enc.Close()
	return buf.Bytes(), nil
}

// addComponents copies into the base the inferred schemas the added
// nodes refer to (transitively) and the security schemes they name.
func (d *drifter) addComponents(root *yaml.Node, added []*yaml.Node) {
	inComps := get(d.inferred, "components")
	need := map[string]bool{}
	var queue []*yaml.Node
	queue = append(queue, added...)
	for len(queue) > 0 {
		n := queue[0]
		queue = queue[1:]
		refs(n, 0, func(name string) {
			if !need[name] {
				need[name] = true
				if s := get(get(inComps, "schemas"), name); s != nil {
					queue = append(queue, s)
				}
			}
		})
	}
	schemes := map[string]bool{}
	for _, n := range added {
		for _, req := range seqContent(get(n, "security")) {
			for i := 0; i+1 < len(req.Content); i += 2 {
				schemes[req.Content[i].Value] = true
			}
		}
	}
	if len(need) == 0 && len(schemes) == 0 {
		return
	}
	comps := get(root, "components")
	if comps == nil {
		comps = mapping()
		set(root, "components", comps)
	}
	for _, kind := range []struct {
		key   string
		names map[string]bool
	}{{"schemas", need}, {"securitySchemes", schemes}} {
		var names []string
		for k := range kind.names {
			names = append(names, k)
		}
		sort.Strings(names)
		for _, name := range names {
			src := get(get(inComps, kind.key), name)
			if src == nil {
				continue
			}
			dst := get(comps, kind.key)
			if dst == nil {
				dst = mapping()
				set(comps, kind.key, dst)
			}
			if get(dst, name) == nil {
				set(dst, name, src)
				if kind.key == "schemas" {
					added = append(added, src)
				}
			}
		}
	}
}

// samePath returns the key of paths that is template p with other
// parameter names, or "".
func samePath(paths *yaml.Node, p string) string {
	norm := func(s string) string {
		segs := splitPath(s)
		for i, g := range segs {
			if strings.HasPrefix(g, "{") {
				segs[i] = "{}"
			}
		}
		return strings.Join(segs, "/")
	}
	want := norm(p)
	for i := 0; i+1 < len(paths.Content); i += 2 {
		if k := paths.Content[i].Value; norm(k) == want {
			return k
		}
	}
	return ""
}

// renamePathParams gives the path parameters of operation node n the
// names of template to, position by position.
func renamePathParams(n *yaml.Node, from, to string) {
	names := map[string]string{}
	f, t := splitPath(from), splitPath(to)
	for i := range f {
		if strings.HasPrefix(f[i], "{") {
			names[strings.Trim(f[i], "{}")] = strings.Trim(t[i], "{}")
		}
	}
	for _, p := range seqContent(get(n, "parameters")) {
		if in := get(p, "in"); in != nil && in.Value == "path" {
			if nm := get(p, "name"); nm != nil && names[nm.Value] != "" {
				nm.Value = names[nm.Value]
			}
		}
	}
}

func seqContent(n *yaml.Node) []*yaml.Node {
	if n == nil || n.Kind != yaml.SequenceNode {
		return nil
	}
	return n.Content
}

// refs calls fn with the component name of every local schema $ref
// under n.
func refs(n *yaml.Node, depth int, fn func(string)) {
	if n == nil || depth > 4*maxDepth {
		return
	}
	if n.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == "$ref" {
				if name, ok := strings.CutPrefix(n.Content[i+1].Value, "#/components/schemas/"); ok {
					fn(name)
				}
			}
		}
	}
	for _, c := range n.Content {
		refs(c, depth+1, fn)
	}
}

// to30 rewrites 3.1 type lists with "null" as 3.0's nullable.
func to30(n *yaml.Node, depth int) {
	if n == nil || depth > 4*maxDepth {
		return
	}
	if n.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(n.Content); i += 2 {
			v := n.Content[i+1]
			if n.Content[i].Value != "type" || v.Kind != yaml.SequenceNode {
				continue
			}
			var types []*yaml.Node
			null := false
			for _, t := range v.Content {
				if t.Value == "null" {
					null = true
				} else {
					types = append(types, t)
				}
			}
			if len(types) == 1 {
				n.Content[i+1] = types[0]
			} else {
				v.Content = types // several types: 3.0 cannot say it; left for review
			}
			if null {
				n.Content = append(n.Content, str("nullable"), boolean(true))
			}
		}
	}
	for _, c := range n.Content {
		to30(c, depth+1)
	}
}
