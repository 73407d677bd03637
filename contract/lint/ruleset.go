package lint

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"gopkg.in/yaml.v3"

	"github.com/contractfirst/toolkit/findings"
)

// Ruleset is what a Spectral ruleset file (.spectral.yaml) turns into: the
// toolkit configuration it implies (extends spectral:oas, severities of
// Spectral's rules by their ids) plus its own rules, and warnings about
// what toolkit cannot run, each at its place in the ruleset file.
type Ruleset struct {
	Config   Config
	Rules    []*Rule
	Warnings []findings.Finding
	aliases  map[string][]string // aliases: name → JSONPaths, for given: "#name..."
}

// LoadRuleset reads a Spectral ruleset file and the files it extends.
func LoadRuleset(path string) (*Ruleset, error) {
	rs := &Ruleset{Config: Config{Severity: map[string]Severity{}}, aliases: map[string][]string{}}
	if err := rs.load(path, map[string]bool{}); err != nil {
		return nil, err
	}
	if len(rs.Config.Extends) == 0 {
		rs.Config.Extends = []string{"none"}
	}
	return rs, nil
}

// Apply returns cfg with the ruleset's rule sets, its severities under
// those cfg sets itself, and its own rules.
func (rs *Ruleset) Apply(cfg Config) Config {
	out := cfg
	out.Extends = append(append([]string(nil), rs.Config.Extends...), cfg.Extends...)
	out.Severity = map[string]Severity{}
	for id, s := range rs.Config.Severity {
		out.Severity[id] = s
	}
	for id, s := range cfg.Severity {
		out.Severity[id] = s
	}
	out.Extra = append(append([]*Rule(nil), cfg.Extra...), rs.Rules...)
	return out
}

// rsNode is a ruleset file's node with its position.
type rsNode struct {
	y    *yaml.Node
	file string
}

func (rs *Ruleset) warn(n rsNode, id, msg string) {
	rs.Warnings = append(rs.Warnings, findings.Finding{ID: "ruleset", Severity: findings.Warning, Message: msg, Subject: id,
		Position: findings.Position{File: n.file, Line: n.y.Line, Col: n.y.Column}})
}

func (rs *Ruleset) load(path string, seen map[string]bool) error {
	abs, _ := filepath.Abs(path)
	if seen[abs] {
		return fmt.Errorf("ruleset %s extends itself", path)
	}
	seen[abs] = true
	data, err := readRegular(path)
	if err != nil {
		return fmt.Errorf("ruleset: %w", err)
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return fmt.Errorf("parse ruleset %s: %w", path, err)
	}
	if len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		return fmt.Errorf("%s: a ruleset is a mapping", path)
	}
	root := doc.Content[0]
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i].Value, rsNode{root.Content[i+1], path}
		switch k {
		case "extends":
			if err := rs.extends(v, path, seen); err != nil {
				return err
			}
		case "aliases":
			for j := 0; j+1 < len(v.y.Content); j += 2 {
				var paths []string
				a := v.y.Content[j+1]
				if a.Kind == yaml.ScalarNode {
					paths = []string{a.Value}
				} else if err := a.Decode(&paths); err != nil {
					rs.warn(rsNode{a, path}, v.y.Content[j].Value, fmt.Sprintf("alias %s: only lists of JSONPaths are supported; it is ignored", v.y.Content[j].Value))
					continue
				}
				rs.aliases[v.y.Content[j].Value] = paths
			}
		case "rules":
			for j := 0; j+1 < len(v.y.Content); j += 2 {
				if err := rs.rule(v.y.Content[j].Value, rsNode{v.y.Content[j+1], path}); err != nil {
					return err
				}
			}
		case "formats", "documentationUrl", "description":
		default:
			rs.warn(rsNode{root.Content[i], path}, k, fmt.Sprintf("ruleset key %q is not supported by toolkit; it is ignored", k))
		}
	}
	return nil
}

