package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/contractfirst/toolkit/contract"
)

// configFile is the default configuration file name, looked up in the
// working folder.
const configFile = "toolkit.yaml"

// config is toolkit.yaml. Paths in it are relative to the file.
type config struct {
	Version  int        `yaml:"version"`
	Generate []genEntry `yaml:"generate"`
	Lint     yaml.Node  `yaml:"lint"`     // read by toolkit lint
	Validate yaml.Node  `yaml:"validate"` // read by toolkit validate
	Docs     yaml.Node  `yaml:"docs"`     // read by toolkit docs
	dir      string     // folder of the file
	path     string     // the file
	_        struct{}   `yaml:"-"`
}

// genEntry is one contract to generate from.
type genEntry struct {
	// With toolkit.yaml, --contract and --out do not apply to its entries:
	// gen --contract generates that one contract instead.
	Contract string   `yaml:"contract" flag:"-"`
	Out      string   `yaml:"out" flag:"-"`
	Package  string   `yaml:"package"`
	Targets  []string `yaml:"targets" flag:"generate"`
	Strict   bool     `yaml:"strict"`
	Lenient  bool     `yaml:"lenient"`
	// AllowRemoteRefs lets the contract's $refs read http(s) URLs; its
	// flag is the root's --allow-remote-refs.
	AllowRemoteRefs bool `yaml:"allow-remote-refs"`
	// Runtime is copy (each package carries the runtime it uses) or
	// shared (the module's packages import one runtime package,
	// RuntimePackage or MODULE/internal/toolkitruntime).
	Runtime        string `yaml:"runtime"`
	RuntimePackage string `yaml:"runtime-package"`

	// The operations to generate (and, through them, the types).
	selectionKeys `yaml:",inline"`
}

// selectionKeys select part of a contract, in a generate entry and in the
// validate: section, as the --operation, --tag, --exclude-operation and
// --exclude-tag flags do.
type selectionKeys struct {
	Operations        []string `yaml:"operations" flag:"operation"`
	Tags              []string `yaml:"tags" flag:"tag"`
	ExcludeOperations []string `yaml:"exclude-operations" flag:"exclude-operation"`
	ExcludeTags       []string `yaml:"exclude-tags" flag:"exclude-tag"`
}

// selection is the keys' choice of operations.
func (k selectionKeys) selection() contract.Selection {
	return contract.Selection(k)
}

// loadConfig reads toolkit.yaml, rejecting unknown keys with their line.
func loadConfig(path string) (*config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var c config
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&c); err != nil {
		var te *yaml.TypeError
		if errors.As(err, &te) && len(te.Errors) > 0 {
			return nil, fmt.Errorf("%s: %s", path, te.Errors[0])
		}
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if c.Version != 0 && c.Version != 1 {
		return nil, fmt.Errorf("%s: version %d is not supported; want 1", path, c.Version)
	}
	c.path, c.dir = path, filepath.Dir(path)
	for i, e := range c.Generate {
		if e.Contract == "" || e.Out == "" {
			return nil, fmt.Errorf("%s: generate[%d]: contract and out are required", path, i)
		}
		c.Generate[i].Contract = resolve(c.dir, e.Contract)
		c.Generate[i].Out = resolve(c.dir, e.Out)
	}
	return &c, nil
}

// decodeSection decodes the section name of the file (node) into v, a
// pointer to a struct, rejecting keys that none of its yaml tags names with
// their line; it reports false when the section is absent.
func (c *config) decodeSection(name string, node *yaml.Node, v any) (bool, error) {
	if node.Kind == 0 {
		return false, nil
	}
	if node.Kind == yaml.MappingNode {
		known := yamlKeys(v)
		for i := 0; i+1 < len(node.Content); i += 2 {
			if k := node.Content[i]; !slices.Contains(known, k.Value) {
				return true, fmt.Errorf("%s:%d:%d: %s: unknown key %q (want %s)", c.path, k.Line, k.Column, name, k.Value, strings.Join(known, ", "))
			}
		}
	}
	if err := node.Decode(v); err != nil {
		return true, fmt.Errorf("%s: %s: %w", c.path, name, err)
	}
	return true, nil
}

// yamlKeys lists the keys the struct v points to takes: its fields' yaml
// tags, in field order, so the list cannot drift from the struct.
func yamlKeys(v any) []string {
	t := reflect.TypeOf(v).Elem()
	var keys []string
	for i := range t.NumField() {
		field := t.Field(i)
		name, opts, _ := strings.Cut(field.Tag.Get("yaml"), ",")
		switch {
		case opts == "inline":
			keys = append(keys, yamlKeys(reflect.New(field.Type).Interface())...)
		case name != "" && name != "-":
			keys = append(keys, name)
		}
	}
	return keys
}

// resolve makes p relative to dir unless it is absolute.
func resolve(dir, p string) string {
	if filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(dir, p)
}
