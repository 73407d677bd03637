package contract

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/getkin/kin-openapi/openapi2"
	"github.com/getkin/kin-openapi/openapi2conv"
	"github.com/getkin/kin-openapi/openapi3"
	"gopkg.in/yaml.v3"

	"github.com/contractfirst/toolkit/internal/lazyre"
)

// LoadOptions tune Load.
type LoadOptions struct {
	// Strict turns warnings into errors.
	Strict bool
	// Lenient repairs common slips that are errors but whose intent is
	// unambiguous (a required list naming a missing property …), reporting
	// each as a warning instead.
	Lenient bool
	// Reads confine the files read: size cap, folders $refs may reach.
	Reads ReadLimits
	// SkipValueChecks leaves out the pass that checks examples and
	// defaults against their schemas. It only ever finds warnings, so a
	// caller that reports none (toolkit diff) loses nothing by it and
	// saves a second kin-openapi validation of the whole document.
	SkipValueChecks bool
	// SkipSpec makes BuildWith leave Model.Spec empty: the contract as
	// one JSON document is for emitters that embed it, and a caller that
	// only reads the Model's types and operations (toolkit diff's Go API
	// comparison) saves compacting the whole file again.
	SkipSpec bool
	// KinFromTree builds kin-openapi's document of a JSON contract from
	// the tree Load decodes anyway (kinFromTree) instead of decoding the
	// bytes a second time with kin-openapi, falling back to that where
	// the two could differ. Every toolkit command sets it (about 1 s less
	// CPU on GitHub's description); left false, kin-openapi decodes the
	// bytes on another core while the loader checks the tree.
	KinFromTree bool
	// ValueChecksInBackground lets Load return before the value checks
	// (the pass SkipValueChecks leaves out) finish: they run on another
	// core beside what the caller does next, and FinishValueChecks adds
	// their warnings to Warnings. Load runs them in line all the same
	// under Strict (their warnings decide whether Load fails) and for a
	// contract above backgroundValueChecksMax bytes (see there).
	ValueChecksInBackground bool
}

// backgroundValueChecksMax is the largest contract (the bytes of its
// files) whose value checks Load runs in the background. Their warnings
// are positioned through the decoded trees, so the trees live until the
// checks are finished; on a large contract Load instead releases them
// before the model is built (GitHub's root tree is about a third of the
// live heap then), and the checks run in line.
//
// Why in the background at all: on an OpenAPI 3.1 contract kin-openapi
// checks each example and default by marshalling its schema and compiling
// it as JSON Schema 2020-12, 7 ms of webscraping.ai.json's 10 KB (25
// examples, 8 defaults) against 2.5 ms for the rest of its load; beside the
// model build and generation it costs next to no wall time.
const backgroundValueChecksMax = 1 << 20

// Document is a loaded, validated contract: kin-openapi's view of it (always
// OpenAPI 3.x; Swagger 2.0 is converted), plus what is needed to put a
// position on any node of any of its files.
type Document struct {
	// Path is the root file as given to Load.
	Path string
	// OpenAPI is the version the root file declared ("2.0", "3.0.3", "3.1.0").
	OpenAPI string
	// T is the contract with every $ref resolved.
	T *openapi3.T
	// Warnings found while loading and validating, in file order.
	Warnings []Problem

	// files holds every file read, keyed by the path used in Source.File.
	files map[string]*sourceFile
	// external is set when a $ref reads another file.
	external bool
	// refs are the $refs of every file, for positioning resolution errors.
	refs []refSite
	// reader reads every file, within LoadOptions.Reads.
	reader *reader
	// pathKeys maps a path key the loader rewrote (RFC 6570 operators,
	// a query string under --lenient) to the key as written.
	pathKeys map[string]string
	// early is kin-openapi's decode of the root file as written, started
	// as soon as it is read (see startEarlyDecode); nil when not started.
	early *earlyDecode
	// noEarly: LoadOptions.KinFromTree, which starts no early decode.
	noEarly bool
	// values is closed when the value checks Load left running in the
	// background (LoadOptions.ValueChecksInBackground) have set valuesErr;
	// nil when none are left running.
	values    chan struct{}
	valuesErr error
	// loadWarnings is how many of Warnings Load found: their value-check
	// warnings join those, in file order, and the model builder's follow.
	loadWarnings int
}

