package contract

import (
	"errors"

	"github.com/getkin/kin-openapi/openapi3"
)

// LoadOptions tune Load.
type LoadOptions struct {
	// Strict turns warnings into errors.
	Strict bool
	// Lenient repairs common slips that are errors but whose intent is
	// unambiguous (a required list naming a missing property …), reporting
	// each as a warning instead.
	Lenient bool
}

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
}

// Load reads the contract at path (JSON or YAML; OpenAPI 3.0, 3.1 or
// Swagger 2.0; $refs into other local files), validates it and returns the
// Document. Problems at error severity are returned as *Error.
func Load(path string, opts LoadOptions) (*Document, error) {
	return nil, errors.New("contract.Load: not implemented yet")
}

// Position returns where the node at the JSON pointer lies in file (a path
// as it appears in Source.File). Unknown places give a Position with only
// File set.
func (d *Document) Position(file, pointer string) Position {
	return Position{File: file}
}

// Build turns a Document into the language-neutral Model.
func Build(d *Document) (*Model, error) {
	return nil, errors.New("contract.Build: not implemented yet")
}
