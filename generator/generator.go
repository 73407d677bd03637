// Package generator holds what every output target shares: the File set a
// target produces, the Target interface, and writing a file set to disk
// atomically or checking it against what is on disk.
package generator

import "github.com/contractfirst/toolkit/contract"

// File is one output file of a target.
type File struct {
	// Name is the path relative to the output folder, slash-separated.
	Name string
	Data []byte
	// UserOwned files are created once and never overwritten (scaffold
	// handlers, main.go). Generated files (the default) are always
	// rewritten and carry a "Code generated … DO NOT EDIT." header.
	UserOwned bool
}

// Options are the settings every target receives.
type Options struct {
	// Package is the Go package name of generated code.
	Package string
	// Targets selects outputs by name ("types", "server", "client", "spec",
	// "docs" …); empty means the target's defaults.
	Targets []string
	// RuntimePackage, when set, is the import path of the shared runtime
	// package (runtime: shared) that generated Go packages import instead
	// of each copying the runtime.
	RuntimePackage string
}

// Target turns a Model into files.
type Target interface {
	// Name is the target's id, as used in --generate and toolkit.yaml.
	Name() string
	Generate(m *contract.Model, opts Options) ([]File, error)
}
