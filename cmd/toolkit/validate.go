package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/contractfirst/toolkit/contract"
	"github.com/contractfirst/toolkit/findings"
	"github.com/contractfirst/toolkit/generator"
	"github.com/contractfirst/toolkit/internal/har"
	"github.com/contractfirst/toolkit/validate"
)

func init() { commands = append(commands, newValidateCmd) }

// validateFlags are the flags of toolkit validate and the keys of the
// validate: section of toolkit.yaml, one struct for both (see fromSection),
// so a pipeline step can be just "toolkit validate". Flags given on the
// command line win; paths in the file are relative to it; its headers and
// auth expand $VARIABLES, so tokens stay out of the file.
type validateFlags struct {
	Contract      string        `yaml:"contract"`
	BaseURL       string        `yaml:"base-url"`
	ServerCmd     string        `yaml:"server-cmd"`
	ReadyPath     string        `yaml:"ready-path"`
	ReadyTimeout  time.Duration `yaml:"ready-timeout"`
	Seed          uint64        `yaml:"seed"`
	MaxCases      int           `yaml:"max-cases"`
	selectionKeys `yaml:",inline"`
	ExcludeChecks []string      `yaml:"exclude-checks" flag:"exclude-check"`
	Headers       []string      `yaml:"headers" flag:"header"`
	Workers       int           `yaml:"workers"`
	Rate          float64       `yaml:"rate"`
	Timeout       time.Duration `yaml:"timeout"`
	Reports       []string      `yaml:"reports" flag:"report"`
	MaxRespTime   time.Duration `yaml:"max-response-time"`
	ReadOnly      bool          `yaml:"read-only"`
	Redact        []string      `yaml:"redact"`
	Auth          []string      `yaml:"auth"`

	format string // stdout only, not a key of the file
	config string
}

// applyValidateConfig fills the flags not given on the command line from
// the validate: section of toolkit.yaml (--config, or ./toolkit.yaml when
// it exists).
func applyValidateConfig(fl *pflag.FlagSet, f *validateFlags) error {
	path := f.config
	if path == "" {
		path = configFile
	}
	c, err := loadConfig(path)
	if err != nil {
		if f.config == "" && errors.Is(err, os.ErrNotExist) {
			return nil
		}
		return err
	}
	_, err = fromSection(c, "validate", &c.Validate, f, fl, func() {
		if f.Contract != "" {
			f.Contract = resolve(c.dir, f.Contract)
		}
		for i, r := range f.Reports {
			if kind, file, ok := strings.Cut(r, "="); ok {
				f.Reports[i] = kind + "=" + resolve(c.dir, file)
			}
		}
		for i, h := range f.Headers {
			f.Headers[i] = os.ExpandEnv(h)
		}
		for i, a := range f.Auth {
			f.Auth[i] = os.ExpandEnv(a)
		}
	})
	return err
}

