package golang

// Stubs owned by the server and client emitters; replaced as they are written.

import "github.com/dave/jennifer/jen"

func (g *gen) emitServer(f *jen.File) error { return nil }
func (g *gen) emitClient(f *jen.File) error { return nil }
