package golang

import "github.com/dave/jennifer/jen"

var opsRuntimeNames = []string{"Handler", "Unimplemented", "NewServer", "ServerOption", "Client", "NewClient", "ClientOption", "Spec"}

func (g *gen) nameOperations()              {}
func (g *gen) emitServer(f *jen.File) error { return nil }
func (g *gen) emitClient(f *jen.File) error { return nil }
