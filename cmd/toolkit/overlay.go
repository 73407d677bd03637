package main

import (
	"reflect"
	"strings"

	"github.com/spf13/pflag"
	"gopkg.in/yaml.v3"
)

// overlay is how every command merges its flags with its toolkit.yaml
// section: one struct holds both (its fields bound to flags, its yaml tags
// naming the keys), and each field whose flag the user gave on the command
// line is copied from src (the flags) over dst (the file's values). A
// field's flag is its `flag` tag, else its yaml key; inline structs are
// walked. A flag given with its default value still wins ("--strict=false"
// turns off a file's strict: true).
func overlay(dst, src any, flags *pflag.FlagSet) {
	overlayValue(reflect.ValueOf(dst).Elem(), reflect.ValueOf(src).Elem(), flags)
}

func overlayValue(dst, src reflect.Value, flags *pflag.FlagSet) {
	t := dst.Type()
	for i := range t.NumField() {
		field := t.Field(i)
		key, opts, _ := strings.Cut(field.Tag.Get("yaml"), ",")
		if opts == "inline" {
			overlayValue(dst.Field(i), src.Field(i), flags)
			continue
		}
		name := field.Tag.Get("flag")
		if name == "" {
			name = key
		}
		if name == "" || name == "-" || !field.IsExported() {
			continue
		}
		if f := flags.Lookup(name); f != nil && f.Changed {
			dst.Field(i).Set(src.Field(i))
		}
	}
}

// fromSection fills opts (a pointer to a command's one struct of flags
// and keys) from the section name of toolkit.yaml: keys the file gives
// replace the flags' defaults, keys it leaves out keep them, and every
// flag given on the command line wins over the file. fix runs on the
// file's values before the flags are laid back (to resolve the file's
// relative paths, expand $VARIABLES); it may be nil. It reports whether
// the section exists.
func fromSection(c *config, name string, node *yaml.Node, opts any, flags *pflag.FlagSet, fix func()) (bool, error) {
	given := reflect.New(reflect.TypeOf(opts).Elem())
	given.Elem().Set(reflect.ValueOf(opts).Elem())
	found, err := c.decodeSection(name, node, opts)
	if err != nil || !found {
		return found, err
	}
	if fix != nil {
		fix()
	}
	overlay(opts, given.Interface(), flags)
	return true, nil
}
