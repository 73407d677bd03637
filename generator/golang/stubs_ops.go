package golang

// Stubs owned by the server and client emitters; replaced as they are written.

import "github.com/dave/jennifer/jen"

func (g *gen) emitServer(f *jen.File) error { return nil }
func (g *gen) emitClient(f *jen.File) error { return nil }

// opsRuntimeNames are the package-level identifiers the server and client
// emitters declare themselves (Handler, NewServer, Client …), reserved
// before any schema is named.
var opsRuntimeNames = []string{"Handler", "Unimplemented", "NewServer", "ServerOption", "Client", "NewClient", "ClientOption"}

// nameOperations assigns the Go identifiers of every operation's method and
// types (request, responses), after nameTypes.
func (g *gen) nameOperations() {}