func newValidateCmd(e *env) *cobra.Command {
	var f validateFlags
	cmd := &cobra.Command{
		Use:   "validate",
		Short: "Check a running service against its contract",
		Long: `Drive a running service with requests derived from the contract and check
every answer against it.

Cases come in three phases: the contract's own examples; values generated
from the schemas, boundaries included; and invalid requests (each breaking
one rule, and confirmed invalid by kin-openapi) that a conforming service
must reject with a 4xx. Ids returned by one operation (through OpenAPI links,
or the "id" of what a collection path returned) fill the path parameters of
the next, so reads and deletes meet resources that exist.

Checks: ` + strings.Join(validate.Checks, ", ") + `.

Exit codes: 0 no findings, 1 findings, 2 usage error, unreadable contract or
unreachable service. With --server-cmd the service is started first, waited
for, and stopped at the end.

The validate: section of toolkit.yaml gives defaults for every flag (keys:
contract, base-url, server-cmd, ready-path, ready-timeout, seed, max-cases,
operations, tags, exclude-operations, exclude-tags, exclude-checks, headers,
workers, rate, timeout, reports, max-response-time, read-only, redact, auth);
paths are relative to the file; headers and auth expand $VARIABLES.

Run it against a disposable instance: valid requests create, change and
delete data. --read-only sends only GET, HEAD and OPTIONS; an operation that
changes credentials (a password change) is named when every later answer
is 401/403, and is left out with --exclude-operation.

Secrets never reach a report: every --header and --auth value, the
credentials of the contract's security schemes, userinfo in --base-url and
the headers, query parameters and cookies named with --redact are shown as
<redacted>.`,
		Example: `  toolkit validate --contract openapi.yaml --base-url http://localhost:8080
  toolkit validate --contract openapi.yaml --base-url http://localhost:8080 \
      --server-cmd "go run ./cmd/server" --ready-path /healthz --report junit=validate.xml
  toolkit validate --contract api.json --base-url https://staging.example.com \
      --header "Authorization: Bearer $TOKEN" --tag orders --format json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := applyValidateConfig(cmd.Flags(), &f); err != nil {
				return &exitError{code: exitUsage, err: err}
			}
			return runValidate(cmd.Context(), e, f)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.Contract, "contract", "", "contract file (JSON or YAML)")
	fl.StringVar(&f.BaseURL, "base-url", "", "where the service listens, e.g. http://localhost:8080")
	fl.StringVar(&f.ServerCmd, "server-cmd", "", "shell command that starts the service; it is stopped at the end")
	fl.StringVar(&f.ReadyPath, "ready-path", "", "path polled until the started service answers (default: the first GET without parameters, else /)")
	fl.DurationVar(&f.ReadyTimeout, "ready-timeout", 60*time.Second, "how long to wait for the started service")
	fl.Uint64Var(&f.Seed, "seed", 1, "seed of generated values: the same seed sends the same requests")
	fl.IntVar(&f.MaxCases, "max-cases", validate.DefaultMaxCases, "cases per operation at most")
	fl.StringSliceVar(&f.Operations, "operation", nil, "only operations whose operationId matches one of these patterns (path.Match syntax; repeatable)")
	fl.StringSliceVar(&f.Tags, "tag", nil, "only operations with a tag matching one of these patterns (repeatable)")
	fl.StringSliceVar(&f.ExcludeOperations, "exclude-operation", nil, "leave out operations whose operationId matches one of these patterns (repeatable)")
	fl.StringSliceVar(&f.ExcludeTags, "exclude-tag", nil, "leave out operations with a tag matching one of these patterns (repeatable)")
	fl.StringSliceVar(&f.ExcludeChecks, "exclude-check", nil, "checks to skip (repeatable): "+strings.Join(validate.Checks, ", "))
	fl.StringArrayVar(&f.Headers, "header", nil, `header sent with every request, "Name: value" (repeatable)`)
	fl.IntVar(&f.Workers, "workers", 4, "requests in flight at once")
	fl.Float64Var(&f.Rate, "rate", 0, "requests per second at most (0: no limit)")
	fl.DurationVar(&f.Timeout, "timeout", validate.DefaultTimeout, "deadline of each request")
	fl.StringArrayVar(&f.Reports, "report", nil, "also write a report: FORMAT=FILE, FORMAT one of "+validateFormats+" (repeatable)")
	fl.StringVar(&f.format, "format", "text", "stdout format: "+validateFormats+" (machine formats print nothing else)")
	fl.DurationVar(&f.MaxRespTime, "max-response-time", 0, "longest an answer may take before check max-response-time fails it (0: off)")
	fl.BoolVar(&f.ReadOnly, "read-only", false, "send only safe methods (GET, HEAD, OPTIONS); other operations are listed as left out")
	fl.StringArrayVar(&f.Redact, "redact", nil, "header, query parameter or cookie name whose value reports hide (repeatable)")
	fl.StringArrayVar(&f.Auth, "auth", nil, "credential for a security scheme of the contract, SCHEME=VALUE: a token (bearer), user:pass (basic), the key (apiKey), client_id:secret (oauth2 client credentials) (repeatable)")
	fl.StringVar(&f.config, "config", "", "configuration file whose validate: section gives defaults (default: ./toolkit.yaml when present)")
	cmd.AddCommand(newProxyCmd(e))
	return cmd
}

// newProxyCmd is toolkit validate proxy: check and record real traffic.
func newProxyCmd(e *env) *cobra.Command {
	var file, listen, upstream, record string
	var redact []string
	cmd := &cobra.Command{
		Use:   "proxy",
		Short: "Validate real traffic through a reverse proxy, and record it",
		Long: `Run a reverse proxy in front of the service: every request and answer passing
through is checked against the contract and each violation is logged on
stderr, one line each, as it happens. Traffic is forwarded unchanged,
bodies of any size streamed both ways and streamed answers (server-sent
events) flushed as they come; a body larger than the check budget (16 MiB)
passes unchecked and the log says so. Credentials in query strings never
reach the log. On SIGINT or SIGTERM a summary per check is printed; the exit
code is 1 when there were violations.

With --record FILE.har every exchange is written as HAR 1.2 as it happens
(the file is complete after SIGINT or SIGTERM), with credentials redacted:
Authorization, Cookie, Set-Cookie, Proxy-Authorization, API-key headers,
query parameters and JSON properties named like keys, tokens or passwords,
and every name given with --redact. Without --contract the proxy only
records: feed the file to toolkit infer.`,
		Example: `  toolkit validate proxy --contract openapi.yaml --listen 127.0.0.1:9090 --upstream http://127.0.0.1:8080
  toolkit validate proxy --upstream http://127.0.0.1:8080 --record traffic.har --redact X-Tenant`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if upstream == "" || file == "" && record == "" {
				return &exitError{code: exitUsage, err: errors.New("validate proxy: --upstream and --contract or --record are required")}
			}
			cfg := validate.ProxyConfig{Upstream: upstream, Log: e.stderr, Redact: redact}
			if file != "" {
				var err error
				if cfg.Doc, cfg.Model, err = loadContract(e, file, contract.LoadOptions{}); err != nil {
					return err
				}
			}
			if record != "" {
				f, err := os.Create(record)
				if err != nil {
					return &exitError{code: exitUsage, err: fmt.Errorf("validate proxy: %w", err)}
				}
				defer f.Close()
				if cfg.Record, err = har.NewWriter(f, har.Creator{Name: "toolkit", Version: version()}, &har.Redactor{Extra: redact}); err != nil {
					return &exitError{code: exitUsage, err: fmt.Errorf("validate proxy: %w", err)}
				}
			}
			p, err := validate.NewProxyWith(cfg)
			if err != nil {
				return &exitError{code: exitUsage, err: err}
			}
			ln, err := net.Listen("tcp", listen)
			if err != nil {
				return &exitError{code: exitUsage, err: fmt.Errorf("validate proxy: %w", err)}
			}
			fmt.Fprintf(e.stderr, "validate proxy: http://%s → %s%s%s\n", ln.Addr(), upstream, ifSet(", checking against ", file), ifSet(", recording to ", record))
			err = serveUntilSignal(ln, p)
			if cfg.Record != nil {
				if cerr := cfg.Record.Close(); cerr != nil && err == nil {
					err = cerr
				}
				fmt.Fprintf(e.stderr, "validate proxy: %d exchanges recorded in %s\n", cfg.Record.Entries(), record)
			}
			if err != nil {
				return &exitError{code: exitUsage, err: err}
			}
			n, violations, summary := p.Summary()
			fmt.Fprintf(e.stdout, "%d requests, %d violations\n%s", n, violations, summary)
			if violations > 0 {
				return &exitError{code: exitFindings}
			}
			return nil
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&file, "contract", "", "contract file (JSON or YAML); optional with --record")
	fl.StringVar(&listen, "listen", "127.0.0.1:9090", "address to listen on")
	fl.StringVar(&upstream, "upstream", "", "URL of the service, e.g. http://127.0.0.1:8080")
	fl.StringVar(&record, "record", "", "write every exchange to this HAR 1.2 file, credentials redacted")
	fl.StringSliceVar(&redact, "redact", nil, "more header, query or property names whose values are credentials (repeatable)")
	return cmd
}