// extends handles "spectral:oas", ["spectral:oas", "all"], lists of
// those, and relative ruleset files.
func (rs *Ruleset) extends(v rsNode, from string, seen map[string]bool) error {
	var items []*yaml.Node
	if v.y.Kind == yaml.SequenceNode {
		items = v.y.Content
	} else {
		items = []*yaml.Node{v.y}
	}
	for _, it := range items {
		name, mode := it.Value, "recommended"
		if it.Kind == yaml.SequenceNode && len(it.Content) > 0 {
			name = it.Content[0].Value
			if len(it.Content) > 1 {
				mode = it.Content[1].Value
			}
		}
		switch {
		case name == "spectral:oas":
			switch mode {
			case "all":
				rs.Config.Extends = append(rs.Config.Extends, "all")
			case "off":
				rs.Config.Extends = append(rs.Config.Extends, "none")
			default:
				rs.Config.Extends = append(rs.Config.Extends, "recommended")
			}
		case strings.HasPrefix(name, "spectral:"):
			rs.warn(rsNode{it, from}, name, fmt.Sprintf("%s is not an OpenAPI ruleset; toolkit ignores it", name))
		case strings.Contains(name, "://"):
			rs.warn(rsNode{it, from}, name, fmt.Sprintf("extends %s: toolkit reads local ruleset files only; it is ignored", name))
		default:
			if err := rs.load(filepath.Join(filepath.Dir(from), name), seen); err != nil {
				return err
			}
		}
	}
	return nil
}

// spectralSeverity reads Spectral's severities: names or 0..3, true
// (the default) and false/off.
func spectralSeverity(s string) (Severity, bool) {
	switch strings.ToLower(s) {
	case "error", "0":
		return Error, true
	case "warn", "warning", "1", "true":
		return Warning, true
	case "info", "hint", "2", "3":
		return Info, true
	case "off", "false", "-1":
		return Off, true
	}
	return "", false
}

// rule reads one entry of rules: a severity override of a known rule, or a
// rule of the ruleset's own.
func (rs *Ruleset) rule(id string, v rsNode) error {
	if id == "oas3-schema" || id == "oas2-schema" {
		rs.warn(v, id, fmt.Sprintf("%s is checked by toolkit's loader, not by a lint rule: a contract that breaks the OpenAPI schema stops lint (exit 2) whatever this setting says", id))
		return nil
	}
	if v.y.Kind == yaml.ScalarNode {
		sev, ok := spectralSeverity(v.y.Value)
		switch {
		case !ok:
			rs.warn(v, id, fmt.Sprintf("rule %s: unknown severity %q; the rule is left as it is", id, v.y.Value))
		case lookup(id) == nil:
			rs.warn(v, id, fmt.Sprintf("rule %s is not a rule toolkit knows (by id or Spectral alias); its setting is ignored", id))
		default:
			for _, r := range lookup(id) {
				rs.Config.Severity[r.ID] = sev
			}
		}
		return nil
	}
	var def struct {
		Description string    `yaml:"description"`
		Message     string    `yaml:"message"`
		Severity    string    `yaml:"severity"`
		Given       yaml.Node `yaml:"given"`
		Then        yaml.Node `yaml:"then"`
		Formats     []string  `yaml:"formats"`
		Recommended *bool     `yaml:"recommended"`
		Resolved    *bool     `yaml:"resolved"`
	}
	if err := v.y.Decode(&def); err != nil {
		return fmt.Errorf("%s:%d: rule %s: %w", v.file, v.y.Line, id, err)
	}
	if def.Given.Kind == 0 && lookup(id) != nil {
		// A known rule re-configured: only its severity is taken.
		if sev, ok := spectralSeverity(def.Severity); ok {
			for _, r := range lookup(id) {
				rs.Config.Severity[r.ID] = sev
			}
		}
		return nil
	}
	sev := Warning
	if def.Severity != "" {
		s, ok := spectralSeverity(def.Severity)
		if !ok {
			rs.warn(v, id, fmt.Sprintf("rule %s: unknown severity %q; using warning", id, def.Severity))
		} else {
			sev = s
		}
	}
	if sev == Off || (def.Recommended != nil && !*def.Recommended) {
		return nil
	}
	var givens []string
	if def.Given.Kind == yaml.SequenceNode {
		for _, g := range def.Given.Content {
			givens = append(givens, g.Value)
		}
	} else {
		givens = []string{def.Given.Value}
	}
	givens = rs.expandAliases(givens)
	var paths [][]pathStep
	for _, g := range givens {
		steps, err := parsePath(g)
		if err != nil {
			rs.warn(v, id, fmt.Sprintf("rule %s is not checked: %v", id, err))
			return nil
		}
		paths = append(paths, steps)
	}
	var thens []*yaml.Node
	if def.Then.Kind == yaml.SequenceNode {
		thens = def.Then.Content
	} else {
		thens = []*yaml.Node{&def.Then}
	}
	var checks []thenCheck
	for _, t := range thens {
		tc, err := parseThen(t)
		if err != nil {
			rs.warn(rsNode{t, v.file}, id, fmt.Sprintf("rule %s is not checked: %v", id, err))
			return nil
		}
		checks = append(checks, tc)
	}
	desc := def.Description
	if desc == "" {
		desc = "Custom rule " + id + " of the ruleset."
	}
	formats := def.Formats
	resolved := def.Resolved == nil || *def.Resolved
	rs.Rules = append(rs.Rules, &Rule{ID: id, Category: "RULESET", Severity: sev, Description: desc,
		Hint: "see rule " + id + " in " + v.file,
		Check: func(c *Context) {
			if !formatApplies(formats, c.Version) {
				return
			}
			for _, p := range paths {
				for _, m := range eval(c.Root, p, resolved) {
					for _, tc := range checks {
						tc.apply(c, m, def.Message, desc, resolved)
					}
				}
			}
		}})
	return nil
}

