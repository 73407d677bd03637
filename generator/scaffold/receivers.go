package scaffold

import (
	"fmt"
	"path"
	"strings"
	"unicode"

	"github.com/dave/jennifer/jen"

	"github.com/contractfirst/toolkit/generator"
	"github.com/contractfirst/toolkit/generator/golang"
)

// Webhooks and callbacks the API sends are received by stub types in the
// service package (user-owned) and mounted by MountFile, which is
// toolkit's: main.go calls its mountReceivers and never changes, init
// rewrites it as the contract's receivers change and writes the stub of a
// receiver the service package does not declare yet into a file of its
// own. A contract that gains a webhook or callback after init then builds
// and serves it (501 until written) without toolkit touching a user file.

// MountFile holds mountReceivers, which mounts every receiver of the
// contract; toolkit init rewrites it (it is generated code).
const MountFile = "cmd/server/receivers.gen.go"

// receiverFiles are the stub files of the receivers the service package
// lacks, and MountFile. A new project (Options.Declared nil) gets every
// stub in ReceiversFile; an existing one a file per missing receiver,
// named after its type.
func (p *project) receiverFiles() ([]generator.File, error) {
	gopts := generator.Options{Package: p.Package}
	var missing []golang.ReceiverName
	for _, rc := range p.Receivers {
		if !p.opts.Declared[rc.Stub] {
			missing = append(missing, rc.ReceiverName)
		}
	}
	var files []generator.File
	stub := func(name string, rs []golang.ReceiverName) error {
		f, ok, err := golang.ReceiverStubs(rs, gopts, p.APIImport, path.Base(ServiceDir))
		if err != nil || !ok {
			return err
		}
		f.Name = name
		if f.Data, err = groupImports(f.Data, p.Module); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		files = append(files, f)
		return nil
	}
	if p.opts.Declared == nil {
		if err := stub(ReceiversFile, missing); err != nil {
			return nil, err
		}
	} else {
		for _, rn := range missing {
			if err := stub(ServiceDir+"/"+snakeFile(rn.Stub), []golang.ReceiverName{rn}); err != nil {
				return nil, err
			}
		}
	}
	data, err := p.emitMount()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", MountFile, err)
	}
	return append(files, generator.File{Name: MountFile, Data: data}), nil
}

// snakeFile is the file name of a Go type's own file: WebhookReceiver gives
// webhook_receiver.go.
func snakeFile(typ string) string {
	var b strings.Builder
	rs := []rune(typ)
	for i, r := range rs {
		if unicode.IsUpper(r) && i > 0 && (!unicode.IsUpper(rs[i-1]) || i+1 < len(rs) && unicode.IsLower(rs[i+1])) {
			b.WriteByte('_')
		}
		switch r = unicode.ToLower(r); {
		case r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			b.WriteRune(r)
		default:
			b.WriteByte('_')
		}
	}
	return b.String() + ".go"
}

// emitMount writes MountFile: mountReceivers mounting each receiver under
// its own path, served by the service's stub through the receiver's
// generated server with the options main.go passes.
func (p *project) emitMount() ([]byte, error) {
	f := jen.NewFile("main")
	f.HeaderComment(generator.Header)
	f.ImportName(p.APIImport, p.Package)
	f.ImportName(p.ServiceImport, "service")
	opts := jen.Op("...").Qual(p.APIImport, "ServerOption")
	f.Comment("mountReceivers mounts on mux the webhooks and callbacks the API sends, each")
	f.Comment("receiver under a path of its own, answered by the service's receiver types")
	f.Comment("through servers made with opts. toolkit init rewrites this file when the")
	f.Comment("contract's webhooks or callbacks change, and adds the stub of a new receiver")
	f.Comment("to " + ServiceDir + ".")
	if len(p.Receivers) == 0 {
		f.Func().Id("mountReceivers").Params(jen.Op("*").Add(httpQ("ServeMux")), opts).Block()
		return render(f, p.Module)
	}
	var body []jen.Code
	for _, rc := range p.Receivers {
		body = append(body, jen.Comment(fmt.Sprintf("The %s, answered by service.%s.", rc.What, rc.Stub)))
		recv := jen.Qual(p.APIImport, rc.Server).Call(jen.Qual(p.ServiceImport, rc.NewStub).Call(), jen.Id("opts").Op("..."))
		body = append(body, jen.Id("mux").Dot("Handle").Call(jen.Lit(rc.Prefix+"/"), httpQ("StripPrefix").Call(jen.Lit(rc.Prefix), recv)))
	}
	f.Func().Id("mountReceivers").Params(jen.Id("mux").Op("*").Add(httpQ("ServeMux")), jen.Id("opts").Add(opts)).Block(body...)
	return render(f, p.Module)
}