// earlyDecode is an openapi3.T being decoded on another core while Load
// reads and checks the file's tree: kin-openapi's decode is most of the
// load (1.8 s of 4 s CPU on GitHub's description) and needs only the
// bytes, which the checks before it almost never change. Load waits for
// it when it decodes the bytes as written, and drops it otherwise (a
// repair or a hoist changed them).
type earlyDecode struct {
	done chan struct{}
	t    openapi3.T
	err  error
}

// startEarlyDecode starts decoding data, a JSON file that names no
// "swagger" (Swagger 2.0 is decoded into another type), as an OpenAPI 3
// document.
func startEarlyDecode(data []byte) *earlyDecode {
	if bytes.Contains(data, []byte(`"swagger"`)) {
		return nil
	}
	e := &earlyDecode{done: make(chan struct{})}
	go func() {
		defer close(e.done)
		e.err = decodeT(data, &e.t)
	}()
	return e
}

// sourceFile is one file of the contract: its bytes, decoded tree (for
// checking $refs and placing kin-openapi's findings while Load runs;
// dropped when it returns) and, parsed on demand, its YAML node tree (for positions).
type sourceFile struct {
	path string
	data []byte
	tree any
	// prepared is the tree re-encoded for kin-openapi when prepare
	// changed it (data stays as read, for positions); nil otherwise.
	prepared []byte

	once sync.Once
	root *yaml.Node

	// isJSON files take positions from index, not from root.
	isJSON bool
	// wholeJSON: data is one JSON value and nothing else (decodeJSONTree
	// read it all), which json.Valid would check again.
	wholeJSON bool
	indexOnce sync.Once
	index     *JSONIndex
}

// Load reads the contract at path (JSON or YAML; OpenAPI 3.0, 3.1 or
// Swagger 2.0; $refs into other local files), validates it and returns the
// Document. Problems at error severity are returned as *Error.
func Load(path string, opts LoadOptions) (*Document, error) {
	d := &Document{Path: path, files: map[string]*sourceFile{}, reader: newReader(path, opts.Reads), noEarly: opts.KinFromTree}
	root, err := d.readFile(path)
	if err != nil {
		return nil, err
	}
	obj, ok := root.tree.(map[string]any)
	if !ok {
		return nil, d.fail(path, "", "a contract must be a JSON or YAML object")
	}
	var c collector
	c.doc = d
	// Check every $ref of every file before kin-openapi resolves them, so a
	// dangling one is reported at its own position.
	d.checkRefs(&c, root)
	if c.hasErrors() {
		return nil, c.err()
	}

	// Repairs first, so a definition they mend can be hoisted.
	changed := d.prepare(&c, path, obj, opts)
	hoisted := hoistNestedDefs(obj)
	var data []byte
	asWritten := !hoisted && !changed && (root.wholeJSON || json.Valid(root.data))
	if asWritten {
		data = root.data
	} else if data, err = json.Marshal(root.tree); err != nil {
		return nil, d.fail(path, "", "cannot convert YAML to JSON: "+err.Error())
	}

	switch {
	case obj["swagger"] != nil:
		v := fmt.Sprint(obj["swagger"])
		d.OpenAPI = v
		if v != "2.0" {
			return nil, d.fail(path, "/swagger", fmt.Sprintf("unsupported Swagger version %q: want \"2.0\"", v))
		}
		var t2 openapi2.T
		if err := json.Unmarshal(data, &t2); err != nil {
			return nil, d.fail(path, decodePointer(root.tree, err), "not a Swagger 2.0 document: "+err.Error())
		}
		t3, err := openapi2conv.ToV3(&t2)
		if err != nil {
			return nil, d.fail(path, "", "converting Swagger 2.0 to OpenAPI 3: "+err.Error())
		}
		d.T = t3
	case obj["openapi"] != nil:
		v := fmt.Sprint(obj["openapi"])
		d.OpenAPI = v
		if !strings.HasPrefix(v, "3.0") && !strings.HasPrefix(v, "3.1") && !strings.HasPrefix(v, "3.2") {
			return nil, d.fail(path, "/openapi", fmt.Sprintf("unsupported OpenAPI version %q: want 3.0.x, 3.1.x, 3.2.x or Swagger 2.0", v))
		}
		var t *openapi3.T
		var err error
		fromTree := false
		if asWritten && opts.KinFromTree && root.wholeJSON {
			t, fromTree = kinFromTree(obj)
		}
		if e := d.early; !fromTree && e != nil && asWritten {
			<-e.done
			t, err = &e.t, e.err
		} else if !fromTree {
			t = new(openapi3.T)
			err = decodeT(data, t)
		}
		if err != nil {
			return nil, d.fail(path, decodePointer(root.tree, err), "not an OpenAPI document: "+err.Error())
		}
		d.T = t
	default:
		return nil, d.fail(path, "", `not an OpenAPI contract: neither "openapi" nor "swagger" is set`)
	}

	if err := d.resolve(); err != nil {
		return nil, err
	}
	if d.validate(&c, opts) {
		if opts.ValueChecksInBackground && !opts.Strict && d.size() <= backgroundValueChecksMax {
			done := make(chan struct{})
			d.values = done
			go func() {
				d.valuesErr = d.checkValues()
				close(done)
			}()
		} else {
			d.addValueProblems(&c, d.checkValues())
		}
	}
	sortProblems(c.problems)
	if opts.Strict {
		for i := range c.problems {
			c.problems[i].Severity = SeverityError
		}
	}
	if c.hasErrors() {
		return nil, c.err()
	}
	d.Warnings = c.problems
	d.loadWarnings = len(c.problems)
	if d.values == nil {
		d.releaseTrees()
	}
	return d, nil
}