// expandAliases replaces a leading #Alias in each given by the alias's
// paths (aliases may refer to aliases, to a small depth).
func (rs *Ruleset) expandAliases(givens []string) []string {
	for range 8 {
		var out []string
		changed := false
		for _, g := range givens {
			if !strings.HasPrefix(g, "#") {
				out = append(out, g)
				continue
			}
			name, rest := g[1:], ""
			if i := strings.IndexAny(name, ".["); i >= 0 {
				name, rest = name[:i], name[i:]
			}
			paths, ok := rs.aliases[name]
			if !ok {
				out = append(out, g) // parsePath reports it
				continue
			}
			changed = true
			for _, p := range paths {
				out = append(out, p+rest)
			}
		}
		givens = out
		if !changed {
			break
		}
	}
	return givens
}

// formatApplies reports whether a contract of version fits one of a
// rule's formats (none: every contract).
func formatApplies(formats []string, version string) bool {
	if len(formats) == 0 {
		return true
	}
	for _, f := range formats {
		switch f {
		case "oas2":
			if strings.HasPrefix(version, "2") {
				return true
			}
		case "oas3":
			if strings.HasPrefix(version, "3") {
				return true
			}
		case "oas3.0", "oas3_0":
			if strings.HasPrefix(version, "3.0") {
				return true
			}
		case "oas3.1", "oas3_1":
			if strings.HasPrefix(version, "3.1") {
				return true
			}
		}
	}
	return false
}

// thenCheck is one then: of a rule: a field and a function.
type thenCheck struct {
	field []pathStep // nil: the matched node itself
	key   bool       // field: "@key"
	fn    func(v *Node, present bool) string
}

// spectralFunctions lists the core functions toolkit runs.
var spectralFunctions = []string{"alphabetical", "casing", "defined", "enumeration", "falsy", "length", "or", "pattern", "schema", "truthy", "undefined", "xor"}

func parseThen(t *yaml.Node) (thenCheck, error) {
	var def struct {
		Field   string    `yaml:"field"`
		Fn      string    `yaml:"function"`
		Options yaml.Node `yaml:"functionOptions"`
	}
	if err := t.Decode(&def); err != nil {
		return thenCheck{}, err
	}
	var tc thenCheck
	switch {
	case def.Field == "@key":
		tc.key = true
	case def.Field != "":
		f := def.Field
		if !strings.HasPrefix(f, "$") {
			f = "$." + f
		}
		steps, err := parsePath(f)
		if err != nil {
			return tc, err
		}
		tc.field = steps
	}
	var opts map[string]any
	if def.Options.Kind != 0 {
		if err := def.Options.Decode(&opts); err != nil {
			return tc, fmt.Errorf("functionOptions: %w", err)
		}
	}
	fn, err := spectralFunction(def.Fn, opts)
	if err != nil {
		return tc, err
	}
	tc.fn = fn
	return tc, nil
}

