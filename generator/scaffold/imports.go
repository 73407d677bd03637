package scaffold

import (
	"bytes"
	"fmt"
	"go/format"
	"strings"
)

// groupImports puts the standard library's imports of a rendered file
// first and the others in a second group, as goimports does. jennifer
// sorts them into one block; the module's own packages go with the
// others even when its path has no dot. One block is valid but not how people write the
// files the scaffold hands over to them.
func groupImports(src []byte, module string) ([]byte, error) {
	start := bytes.Index(src, []byte("\nimport (\n"))
	if start < 0 {
		return src, nil
	}
	start += len("\nimport (\n")
	end := bytes.Index(src[start:], []byte("\n)\n"))
	if end < 0 {
		return src, nil
	}
	end += start
	var std, other []string
	for _, line := range strings.Split(string(src[start:end]), "\n") {
		spec := strings.TrimSpace(line)
		if spec == "" {
			continue
		}
		path := spec[strings.Index(spec, `"`)+1:]
		path = path[:strings.Index(path, `"`)]
		if first, _, _ := strings.Cut(path, "/"); strings.Contains(first, ".") || path == module || strings.HasPrefix(path, module+"/") {
			other = append(other, line)
		} else {
			std = append(std, line)
		}
	}
	if len(std) == 0 || len(other) == 0 {
		return src, nil
	}
	var b bytes.Buffer
	b.Write(src[:start])
	b.WriteString(strings.Join(std, "\n"))
	b.WriteString("\n\n")
	b.WriteString(strings.Join(other, "\n"))
	b.Write(src[end:])
	out, err := format.Source(b.Bytes())
	if err != nil {
		return nil, fmt.Errorf("grouping imports: %w", err)
	}
	return out, nil
}