// releaseTrees lets the decoded trees go: they serve the checks and
// nothing after, so they go before the model is built (on GitHub's
// description, the root file's tree is about a third of the live heap at
// that point), or once the background value checks are finished.
func (d *Document) releaseTrees() {
	for _, f := range d.files {
		f.tree = nil
	}
}

// FinishValueChecks waits for the value checks Load left running in the
// background (LoadOptions.ValueChecksInBackground), adds their warnings to
// Warnings where Load would have put them (among Load's own, in file
// order, before the model builder's), and returns those it added; nil when
// none were left running. It is not safe for concurrent use.
func (d *Document) FinishValueChecks() []Problem {
	if d.values == nil {
		return nil
	}
	d.awaitValueChecks()
	d.values = nil
	c := collector{doc: d}
	d.addValueProblems(&c, d.valuesErr)
	d.releaseTrees()
	if len(c.problems) == 0 {
		return nil
	}
	n := d.loadWarnings
	merged := append(append(slices.Clip(d.Warnings[:n]), c.problems...), d.Warnings[n:]...)
	sortProblems(merged[:n+len(c.problems)])
	d.Warnings, d.loadWarnings = merged, n+len(c.problems)
	return c.problems
}

// ValueChecksPending reports whether Load left value checks running in the
// background, for FinishValueChecks to finish.
func (d *Document) ValueChecksPending() bool { return d.values != nil }

// awaitValueChecks waits for the background value checks, if any, to
// set valuesErr. Whatever changes d.T must call it first: the checks read
// d.T on another goroutine.
func (d *Document) awaitValueChecks() {
	if d.values != nil {
		<-d.values
	}
}

// sortProblems puts problems in file order, keeping the order of those at
// one position: the walks before and after kin-openapi's validation each
// report in their own order.
func sortProblems(problems []Problem) {
	sort.SliceStable(problems, func(i, j int) bool {
		a, b := problems[i].Pos, problems[j].Pos
		if a.File != b.File {
			return a.File < b.File
		}
		return a.Line < b.Line || a.Line == b.Line && a.Col < b.Col
	})
}

// size is the bytes of the contract's files read so far.
func (d *Document) size() int {
	n := 0
	for _, f := range d.files {
		n += len(f.data)
	}
	return n
}

// readFile reads and decodes one file of the contract, once.
func (d *Document) readFile(path string) (*sourceFile, error) {
	if f, ok := d.files[path]; ok {
		return f, nil
	}
	data, err := d.reader.read(path)
	if err != nil {
		return nil, &Error{Problems: []Problem{{Pos: Position{File: path}, Message: "cannot read contract: " + unwrapPathError(err)}}}
	}
	f := &sourceFile{path: path, data: data}
	d.files[path] = f
	trimmed := bytes.TrimSpace(data)
	if len(trimmed) > 0 && (trimmed[0] == '{' || trimmed[0] == '[') {
		if path == d.Path && d.early == nil && !d.noEarly && trimmed[0] == '{' {
			d.early = startEarlyDecode(data)
		}
		if v, ok := decodeJSONTree(data); ok {
			f.tree = v
			f.isJSON, f.wholeJSON = true, true
			return f, nil
		}
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.UseNumber()
		var v any
		if err := dec.Decode(&v); err != nil {
			line, col := jsonErrorPosition(data, err)
			return nil, &Error{Problems: []Problem{{Pos: Position{File: path, Line: line, Col: col}, Message: "invalid JSON: " + jsonErrorText(err)}}}
		}
		f.tree = normalizeNumbers(v)
		f.isJSON = true
		return f, nil
	}
	var node yaml.Node
	if err := yaml.Unmarshal(data, &node); err != nil {
		line := yamlErrorLine(err)
		return nil, &Error{Problems: []Problem{{Pos: Position{File: path, Line: line}, Message: "invalid YAML: " + strings.TrimPrefix(err.Error(), "yaml: ")}}}
	}
	f.root = &node
	f.once.Do(func() {})
	var v any
	if err := node.Decode(&v); err != nil {
		return nil, &Error{Problems: []Problem{{Pos: Position{File: path}, Message: "invalid YAML: " + err.Error()}}}
	}
	f.tree = normalizeKeys(v)
	return f, nil
}