// spectralFunction builds one of Spectral's core functions. It returns
// the function's error message for a failing value, "" when it passes.
func spectralFunction(name string, opts map[string]any) (func(v *Node, present bool) string, error) {
	str := func(k string) string { s, _ := opts[k].(string); return s }
	switch name {
	case "truthy":
		return func(v *Node, ok bool) string {
			if !ok || !truthy(scalar(v), true) {
				return "is not truthy"
			}
			return ""
		}, nil
	case "falsy":
		return func(v *Node, ok bool) string {
			if ok && truthy(scalar(v), true) {
				return "is not falsy"
			}
			return ""
		}, nil
	case "defined":
		return func(_ *Node, ok bool) string {
			if !ok {
				return "is not defined"
			}
			return ""
		}, nil
	case "undefined":
		return func(_ *Node, ok bool) string {
			if ok {
				return "is defined"
			}
			return ""
		}, nil
	case "pattern":
		var match, notMatch *regexp.Regexp
		for k, dst := range map[string]**regexp.Regexp{"match": &match, "notMatch": &notMatch} {
			if s := str(k); s != "" {
				re, err := jsRegexp(s)
				if err != nil {
					return nil, fmt.Errorf("pattern %s: %w", k, err)
				}
				*dst = re
			}
		}
		if match == nil && notMatch == nil {
			return nil, fmt.Errorf("pattern needs functionOptions match or notMatch")
		}
		return func(v *Node, ok bool) string {
			if !ok || v.Y.Kind != yaml.ScalarNode {
				return ""
			}
			if match != nil && !match.MatchString(v.Y.Value) {
				return fmt.Sprintf("must match the pattern %q", match.String())
			}
			if notMatch != nil && notMatch.MatchString(v.Y.Value) {
				return fmt.Sprintf("must not match the pattern %q", notMatch.String())
			}
			return ""
		}, nil
	case "casing":
		style := str("type")
		re := Casing(style)
		if re == nil {
			return nil, fmt.Errorf("casing type %q is not one of %s", style, strings.Join(CasingNames(), ", "))
		}
		if _, ok := opts["separator"]; ok {
			return nil, fmt.Errorf("casing option separator is not supported")
		}
		noDigits, _ := opts["disallowDigits"].(bool)
		return func(v *Node, ok bool) string {
			if !ok || v.Y.Kind != yaml.ScalarNode || v.Y.Value == "" {
				return ""
			}
			if !re.MatchString(v.Y.Value) || (noDigits && strings.ContainsAny(v.Y.Value, "0123456789")) {
				return "must be " + style + " case"
			}
			return ""
		}, nil
	case "enumeration":
		values, _ := opts["values"].([]any)
		allowed := map[string]bool{}
		for _, x := range values {
			allowed[fmt.Sprint(x)] = true
		}
		return func(v *Node, ok bool) string {
			if !ok || v.Y.Kind != yaml.ScalarNode || allowed[v.Y.Value] {
				return ""
			}
			var list []string
			for k := range allowed {
				list = append(list, k)
			}
			sort.Strings(list)
			return fmt.Sprintf("%q must be one of: %s", v.Y.Value, strings.Join(list, ", "))
		}, nil
	case "length":
		lo, hasLo := number(opts["min"])
		hi, hasHi := number(opts["max"])
		if !hasLo && !hasHi {
			return nil, fmt.Errorf("length needs functionOptions min or max")
		}
		return func(v *Node, ok bool) string {
			if !ok {
				return ""
			}
			var n float64
			switch v.Y.Kind {
			case yaml.MappingNode:
				n = float64(len(v.Y.Content) / 2)
			case yaml.SequenceNode:
				n = float64(len(v.Y.Content))
			default:
				if x, isNum := scalar(v).(float64); isNum {
					n = x
				} else {
					n = float64(len([]rune(v.Y.Value)))
				}
			}
			if hasLo && n < lo {
				return fmt.Sprintf("must not be shorter than %g", lo)
			}
			if hasHi && n > hi {
				return fmt.Sprintf("must not be longer than %g", hi)
			}
			return ""
		}, nil
	case "alphabetical":
		keyedBy := str("keyedBy")
		return func(v *Node, ok bool) string {
			if !ok {
				return ""
			}
			var keys []string
			switch v.Y.Kind {
			case yaml.MappingNode:
				v.Pairs(func(k string, _ *yaml.Node, _ *Node) { keys = append(keys, k) })
			case yaml.SequenceNode:
				for _, it := range v.Items() {
					if keyedBy != "" {
						keys = append(keys, it.Str(keyedBy))
					} else {
						keys = append(keys, it.Y.Value)
					}
				}
			}
			for i := 1; i < len(keys); i++ {
				if keys[i] < keys[i-1] {
					return fmt.Sprintf("is not in alphabetical order: %q comes after %q", keys[i], keys[i-1])
				}
			}
			return ""
		}, nil
	case "xor", "or":
		raw, _ := opts["properties"].([]any)
		var props []string
		for _, p := range raw {
			props = append(props, fmt.Sprint(p))
		}
		if len(props) == 0 {
			return nil, fmt.Errorf("%s needs functionOptions properties", name)
		}
		return func(v *Node, ok bool) string {
			if !ok || v.Y.Kind != yaml.MappingNode {
				return ""
			}
			n := 0
			for _, p := range props {
				if v.Has(p) {
					n++
				}
			}
			if name == "xor" && n != 1 {
				return fmt.Sprintf("must have exactly one of %s", strings.Join(props, ", "))
			}
			if name == "or" && n == 0 {
				return fmt.Sprintf("must have at least one of %s", strings.Join(props, ", "))
			}
			return ""
		}, nil
	case "schema":
		var s openapi3.Schema
		raw, err := json.Marshal(opts["schema"])
		if err != nil || opts["schema"] == nil {
			return nil, fmt.Errorf("schema needs functionOptions schema")
		}
		if err := s.UnmarshalJSON(raw); err != nil {
			return nil, fmt.Errorf("functionOptions schema: %w", err)
		}
		return func(v *Node, ok bool) string {
			if !ok {
				return ""
			}
			if err := s.VisitJSON(plain(v, 0)); err != nil {
				msg := err.Error()
				if i := strings.Index(msg, "\nSchema:"); i >= 0 {
					msg = msg[:i]
				}
				return strings.ReplaceAll(msg, "\n", "; ")
			}
			return ""
		}, nil
	}
	return nil, fmt.Errorf("function %q is not one toolkit runs (it runs %s)", name, strings.Join(spectralFunctions, ", "))
}

