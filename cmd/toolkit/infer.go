package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/contractfirst/toolkit/contract"
	"github.com/contractfirst/toolkit/contract/infer"
	"github.com/contractfirst/toolkit/findings"
	"github.com/contractfirst/toolkit/generator"
)

func init() { commands = append(commands, newInferCmd) }

type inferFlags struct {
	har         []string
	out         string
	base        string
	title       string
	servers     []string
	enumMax     int
	redact      []string
	failOnDrift bool
	format      string
}

func newInferCmd(e *env) *cobra.Command {
	var f inferFlags
	cmd := &cobra.Command{
		Use:   "infer --har FILE... --out openapi.yaml",
		Short: "Write an OpenAPI 3.1 contract from recorded traffic (HAR), and report drift from a contract",
		Long: `Infer a contract from what a service really answers.

The loop:
  1. Record: put the proxy in front of a staging service and use it (or
     drive it with toolkit validate, or export a HAR from the browser's
     network panel):
       toolkit validate proxy --upstream http://127.0.0.1:8080 --record traffic.har
     Credentials are redacted as the file is written.
  2. Infer: toolkit infer --har traffic.har --out openapi.yaml
  3. Review the contract: names, descriptions, what is required. Commit it.
  4. Work from it: toolkit gen, toolkit validate, toolkit diff.
  5. Later, record again and compare: toolkit infer --har new.har --base
     openapi.yaml --out openapi.next.yaml --fail-on-drift

What is inferred: path templates from segments that vary (integers, UUIDs,
hex or base64 ids, dates, values each seen once among many siblings),
parameters named after the segment before them (/users/{userId}); query,
header and cookie parameters with types, required when always present and
enums for small closed sets (--enum-max); request and response bodies per
status and media type, JSON schemas merged over every sample (required when
in every sample, null → nullable, integer vs number, formats date-time,
date, uuid, email, uri, ipv4, ipv6 when every sample matches), objects that
repeat as named components; one redacted example per operation and status;
operation ids from method and path; tags from the first segment; security
schemes from the credentials seen; servers from --server. Requests the
service refused (4xx) do not shape parameters and request bodies when
accepted ones exist. The same traffic gives the same bytes.`,
		Example: `  toolkit infer --har traffic.har --out openapi.yaml --title "Pet store" --server https://api.example.com
  toolkit infer --har a.har --har b.har --base openapi.yaml --out openapi.next.yaml --fail-on-drift`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return runInfer(e, f) },
	}
	fl := cmd.Flags()
	fl.StringArrayVar(&f.har, "har", nil, "HAR file to read (repeatable)")
	fl.StringVar(&f.out, "out", "", `contract to write (YAML); "-" for stdout`)
	fl.StringVar(&f.base, "base", "", "contract to start from: its names and descriptions are kept, what traffic shows is added, differences are reported")
	fl.StringVar(&f.title, "title", "", `info.title (default "Inferred API")`)
	fl.StringArrayVar(&f.servers, "server", nil, "server URL (repeatable)")
	fl.IntVar(&f.enumMax, "enum-max", 5, "most distinct values of a string parameter written as an enum (0: no enums)")
	fl.StringSliceVar(&f.redact, "redact", nil, "more header, query or property names whose values are credentials (repeatable)")
	fl.BoolVar(&f.failOnDrift, "fail-on-drift", false, "with --base, exit 1 when the traffic differs from the base contract")
	fl.StringVar(&f.format, "format", "text", "with --base, how differences are printed: "+findings.FormatNames()+` (on stdout, or stderr with --out -)`)
	return cmd
}

func runInfer(e *env, f inferFlags) error {
	usage := func(format string, a ...any) error {
		return &exitError{code: exitUsage, err: fmt.Errorf("infer: "+format, a...)}
	}
	if len(f.har) == 0 || f.out == "" {
		return usage("--har and --out are required")
	}
	if f.enumMax < 0 {
		return usage("--enum-max must be 0 or more, not %d", f.enumMax)
	}
	if f.failOnDrift && f.base == "" {
		return usage("--fail-on-drift needs --base")
	}
	format, err := findings.ParseFormat(f.format)
	if err != nil {
		return usage("--format: %v", err)
	}
	opt := infer.Options{Title: f.title, Servers: f.servers, EnumMax: f.enumMax, Redact: f.redact}
	if f.enumMax == 0 {
		opt.EnumMax = -1
	}
	warn := func(s string) { fmt.Fprintln(e.stderr, "infer: warning:", s) }
	src := infer.Files(f.har, warn)
	var res *infer.Result
	var drift []findings.Finding
	if f.base != "" {
		base, _, err := loadContract(e, f.base, contract.LoadOptions{})
		if err != nil {
			return err
		}
		res, drift, err = infer.InferDrift(src, opt, base)
	} else {
		res, err = infer.Infer(src, opt)
	}
	if err != nil {
		return &exitError{code: exitUsage, err: fmt.Errorf("infer: %w", err)}
	}
	for _, w := range res.Warnings {
		warn(w)
	}
	if f.out == "-" {
		e.stdout.Write(res.YAML)
	} else {
		if err := generator.WriteFile(f.out, res.YAML); err != nil {
			return &exitError{code: exitUsage, err: fmt.Errorf("infer: %w", err)}
		}
		fmt.Fprintf(e.stderr, "infer: %d operations from %d exchanges written to %s\n", len(res.Operations), res.Entries-res.Skipped, f.out)
	}
	if f.base != "" {
		out := e.stdout
		if f.out == "-" {
			out = e.stderr
		}
		rep := findings.Report{Tool: "toolkit infer", Version: version(), Rules: infer.DriftRules, Findings: drift,
			Summary: fmt.Sprintf("%d operations seen in %d exchanges, compared with %s", len(res.Operations), res.Entries-res.Skipped, f.base)}
		if err := findings.Write(out, format, rep); err != nil {
			return &exitError{code: exitUsage, err: fmt.Errorf("infer: %w", err)}
		}
	}
	if f.failOnDrift && len(drift) > 0 {
		return &exitError{code: exitFindings}
	}
	return nil
}