// fail returns an *Error with one problem at pointer in file.
func (d *Document) fail(file, pointer, msg string) error {
	return &Error{Problems: []Problem{{Pos: d.Position(file, pointer), Pointer: pointer, Message: msg}}}
}

// resolve lets kin-openapi resolve every $ref, reading other files only
// from the local file system, relative to the file that refers to them.
func (d *Document) resolve() error {
	abs, err := filepath.Abs(d.Path)
	if err != nil {
		return err
	}
	loader := openapi3.NewLoader()
	loader.IsExternalRefsAllowed = true
	loader.Context = context.Background()
	loader.ReadFromURIFunc = func(_ *openapi3.Loader, u *url.URL) ([]byte, error) {
		d.external = true
		key := ""
		switch u.Scheme {
		case "http", "https":
			key = urlKey(u.String())
		case "", "file":
			key = d.relPath(filepath.FromSlash(u.Path))
		default:
			return nil, fmt.Errorf("only local files (and, with --allow-remote-refs, http and https URLs) can be referenced, not %q", u.Redacted())
		}
		if f, ok := d.files[key]; ok {
			if f.prepared != nil {
				return f.prepared, nil
			}
			return f.data, nil
		}
		if isURL(key) {
			return d.reader.read(key)
		}
		return d.reader.read(filepath.FromSlash(u.Path))
	}
	if err := loader.ResolveRefsIn(d.T, &url.URL{Path: filepath.ToSlash(abs)}); err != nil {
		// Put the error where the $ref it names is written.
		if m := quotedRef().FindStringSubmatch(err.Error()); m != nil {
			for _, s := range d.refs {
				if s.ref == m[1] {
					return d.fail(s.file, s.pointer+"/$ref", "cannot resolve $ref: "+err.Error())
				}
			}
		}
		return d.fail(d.Path, "", "resolving $refs: "+err.Error())
	}
	return nil
}

var quotedRef = lazyre.New(`"([^"]*#[^"]*)"`)

// relPath turns an absolute path read by the loader back into the path
// used for the file in positions (relative to the working folder when the
// root was given relative).
func (d *Document) relPath(p string) string {
	if filepath.IsAbs(d.Path) {
		return filepath.Clean(p)
	}
	wd, err := os.Getwd()
	if err != nil {
		return p
	}
	if r, err := filepath.Rel(wd, p); err == nil {
		return r
	}
	return p
}

// unwrapPathError drops the "open " prefix of an *os.PathError.
func unwrapPathError(err error) string {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// normalizeKeys turns the map[any]any a YAML decoder produces for maps
// with non-string keys (response codes written as 200) into
// map[string]any, so the tree is JSON-compatible.
func normalizeKeys(v any) any {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			x[k] = normalizeKeys(e)
		}
		return x
	case map[any]any:
		m := make(map[string]any, len(x))
		for k, e := range x {
			m[fmt.Sprint(k)] = normalizeKeys(e)
		}
		return m
	case []any:
		for i, e := range x {
			x[i] = normalizeKeys(e)
		}
		return x
	}
	return v
}

// normalizeNumbers turns json.Number into float64 (or keeps an integer
// that float64 cannot hold as its string), so trees from JSON and YAML
// compare the same.
func normalizeNumbers(v any) any {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			x[k] = normalizeNumbers(e)
		}
	case []any:
		for i, e := range x {
			x[i] = normalizeNumbers(e)
		}
	case json.Number:
		if f, err := x.Float64(); err == nil {
			return f
		}
		return x.String()
	}
	return v
}

// sortedKeys returns the keys of m in order.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
