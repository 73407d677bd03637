package golang

import "github.com/dave/jennifer/jen"

// emitJSONWriter writes jsonWriter, the reflection-free JSON encoder the
// generated types' encodeJSON methods use, and its generic writers.
func emitJSONWriter(f *jen.File) {}
