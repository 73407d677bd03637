package golang

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/contractfirst/toolkit/contract"
	"github.com/contractfirst/toolkit/generator"
)

// credential says what a security scheme's SecurityHandler method gets.
type credential int

const (
	credKey   credential = iota // apiKey: the key
	credBasic                   // http basic: user name and password
	credToken                   // http bearer, oauth2, openIdConnect: the bearer token
	credOther                   // another http scheme: the Authorization header's credentials
	credCerts                   // mutualTLS: the client's certificates
)

// schemeInfo is one security scheme operations of the package require,
// with its Go names.
type schemeInfo struct {
	s      *contract.SecurityScheme
	method string // SecurityHandler method
	check  string // server method reading the credential and calling method
	cred   credential
}

// credentialOf classifies s by what its credential is.
func credentialOf(s *contract.SecurityScheme) credential {
	switch {
	case s.Type == "apiKey":
		return credKey
	case s.Type == "mutualTLS":
		return credCerts
	case s.Type == "http" && s.Scheme == "basic":
		return credBasic
	case s.Type == "http" && s.Scheme != "bearer":
		return credOther
	}
	return credToken // http bearer, oauth2, openIdConnect
}

// opSecurity is the security requirement in force for op.
func (g *gen) opSecurity(op *contract.Operation) []contract.SecurityRequirement {
	return securityInForce(g.m, op)
}

// securityInForce is op's own security requirement, or the document's when
// it has none (an empty, non-nil slice makes it public). Webhooks and
// callbacks (operations without a path) are served by the API's users, not
// by the API: the document's requirement is not theirs.
func securityInForce(m *contract.Model, op *contract.Operation) []contract.SecurityRequirement {
	if op.Security == nil {
		if op.Path == "" {
			return nil
		}
		return m.Security
	}
	return op.Security
}

// Secured reports whether the generated server refuses a request of op that
// carries no credential: some requirement is in force and none of its
// alternatives is empty.
func Secured(m *contract.Model, op *contract.Operation) bool {
	reqs := securityInForce(m, op)
	for _, alt := range reqs {
		if len(alt) == 0 {
			return false
		}
	}
	return len(reqs) > 0
}

// securitySchemes lists the schemes the package's operations require, in
// the model's (name) order, named once: schemes no operation uses get no
// SecurityHandler method.
func (g *gen) securitySchemes() []*schemeInfo {
	if g.schemesNamed {
		return g.schemes
	}
	g.schemesNamed = true
	used := map[string]bool{}
	for _, oi := range g.ops {
		for _, alt := range g.opSecurity(oi.op) {
			for _, it := range alt {
				used[it.Scheme] = true
			}
		}
	}
	var names scope
	for _, n := range []string{"check", "serve", "decode", "write"} {
		names.unique(n)
	}
	for _, s := range g.m.SecuritySchemes {
		if !used[s.Name] {
			continue
		}
		base := names.unique(GoName(s.Name))
		g.schemes = append(g.schemes, &schemeInfo{s: s, method: "Handle" + base, check: "check" + base, cred: credentialOf(s)})
	}
	return g.schemes
}

// hasSecurity reports whether some operation of the package is secured, so
// that NewServer takes a SecurityHandler.
func (g *gen) hasSecurity() bool { return len(g.securitySchemes()) > 0 }

// undefinedOnly reports a package whose operations have security
// requirements though none names a defined scheme (the loader kept such
// requirements and warned): there is no SecurityHandler to call, yet the
// server must gate those operations, refusing every request with 401
// rather than serving them public.
func (g *gen) undefinedOnly() bool {
	if g.hasSecurity() {
		return false
	}
	for _, oi := range g.ops {
		if len(g.opSecurity(oi.op)) > 0 {
			return true
		}
	}
	return false
}

// securityParams are the parameters of a SecurityHandler method after ctx,
// op and scopes: the credential of the scheme's kind.
func securityParams(cred credential) []jen.Code {
	switch cred {
	case credBasic:
		return []jen.Code{jen.List(jen.Id("username"), jen.Id("password")).String()}
	case credToken:
		return []jen.Code{jen.Id("token").String()}
	case credOther:
		return []jen.Code{jen.Id("credentials").String()}
	case credCerts:
		return []jen.Code{jen.Id("certs").Index().Op("*").Qual("crypto/x509", "Certificate"), jen.Id("verified").Index().Index().Op("*").Qual("crypto/x509", "Certificate")}
	}
	return []jen.Code{jen.Id("key").String()}
}

