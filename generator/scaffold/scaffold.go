// Package scaffold writes a runnable Go project around a contract (toolkit
// init): go.mod, toolkit.yaml, cmd/server/main.go, a service package with
// one handler stub per operation and a test for it, a Makefile and a
// README. Every file but MountFile (the mounting of webhook and callback
// receivers) is user-owned: created once, never overwritten. The
// generated package itself comes from generator/golang, through toolkit
// gen's own code path.
//
// Go files are written with jennifer; the others from text templates under
// templates/scaffold.
package scaffold

import (
	"errors"
	"fmt"
	"go/token"
	"path"
	"strings"

	"github.com/contractfirst/toolkit/contract"
	"github.com/contractfirst/toolkit/generator"
	"github.com/contractfirst/toolkit/generator/golang"
)

// Where a scaffolded project keeps its files, relative to its root.
const (
	MainFile    = "cmd/server/main.go"
	ServiceDir  = "internal/service"
	ServiceFile = ServiceDir + "/service.go"
	// SecurityFile holds the SecurityHandler stubs, for contracts with
	// secured operations.
	SecurityFile = ServiceDir + "/security.go"
	TestFile     = ServiceDir + "/service_test.go"
	// ReceiversFile holds the webhook and callback receiver stubs, for
	// contracts with webhooks or callbacks.
	ReceiversFile = ServiceDir + "/receivers.go"
	// ToolkitModule is toolkit's own module; ToolkitCommand its command,
	// added to go.mod as a tool with Options.Tool.
	ToolkitModule  = "github.com/contractfirst/toolkit"
	ToolkitCommand = ToolkitModule + "/cmd/toolkit"
	// GoVersion is the go line of the new go.mod: 1.24 is the first release
	// with tool directives, and generated code needs 1.22 routing patterns.
	GoVersion = "1.24"
)

// Options describe the project to create.
type Options struct {
	// Module is the Go module path of the new project.
	Module string
	// Package is the name of the generated package, which is also its
	// folder under the project root ("api").
	Package string
	// Contract is the contract's path relative to the project root,
	// slash-separated (or absolute when it cannot be made relative).
	Contract string
	// Tool adds toolkit to go.mod as a tool at ToolVersion, so the project
	// runs "go tool toolkit" instead of a toolkit found on PATH.
	Tool        bool
	ToolVersion string
	// Declared are the type names the project's service package declares
	// already (ServiceTypes), nil for a new project: a receiver whose stub
	// type is not among them gets a stub file of its own.
	Declared map[string]bool
}

// Generate returns every user-owned file of a new project for m, and
// MountFile, which is generated. The generated package (Options.Package
// folder) is not among them: that is toolkit gen's output.
func Generate(m *contract.Model, opts Options) ([]generator.File, error) {
	if err := opts.check(); err != nil {
		return nil, err
	}
	p := newProject(m, opts)
	var files []generator.File
	for _, t := range textFiles {
		data, err := p.render(t.template)
		if err != nil {
			return nil, fmt.Errorf("scaffold: %s: %w", t.name, err)
		}
		files = append(files, generator.File{Name: t.name, Data: data, UserOwned: true})
	}
	gopts := generator.Options{Package: opts.Package}
	stubs, err := golang.HandlerStubs(m, gopts, p.APIImport, path.Base(ServiceDir))
	if err != nil {
		return nil, fmt.Errorf("scaffold: %w", err)
	}
	stubs.Name = ServiceFile
	if stubs.Data, err = groupImports(stubs.Data, opts.Module); err != nil {
		return nil, fmt.Errorf("scaffold: %s: %w", ServiceFile, err)
	}
	files = append(files, stubs)
	for _, o := range optionalStubs {
		f, ok, err := o.stubs(m, gopts, p.APIImport, path.Base(ServiceDir))
		if err != nil {
			return nil, fmt.Errorf("scaffold: %w", err)
		}
		if !ok {
			continue
		}
		f.Name = o.name
		if f.Data, err = groupImports(f.Data, opts.Module); err != nil {
			return nil, fmt.Errorf("scaffold: %s: %w", o.name, err)
		}
		files = append(files, f)
	}
	rf, err := p.receiverFiles()
	if err != nil {
		return nil, fmt.Errorf("scaffold: %w", err)
	}
	files = append(files, rf...)
	for _, e := range goFiles {
		data, err := e.emit(p)
		if err != nil {
			return nil, fmt.Errorf("scaffold: %s: %w", e.name, err)
		}
		if data != nil {
			files = append(files, generator.File{Name: e.name, Data: data, UserOwned: true})
		}
	}
	return files, nil
}

// optionalStubs are the service package's stub files a contract may need:
// the security checks when operations are secured (the receivers of
// webhooks and callbacks: receiverFiles). Each renderer says whether there
// is a file.
var optionalStubs = []struct {
	name  string
	stubs func(*contract.Model, generator.Options, string, string) (generator.File, bool, error)
}{
	{SecurityFile, golang.SecurityStubs},
}

