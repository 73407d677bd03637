package infer

import (
	"encoding/json"
	"strconv"

	"gopkg.in/yaml.v3"
)

// Small builders of YAML nodes: the contract is written as a node tree
// so that key order is ours and output is byte-for-byte deterministic.

func str(s string) *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s} }
func integer(i int) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: strconv.Itoa(i)}
}
func boolean(b bool) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: strconv.FormatBool(b)}
}

// mapping builds a mapping from key, value pairs; a nil value drops its
// pair.
func mapping(kv ...any) *yaml.Node {
	m := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
	for i := 0; i+1 < len(kv); i += 2 {
		v := node(kv[i+1])
		if v == nil {
			continue
		}
		m.Content = append(m.Content, str(kv[i].(string)), v)
	}
	return m
}

// set appends key: v to a mapping.
func set(m *yaml.Node, key string, v any) {
	if n := node(v); n != nil {
		m.Content = append(m.Content, str(key), n)
	}
}

// get returns the value of key in a mapping, or nil.
func get(m *yaml.Node, key string) *yaml.Node {
	if m == nil || m.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}

func seqOf(items []*yaml.Node) *yaml.Node {
	return &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Content: items}
}

func strSeq(ss []string) *yaml.Node {
	s := seqOf(nil)
	for _, x := range ss {
		s.Content = append(s.Content, str(x))
	}
	return s
}

func node(v any) *yaml.Node {
	switch x := v.(type) {
	case nil:
		return nil
	case *yaml.Node:
		return x
	case string:
		return str(x)
	case int:
		return integer(x)
	case bool:
		return boolean(x)
	case []string:
		if x == nil {
			return nil
		}
		return strSeq(x)
	}
	panic("infer: no YAML node for a value")
}

// value converts a decoded JSON value into a node; object keys sorted,
// numbers written as they came.
func value(v any) *yaml.Node {
	switch x := v.(type) {
	case nil:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null", Value: "null"}
	case bool:
		return boolean(x)
	case json.Number:
		tag := "!!int"
		if _, err := x.Int64(); err != nil {
			tag = "!!float"
		}
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: x.String()}
	case string:
		return str(x)
	case []any:
		s := seqOf(nil)
		for _, e := range x {
			s.Content = append(s.Content, value(e))
		}
		return s
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sortStrings(keys)
		m := mapping()
		for _, k := range keys {
			m.Content = append(m.Content, str(k), value(x[k]))
		}
		return m
	}
	return str("")
}