// securityDoc says in comment lines what a scheme's method checks.
func securityDoc(si *schemeInfo) []string {
	s := si.s
	switch si.cred {
	case credKey:
		return []string{fmt.Sprintf("%s checks the API key of security scheme %q, sent in the %s %q.", si.method, s.Name, s.In, s.ParamName)}
	case credBasic:
		return []string{fmt.Sprintf("%s checks the user name and password of security scheme %q (HTTP basic).", si.method, s.Name)}
	case credToken:
		return []string{fmt.Sprintf("%s checks the bearer token of security scheme %q (%s).", si.method, s.Name, s.Type)}
	case credOther:
		return []string{fmt.Sprintf("%s checks the %q Authorization credentials of security scheme %q.", si.method, s.Scheme, s.Name)}
	}
	return []string{
		fmt.Sprintf("%s checks the client certificates of security scheme %q (mutual TLS):", si.method, s.Name),
		"certs as the client sent them, leaf first, and the chains the TLS server verified",
		"them with; verified is empty when its tls.Config does not verify client certificates.",
	}
}

// emitSecurity writes the SecurityHandler interface, the server method
// checking each scheme and the securitySchemes table authorize reads.
func (g *gen) emitSecurity(f *jen.File) {
	schemes := g.securitySchemes()
	if g.undefinedOnly() {
		f.Comment("securitySchemes is empty: every scheme the operations require is undefined")
		f.Comment("in the contract, so no credential meets them and authorize refuses them all.")
		f.Var().Id("securitySchemes").Op("=").Map(jen.String()).Id("securityScheme").Values()
		f.Line()
	}
	if len(schemes) == 0 {
		return
	}
	f.Comment("SecurityHandler checks the credentials of secured operations: one method per")
	f.Comment("security scheme the operations require. Before a secured operation's handler")
	f.Comment("runs, the server reads each scheme's credential and calls its method with the")
	f.Comment("operation and the scopes the requirement lists. A method returns the context")
	f.Comment("the handler gets (with the principal attached), or an error: the request is")
	f.Comment("then refused with 401, or 403 when the error wraps ErrForbidden. A request")
	f.Comment("without the credential is refused with 401 without calling the method.")
	f.Comment("Alternatives are tried in order; every scheme of one alternative must accept.")
	var methods []jen.Code
	for _, si := range schemes {
		for _, l := range securityDoc(si) {
			methods = append(methods, jen.Comment(l))
		}
		params := append([]jen.Code{jen.Id("ctx").Qual("context", "Context"), jen.Id("op").Id("OperationInfo"), jen.Id("scopes").Index().String()}, securityParams(si.cred)...)
		methods = append(methods, jen.Id(si.method).Params(params...).Params(jen.Qual("context", "Context"), jen.Error()))
	}
	f.Type().Id("SecurityHandler").Interface(methods...)
	f.Line()

	ctxParams := []jen.Code{jen.Id("ctx").Qual("context", "Context"), jen.Id("r").Op("*").Qual("net/http", "Request"), jen.Id("op").Op("*").Id("OperationInfo"), jen.Id("scopes").Index().String()}
	noCred := jen.If(jen.Op("!").Id("ok")).Block(jen.Return(jen.Nil(), jen.Id("errNoCredential")))
	for _, si := range schemes {
		call := func(args ...jen.Code) jen.Code {
			return jen.Return(jen.Id("s").Dot("sec").Dot(si.method).Call(append([]jen.Code{jen.Id("ctx"), jen.Op("*").Id("op"), jen.Id("scopes")}, args...)...))
		}
		var body []jen.Code
		switch si.cred {
		case credKey:
			body = []jen.Code{jen.List(jen.Id("key"), jen.Id("ok")).Op(":=").Id("apiKeyCredential").Call(jen.Id("r"), jen.Lit(string(si.s.In)), jen.Lit(si.s.ParamName)), noCred, call(jen.Id("key"))}
		case credBasic:
			body = []jen.Code{jen.List(jen.Id("user"), jen.Id("password"), jen.Id("ok")).Op(":=").Id("r").Dot("BasicAuth").Call(), noCred, call(jen.Id("user"), jen.Id("password"))}
		case credToken:
			body = []jen.Code{jen.List(jen.Id("token"), jen.Id("ok")).Op(":=").Id("authorizationCredential").Call(jen.Id("r"), jen.Lit("Bearer")), noCred, call(jen.Id("token"))}
		case credOther:
			body = []jen.Code{jen.List(jen.Id("cred"), jen.Id("ok")).Op(":=").Id("authorizationCredential").Call(jen.Id("r"), jen.Lit(si.s.Scheme)), noCred, call(jen.Id("cred"))}
		case credCerts:
			body = []jen.Code{
				jen.If(jen.Id("r").Dot("TLS").Op("==").Nil().Op("||").Len(jen.Id("r").Dot("TLS").Dot("PeerCertificates")).Op("==").Lit(0)).Block(jen.Return(jen.Nil(), jen.Id("errNoCredential"))),
				call(jen.Id("r").Dot("TLS").Dot("PeerCertificates"), jen.Id("r").Dot("TLS").Dot("VerifiedChains")),
			}
		}
		f.Comment(fmt.Sprintf("%s reads the credential of security scheme %q and has %s judge it.", si.check, si.s.Name, si.method))
		f.Func().Params(jen.Id("s").Op("*").Id("server")).Id(si.check).Params(ctxParams...).Params(jen.Qual("context", "Context"), jen.Error()).Block(body...)
		f.Line()
	}
	f.Comment("securitySchemes maps each scheme name operations require to its check.")
	f.Var().Id("securitySchemes").Op("=").Map(jen.String()).Id("securityScheme").Values(jen.DictFunc(func(d jen.Dict) {
		for _, si := range schemes {
			fields := jen.Dict{jen.Id("check"): jen.Parens(jen.Op("*").Id("server")).Dot(si.check)}
			if c := g.challenge(si); c != "" {
				fields[jen.Id("challenge")] = jen.Lit(c)
			}
			d[jen.Lit(si.s.Name)] = jen.Values(fields)
		}
	}))
	f.Line()
}