// reservedPackages are package names the scaffold's Go files cannot import
// the generated package under: their own names, local variables and the
// standard packages they use.
var reservedPackages = map[string]bool{
	"main": true, "service": true, "service_test": true,
	"ctx": true, "req": true, "resp": true, "s": true, "t": true, "p": true, "w": true, "r": true,
	"err": true, "log": true, "addr": true, "srv": true, "mux": true, "ln": true, "errc": true,
	"stop": true, "next": true, "rec": true, "body": true, "ni": true, "start": true, "cancel": true,
	"context": true, "errors": true, "flag": true, "fmt": true, "io": true, "json": true, "net": true,
	"http": true, "httptest": true, "os": true, "signal": true, "slog": true, "strings": true,
	"syscall": true, "testing": true, "time": true, "n": true, "b": true, "code": true, "url": true, "problem": true, "ct": true,
}

func (o Options) check() error {
	if err := checkModulePath(o.Module); err != nil {
		return err
	}
	switch {
	case !token.IsIdentifier(o.Package) || token.IsKeyword(o.Package):
		return fmt.Errorf("package %q is not a Go identifier", o.Package)
	case o.Package != strings.ToLower(o.Package):
		return fmt.Errorf("package %q: use a lower-case name, it is also a folder name", o.Package)
	case reservedPackages[o.Package]:
		return fmt.Errorf("package %q clashes with a name the scaffold uses; pick another, such as %q", o.Package, "api")
	case o.Package == "internal" || o.Package == "cmd" || o.Package == "bin":
		return fmt.Errorf("package %q would share a folder with the scaffold's own", o.Package)
	case o.Contract == "":
		return errors.New("no contract path")
	case strings.ContainsAny(o.Contract, "\n\r\x00"):
		return fmt.Errorf("contract path %q has a line break or NUL", o.Contract)
	case o.Tool && !strings.HasPrefix(o.ToolVersion, "v"):
		return fmt.Errorf("tool version %q is not a module version such as v1.2.3", o.ToolVersion)
	}
	return nil
}

// checkModulePath accepts what the go command accepts as a module path,
// roughly: slash-separated elements of letters, digits and -._~, none empty
// or starting with a dot, the first one without a dot being fine too
// (module "myservice" builds).
func checkModulePath(p string) error {
	if p == "" {
		return errors.New("no module path")
	}
	for _, el := range strings.Split(p, "/") {
		if el == "" || el[0] == '.' || el[0] == '-' || strings.HasSuffix(el, ".") {
			return fmt.Errorf("module path %q: element %q is empty or starts or ends badly", p, el)
		}
		for _, r := range el {
			ok := r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("-._~", r)
			if !ok {
				return fmt.Errorf("module path %q: %q is not allowed", p, r)
			}
		}
	}
	return nil
}

// project is what every template and Go emitter reads.
type project struct {
	m    *contract.Model
	opts Options
	// names are the Handler's methods, in contract order.
	names []golang.HandlerName

	Module, Package string
	APIImport       string // import path of the generated package
	ServiceImport   string
	Contract        string
	Tool            bool
	ToolVersion     string
	// Healthz: the scaffold adds GET /healthz, which the contract does not
	// declare itself.
	Healthz bool
	// Secured: operations have security requirements, so NewServer takes
	// the SecurityHandler of SecurityFile.
	Secured bool
	// Receivers are the webhook and callback receivers main.go mounts,
	// implemented in ReceiversFile.
	Receivers []Receiver
}

// Receiver is one webhook or callback receiver as main.go mounts it.
type Receiver struct {
	golang.ReceiverName
	// Prefix is the path it is mounted under ("/webhooks",
	// "/callbacks/SubscribeOnEvent"): made of Go identifiers, and not a
	// prefix of any path of the contract, whose operations it would hide.
	Prefix string
}

// receivers places each generated receiver under a path of its own.
func receivers(m *contract.Model, names []golang.ReceiverName) []Receiver {
	clashes := func(prefix string) bool {
		for _, op := range m.Operations {
			if op.Path == prefix || strings.HasPrefix(op.Path, prefix+"/") || op.Path == "/healthz" && prefix == op.Path {
				return true
			}
		}
		return false
	}
	var out []Receiver
	for _, n := range names {
		prefix := "/webhooks"
		if n.Callback {
			prefix = "/callbacks/" + strings.TrimSuffix(strings.TrimSuffix(n.Handler, "Handler"), "Callback")
		}
		for clashes(prefix) {
			prefix = "/_" + prefix[1:]
		}
		out = append(out, Receiver{ReceiverName: n, Prefix: prefix})
	}
	return out
}

func newProject(m *contract.Model, opts Options) *project {
	p := &project{
		m: m, opts: opts,
		names:         golang.HandlerNames(m, generator.Options{Package: opts.Package}),
		Module:        opts.Module,
		Package:       opts.Package,
		APIImport:     opts.Module + "/" + opts.Package,
		ServiceImport: opts.Module + "/" + ServiceDir,
		Contract:      opts.Contract,
		Tool:          opts.Tool,
		ToolVersion:   opts.ToolVersion,
		Healthz:       true,
		Secured:       golang.HasSecurity(m, generator.Options{Package: opts.Package}),
	}
	p.Receivers = receivers(m, golang.ReceiverNames(m, generator.Options{Package: opts.Package}))
	for _, op := range m.Operations {
		if op.Path == "/healthz" {
			p.Healthz = false
		}
	}
	return p
}