// ifSet returns prefix+s, or "" when s is empty.
func ifSet(prefix, s string) string {
	if s == "" {
		return ""
	}
	return prefix + s
}

func runValidate(ctx context.Context, e *env, f validateFlags) error {
	usage := func(format string, a ...any) error {
		return &exitError{code: exitUsage, err: fmt.Errorf("validate: "+format, a...)}
	}
	if f.Contract == "" || f.BaseURL == "" {
		return usage("--contract and --base-url are required")
	}
	format, err := findings.ParseFormat(f.format)
	if err != nil {
		return usage("--format: %v", err)
	}
	switch {
	case f.Workers < 1:
		return usage("--workers must be at least 1, not %d", f.Workers)
	case f.MaxCases < 1:
		return usage("--max-cases must be at least 1, not %d", f.MaxCases)
	case f.Timeout <= 0:
		return usage("--timeout must be positive, not %v", f.Timeout)
	case f.ReadyTimeout <= 0:
		return usage("--ready-timeout must be positive, not %v", f.ReadyTimeout)
	case f.Rate < 0:
		return usage("--rate must be 0 (no limit) or more, not %v", f.Rate)
	case f.MaxRespTime < 0:
		return usage("--max-response-time must be 0 (off) or more, not %v", f.MaxRespTime)
	}
	auth := map[string]string{}
	for _, a := range f.Auth {
		name, value, ok := strings.Cut(a, "=")
		if !ok || name == "" || value == "" {
			return usage("--auth must be SCHEME=VALUE (a security scheme of the contract), not %q", redactAuth(a))
		}
		auth[name] = value
	}
	headers := http.Header{}
	for _, h := range f.Headers {
		name, value, ok := strings.Cut(h, ":")
		if !ok || strings.TrimSpace(name) == "" {
			return usage(`--header %q is not "Name: value"`, h)
		}
		headers.Add(strings.TrimSpace(name), strings.TrimSpace(value))
	}
	reports := map[findings.Format]string{}
	for _, r := range f.Reports {
		kind, file, ok := strings.Cut(r, "=")
		rf, err := findings.ParseFormat(kind)
		if !ok || kind == "" || err != nil || file == "" {
			return usage("--report %q is not FORMAT=FILE (FORMAT one of %s)", r, validateFormats)
		}
		reports[rf] = file
	}
	doc, m, err := loadContract(e, f.Contract, contract.LoadOptions{})
	if err != nil {
		return err
	}
	if ctx == nil {
		ctx = context.Background()
	}
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()

	if f.ServerCmd != "" {
		ready := f.ReadyPath
		if ready == "" {
			ready = readyPathOf(m)
		}
		srv, err := validate.StartServer(ctx, f.ServerCmd, f.BaseURL, ready, f.ReadyTimeout)
		if err != nil {
			return &exitError{code: exitUsage, err: err}
		}
		defer srv.Stop()
	}

	cfg := validate.Config{
		Doc: doc, Model: m, BaseURL: f.BaseURL, Headers: headers,
		Seed: f.Seed, MaxCases: f.MaxCases,
		Select: f.selection(), ExcludeChecks: f.ExcludeChecks,
		Workers: f.Workers, Rate: f.Rate, Timeout: f.Timeout,
		MaxResponseTime: f.MaxRespTime, ReadOnly: f.ReadOnly, Redact: f.Redact, Auth: auth,
	}
	if isTerminal(e.stderr) {
		cfg.Progress = func(done, total int) {
			fmt.Fprintf(e.stderr, "\r\033[Kvalidate: %d/%d cases", done, total)
			if done == total {
				fmt.Fprint(e.stderr, "\r\033[K")
			}
		}
	}
	rep, err := validate.Run(ctx, cfg)
	if err != nil {
		return &exitError{code: exitUsage, err: err}
	}
	for kind, file := range reports {
		if err := writeReport(file, func(w io.Writer) error { return writeValidate(w, kind, rep, doc) }); err != nil {
			return &exitError{code: exitUsage, err: fmt.Errorf("validate: writing %s: %w", file, err)}
		}
	}
	if err := writeValidate(e.stdout, format, rep, doc); err != nil {
		return &exitError{code: exitUsage, err: err}
	}
	if rep.Findings() > 0 {
		return &exitError{code: exitFindings}
	}
	return nil
}