// challenge is the WWW-Authenticate challenge of a 401 for scheme si, with
// a realm named after the contract's title: Basic, Bearer for bearer tokens
// (http bearer, oauth2, openIdConnect), none for API keys, client
// certificates and http schemes whose challenge needs parameters toolkit
// cannot know (Digest's nonce).
func (g *gen) challenge(si *schemeInfo) string {
	switch si.cred {
	case credBasic:
		return `Basic realm="` + realm(g.m.Title) + `", charset="UTF-8"`
	case credToken:
		return `Bearer realm="` + realm(g.m.Title) + `"`
	}
	return ""
}

// realm makes title a quoted-string's content: printable ASCII without
// quotes or backslashes, spaces folded; "api" when nothing is left.
func realm(title string) string {
	t := strings.Map(func(r rune) rune {
		if r < 0x20 || r > 0x7e || r == '"' || r == '\\' {
			return ' '
		}
		return r
	}, title)
	t = strings.Join(strings.Fields(t), " ")
	if t == "" {
		return "api"
	}
	return t
}

// operationInfo is the OperationInfo literal of oi, with its security in
// force.
func (g *gen) operationInfo(oi *opInfo) jen.Code {
	d := jen.Dict{jen.Id("ID"): jen.Lit(oi.op.ID), jen.Id("Method"): jen.Lit(oi.op.Method), jen.Id("Path"): jen.Lit(oi.op.Path)}
	if len(oi.op.Tags) > 0 {
		d[jen.Id("Tags")] = jen.Index().String().ValuesFunc(func(gr *jen.Group) {
			for _, t := range oi.op.Tags {
				gr.Lit(t)
			}
		})
	}
	if reqs := g.opSecurity(oi.op); len(reqs) > 0 {
		d[jen.Id("Security")] = jen.Index().Id("SecurityRequirement").ValuesFunc(func(gr *jen.Group) {
			for _, alt := range reqs {
				gr.ValuesFunc(func(ag *jen.Group) {
					for _, it := range alt {
						item := jen.Dict{jen.Id("Scheme"): jen.Lit(it.Scheme)}
						if len(it.Scopes) > 0 {
							item[jen.Id("Scopes")] = jen.Index().String().ValuesFunc(func(sg *jen.Group) {
								for _, sc := range it.Scopes {
									sg.Lit(sc)
								}
							})
						}
						ag.Values(item)
					}
				})
			}
		})
	}
	return jen.Id("OperationInfo").Values(d)
}

