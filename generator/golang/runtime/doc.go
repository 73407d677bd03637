// Package runtime is the fixed code of every package toolkit generates:
// ordinary Go, compiled and tested here, embedded into the generator and
// copied into a generated package with its package clause rewritten and
// only the declarations that package uses (see generator/golang's
// runtime emission). Names are unexported unless the generated API
// exposes them (ValidationError, Nullable …).
//
// Rules for code in this folder: standard library imports only; every
// top-level declaration is a unit of its own (one per const/var/type
// block), with a doc comment; no init functions, no blank-identifier
// declarations; a name used only by tests belongs in a _test.go file.
// Two files are not copied: export.go exports the parameter serializers
// to toolkit itself (validate, docs), so generated clients, validate's
// requests and the docs' curl lines write a value alike; generated.go
// stands in for what the generator writes from the contract (the server
// and Client types, Handler, the security table), so that the server and
// client code here compiles and is tested on its own.
package runtime