// validateFormats are the formats of --format and --report.
var validateFormats = findings.FormatNames()

// writeValidate writes a report: text is validate's own (with the
// coverage table); the machine formats go through the shared findings
// printers, JSON with the run (operations, checks, coverage, statuses)
// as its details.
func writeValidate(w io.Writer, format findings.Format, rep *validate.Report, doc *contract.Document) error {
	if format == findings.Text {
		return rep.WriteText(w)
	}
	out := rep.Document(doc)
	out.Details = rep
	return findings.Write(w, format, out)
}

// redactAuth hides the value of a malformed --auth in its error message.
func redactAuth(a string) string {
	if name, _, ok := strings.Cut(a, "="); ok {
		return name + "=<redacted>"
	}
	if len(a) > 0 {
		return "<redacted>"
	}
	return a
}

// readyPathOf picks the path polled while a started service comes up:
// the first GET without path parameters.
func readyPathOf(m *contract.Model) string {
	for _, op := range m.Operations {
		if op.Method == http.MethodGet && !strings.Contains(op.Path, "{") {
			return op.Path
		}
	}
	return "/"
}

// writeReport renders a report and writes it atomically.
func writeReport(path string, write func(io.Writer) error) error {
	var buf bytes.Buffer
	if err := write(&buf); err != nil {
		return err
	}
	return generator.WriteFile(path, buf.Bytes())
}

// isTerminal reports whether w is a terminal, where progress may be
// drawn.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
