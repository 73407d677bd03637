package scaffold

import (
	"bytes"
	"path"
	"strconv"
	"strings"
	"sync"
	"text/template"

	"github.com/contractfirst/toolkit/internal/lazyre"
	"github.com/contractfirst/toolkit/templates"
)

// textFiles are the scaffold's non-Go files: adding one is a template
// under templates/scaffold and a row here.
var textFiles = []struct{ name, template string }{
	{"go.mod", "go.mod.tmpl"},
	{"toolkit.yaml", "toolkit.yaml.tmpl"},
	{"Makefile", "Makefile.tmpl"},
	{"README.md", "README.md.tmpl"},
	{".gitignore", "gitignore.tmpl"},
}

// tmpl parses the scaffold's templates on first use, not at start-up:
// every toolkit command links this package, only init renders with it.
var tmpl = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("scaffold").Funcs(template.FuncMap{
		"yaml":   yamlString,
		"shell":  shellWord,
		"md":     markdownText,
		"mdcode": markdownCode,
	}).ParseFS(templates.FS, "scaffold/*.tmpl"))
})

func (p *project) render(name string) ([]byte, error) {
	var buf bytes.Buffer
	if err := tmpl().ExecuteTemplate(&buf, name, p); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Title is the contract's title on one line, or the module's last element.
func (p *project) Title() string {
	t := strings.Join(strings.Fields(p.m.Title), " ")
	if t == "" {
		t = path.Base(p.Module)
	}
	return t
}

// Version is the contract's info.version on one line.
func (p *project) Version() string { return strings.Join(strings.Fields(p.m.Version), " ") }

// Toolkit is how the project runs toolkit: its go.mod tool, or the one on PATH.
func (p *project) Toolkit() string {
	if p.Tool {
		return "go tool toolkit"
	}
	return "toolkit"
}

// ReadmeOp is one row of the README's operation table.
type ReadmeOp struct{ Method, Path, Handler, Summary string }

// Operations lists the contract's operations for the README.
func (p *project) Operations() []ReadmeOp {
	out := make([]ReadmeOp, len(p.names))
	for i, n := range p.names {
		out[i] = ReadmeOp{Method: n.Op.Method, Path: n.Op.Path, Handler: n.Method, Summary: strings.Join(strings.Fields(n.Op.Summary), " ")}
	}
	return out
}

var plain = lazyre.New(`^[A-Za-z0-9._/+-]+$`)

// yamlString writes s as a YAML scalar: bare when that is unambiguous,
// otherwise double-quoted (Go's escapes are valid YAML escapes).
func yamlString(s string) string {
	if plain().MatchString(s) && !strings.HasPrefix(s, "-") {
		return s
	}
	return strconv.Quote(s)
}

// shellWord quotes s as one word of a Makefile recipe's shell command.
func shellWord(s string) string {
	if !plain().MatchString(s) {
		s = "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
	}
	return strings.ReplaceAll(s, "$", "$$")
}

// markdownText escapes s for running Markdown text, so a contract's title
// or summary cannot add links, HTML or table cells to the README.
func markdownText(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '&':
			b.WriteString("&amp;")
		case '\\', '`', '*', '_', '[', ']', '(', ')', '#', '|', '!', '{', '}', '~':
			b.WriteByte('\\')
			b.WriteRune(r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// markdownCode writes s as an inline code span that s cannot close.
func markdownCode(s string) string {
	fence := "`"
	for strings.Contains(s, fence) {
		fence += "`"
	}
	s = strings.ReplaceAll(s, "|", `\|`) // table cells end at a pipe even in code
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") {
		s = " " + s + " "
	}
	return fence + s + fence
}

// The constants, for the templates.
func (p *project) GoVersion() string      { return GoVersion }
func (p *project) ToolkitModule() string  { return ToolkitModule }
func (p *project) ToolkitCommand() string { return ToolkitCommand }
func (p *project) MainDir() string        { return path.Dir(MainFile) }
func (p *project) ServiceDir() string     { return ServiceDir }