func number(v any) (float64, bool) {
	switch x := v.(type) {
	case int:
		return float64(x), true
	case float64:
		return x, true
	}
	return 0, false
}

// jsRegexp reads a JavaScript-style pattern: "/re/flags" or a bare "re".
func jsRegexp(s string) (*regexp.Regexp, error) {
	if len(s) > 1 && s[0] == '/' {
		if end := strings.LastIndexByte(s, '/'); end > 0 {
			flags := s[end+1:]
			s = s[1:end]
			if strings.Contains(flags, "i") {
				s = "(?i)" + s
			}
		}
	}
	return regexp.Compile(s)
}

// apply runs the check on a match and reports a failure at the field's
// node (or the match when the field is absent).
func (tc thenCheck) apply(c *Context, m match, message, desc string, resolved bool) {
	type target struct {
		n       *Node
		prop    string
		present bool
	}
	if resolved && !m.key {
		m.n = m.n.Deref()
	}
	var targets []target
	switch {
	case m.key:
		targets = append(targets, target{keyNode(m), m.prop, true})
	case tc.key:
		// field @key: each key of the matched object
		m.n.Pairs(func(k string, ky *yaml.Node, v *Node) {
			targets = append(targets, target{nameNode(ky, v), k, true})
		})
	case tc.field != nil:
		found := eval(m.n, tc.field, resolved)
		if len(found) == 0 {
			last := tc.field[len(tc.field)-1].name
			targets = append(targets, target{m.n, last, false})
		}
		for _, f := range found {
			targets = append(targets, target{f.n, f.prop, true})
		}
	default:
		targets = append(targets, target{m.n, m.prop, true})
	}
	for _, t := range targets {
		if msg := tc.fn(t.n, t.present); msg != "" {
			text := message
			if text == "" {
				text = desc + ": {{property}} {{error}}"
				if desc == "" {
					text = "{{property}} {{error}}"
				}
			}
			text = strings.NewReplacer("{{property}}", t.prop, "{{error}}", msg, "{{description}}", desc, "{{path}}", t.n.Pointer, "{{value}}", t.n.Y.Value).Replace(text)
			c.Report(t.n, text)
		}
	}
}

// keyNode returns the node of the key under which m sits, as a Node at
// m's pointer, so a key's finding points at the key's line.
func keyNode(m match) *Node {
	y := &yaml.Node{Kind: yaml.ScalarNode, Value: m.prop, Line: m.n.Y.Line, Column: m.n.Y.Column}
	parent := m.n.Pointer[:max(strings.LastIndexByte(m.n.Pointer, '/'), 0)]
	if pn := m.n.tree.follow(m.n.File, "#"+parent); pn != nil && pn.Y.Kind == yaml.MappingNode {
		pn := pn.Y
		for i := 0; i+1 < len(pn.Content); i += 2 {
			if pn.Content[i+1] == m.n.Y {
				y = pn.Content[i]
				break
			}
		}
	}
	return &Node{Y: y, File: m.n.File, Pointer: m.n.Pointer, tree: m.n.tree}
}