// clientCerts reports whether the contract has a mutualTLS scheme, whose
// client option takes certificates.
func (g *gen) clientCerts() bool {
	for _, s := range g.m.SecuritySchemes {
		if s.Type == "mutualTLS" {
			return true
		}
	}
	return false
}

// setupClientCerts is NewClient's step giving the HTTP client a transport
// that presents the mutual TLS certificates, once every option has run (so
// WithHTTPClient may come before or after).
func (g *gen) setupClientCerts() jen.Code {
	if !g.clientCerts() {
		return jen.Null()
	}
	return jen.If(jen.Len(jen.Id("c").Dot("certs")).Op(">").Lit(0)).Block(
		jen.List(jen.Id("hc"), jen.Err()).Op(":=").Id("clientWithCerts").Call(jen.Id("c").Dot("hc"), jen.Id("c").Dot("certs")),
		jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err())),
		jen.Id("c").Dot("hc").Op("=").Id("hc"),
	)
}

// SecurityType is the name of the type SecurityStubs declares, and
// SecurityConstructor the function that returns one.
const (
	SecurityType        = "Security"
	SecurityConstructor = "NewSecurity"
)

// HasSecurity reports whether the package generated from m with opts has
// secured operations, so that its NewServer takes a SecurityHandler.
func HasSecurity(m *contract.Model, opts generator.Options) bool {
	return newGen(m, opts).hasSecurity()
}

// SecurityStubs renders a user-owned Go file of package pkg implementing the
// SecurityHandler of the generated package imported as apiImport: a
// Security type, NewSecurity, and one method per scheme that refuses every
// credential, saying it is not written yet, until the user writes it. A
// stub that accepted would leave every secured operation open. ok is false
// when no operation is secured (there is no SecurityHandler).
func SecurityStubs(m *contract.Model, opts generator.Options, apiImport, pkg string) (file generator.File, ok bool, err error) {
	g := newGen(m, opts)
	schemes := g.securitySchemes()
	if len(schemes) == 0 {
		return generator.File{}, false, nil
	}
	f := jen.NewFile(pkg)
	f.ImportName(apiImport, opts.Package)
	api := func(name string) *jen.Statement { return jen.Qual(apiImport, name) }
	f.Comment(fmt.Sprintf("This file checks credentials: the methods of %s.SecurityHandler, one per", opts.Package))
	f.Comment("security scheme of the contract. The server calls them before the handler of a")
	f.Comment("secured operation runs; the request goes on only when they accept it.")
	f.Comment("")
	f.Comment("This file is yours: toolkit created it once and never rewrites it.")
	f.Line()
	stubType(f, SecurityType, SecurityConstructor, api("SecurityHandler"), "every scheme",
		fmt.Sprintf("%s checks the credentials of secured operations. Add what the checks need", SecurityType),
		"(keys, a token verifier, a user store) as fields and fill them in "+SecurityConstructor+".")
	for _, si := range schemes {
		f.Line()
		for _, l := range securityDoc(si) {
			f.Comment(l)
		}
		f.Comment("Return ctx with what the handlers need to know of the caller, or an error:")
		f.Comment(fmt.Sprintf("the server answers 401, or 403 for an error wrapping %s.ErrForbidden.", opts.Package))
		f.Comment("It refuses every request until you write it.")
		var params []jen.Code
		for _, p := range securityParams(si.cred) {
			params = append(params, p)
		}
		params = append([]jen.Code{jen.Id("ctx").Qual("context", "Context"), jen.Id("op").Add(api("OperationInfo")), jen.Id("scopes").Index().String()}, params...)
		f.Func().Params(jen.Id("s").Op("*").Id(SecurityType)).Id(si.method).Params(params...).Params(jen.Qual("context", "Context"), jen.Error()).Block(
			jen.Return(jen.Nil(), jen.Qual("errors", "New").Call(jen.Lit(fmt.Sprintf("%s is not written yet: it refuses every credential of security scheme %q", si.method, si.s.Name)))),
		)
	}
	var buf bytes.Buffer
	if err := f.Render(&buf); err != nil {
		return generator.File{}, false, fmt.Errorf("security stubs: render: %w", err)
	}
	return generator.File{Name: "security.go", Data: buf.Bytes(), UserOwned: true}, true, nil
}
