package golang

import "github.com/dave/jennifer/jen"

// emitJSONReader writes jsonReader, the reflection-free JSON decoder the
// generated types' decodeJSON methods use, and its generic readers.
func emitJSONReader(f *jen.File) {}
