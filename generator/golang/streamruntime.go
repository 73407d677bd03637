package golang

import (
	"bytes"
	"embed"
	"fmt"
	"go/format"

	"github.com/contractfirst/toolkit/generator"
)

// Until the runtime move copies generator/golang/runtime into every
// generated package, pruned to what it uses, this file copies the runtime
// files streams and callbacks need (runtime/stream.go as stream.gen.go,
// runtime/callback.go as callback.gen.go) into a package that uses them.
// Remove it once that lands.

//go:embed runtime/stream.go runtime/callback.go
var runtimeFS embed.FS

// runtimeFile is runtime/name.go as name.gen.go of package pkg.
func runtimeFile(name, pkg string) (generator.File, error) {
	src, err := runtimeFS.ReadFile("runtime/" + name + ".go")
	if err != nil {
		return generator.File{}, err
	}
	const clause = "package runtime\n"
	i := bytes.Index(src, []byte(clause))
	if i < 0 {
		return generator.File{}, fmt.Errorf("runtime/%s.go: no package clause", name)
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "// %s\n\npackage %s\n", Header, pkg)
	b.Write(src[i+len(clause):])
	out, err := format.Source(b.Bytes())
	if err != nil {
		return generator.File{}, fmt.Errorf("%s.gen.go: %w", name, err)
	}
	return generator.File{Name: name + ".gen.go", Data: out}, nil
}

// runtimeFiles are the copied runtime files the package needs.
func (g *gen) runtimeFiles(pkg string) ([]generator.File, error) {
	var names []string
	if g.usesStreams() {
		names = append(names, "stream")
	}
	if g.usesCallbackURLs() {
		names = append(names, "callback")
	}
	var out []generator.File
	for _, n := range names {
		f, err := runtimeFile(n, pkg)
		if err != nil {
			return nil, err
		}
		out = append(out, f)
	}
	return out, nil
}
