package pipeline

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/contractfirst/toolkit/generator"
	"github.com/contractfirst/toolkit/generator/golang"
)

// sharedRuntime says where an entry's shared runtime package is: its import
// path and its folder. Both are empty when the entry copies the runtime.
type sharedRuntime struct {
	importPath string
	dir        string
}

// resolveRuntime finds the entry's shared runtime: in the module that holds
// its output folder (the nearest go.mod above it), at RuntimePackage or
// MODULE/internal/toolkitruntime. The package must be inside that module,
// since gen writes it, and must not be the output folder itself.
func resolveRuntime(en Entry) (sharedRuntime, error) {
	switch en.Runtime {
	case "", "copy":
		if en.RuntimePackage == "" {
			return sharedRuntime{}, nil
		}
		if en.Runtime == "copy" {
			return sharedRuntime{}, fmt.Errorf("runtime-package %s is set but runtime is copy; set runtime: shared, or leave runtime-package out", en.RuntimePackage)
		}
	case "shared":
	default:
		return sharedRuntime{}, fmt.Errorf("runtime %q: want copy or shared", en.Runtime)
	}
	out, err := filepath.Abs(en.Out)
	if err != nil {
		return sharedRuntime{}, err
	}
	root, module, err := findModule(out)
	if err != nil {
		return sharedRuntime{}, err
	}
	imp := en.RuntimePackage
	if imp == "" {
		imp = golang.SharedRuntimeImport(module)
	}
	if imp != path.Clean(imp) || strings.HasPrefix(imp, "/") {
		return sharedRuntime{}, fmt.Errorf("runtime-package %q is not a clean import path", imp)
	}
	rel, ok := strings.CutPrefix(imp, module)
	if !ok || rel != "" && !strings.HasPrefix(rel, "/") {
		return sharedRuntime{}, fmt.Errorf("runtime-package %s is outside module %s (%s): gen writes the shared runtime, so it must be a package of the module", imp, module, filepath.Join(root, "go.mod"))
	}
	dir := filepath.Join(root, filepath.FromSlash(strings.TrimPrefix(rel, "/")))
	if dir == out {
		return sharedRuntime{}, fmt.Errorf("runtime-package %s is the output folder itself; the shared runtime needs a package of its own", imp)
	}
	return sharedRuntime{importPath: imp, dir: dir}, nil
}

// findModule returns the folder of the nearest go.mod at or above dir and
// the module path it declares.
func findModule(dir string) (root, module string, err error) {
	for d := dir; ; {
		data, err := os.ReadFile(filepath.Join(d, "go.mod"))
		if err == nil {
			module := modulePath(data)
			if module == "" {
				return "", "", fmt.Errorf("%s: no module line", filepath.Join(d, "go.mod"))
			}
			return d, module, nil
		}
		if !errors.Is(err, os.ErrNotExist) {
			return "", "", err
		}
		parent := filepath.Dir(d)
		if parent == d {
			return "", "", fmt.Errorf("runtime: shared needs a go.mod in %s or a folder above it: the shared runtime is a package of that module", dir)
		}
		d = parent
	}
}

// modulePath reads the module line of a go.mod file.
func modulePath(gomod []byte) string {
	sc := bufio.NewScanner(bytes.NewReader(gomod))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		rest, ok := strings.CutPrefix(line, "module")
		if !ok || rest == "" || rest[0] != ' ' && rest[0] != '\t' {
			continue
		}
		rest, _, _ = strings.Cut(rest, "//")
		rest = strings.TrimSpace(rest)
		if u, err := strconv.Unquote(rest); err == nil {
			return u
		}
		return rest
	}
	return ""
}

// sharedRuntimes returns one output per shared runtime package the entries
// use, in the order they first name it.
func sharedRuntimes(entries []Entry) ([]Output, error) {
	var outs []Output
	seen := map[string]bool{}
	for _, en := range entries {
		rt, err := resolveRuntime(en)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", en.Contract, err)
		}
		if rt.dir == "" || seen[rt.dir] {
			continue
		}
		seen[rt.dir] = true
		pkg := PackageName(rt.dir)
		f, err := golang.SharedRuntime(pkg)
		if err != nil {
			return nil, err
		}
		out := rt.dir
		if wd, err := os.Getwd(); err == nil {
			if rel, err := filepath.Rel(wd, rt.dir); err == nil && !strings.HasPrefix(rel, "..") {
				out = rel // as the user wrote the entries' folders
			}
		}
		outs = append(outs, Output{Entry: Entry{Out: out}, Package: pkg, Files: []generator.File{f}})
	}
	return outs, nil
}
