package scaffold

import (
	"encoding/json"
	"fmt"
	"math"
	"net/url"
	"strconv"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/contractfirst/toolkit/contract"
	"github.com/contractfirst/toolkit/contract/sample"
	"github.com/contractfirst/toolkit/generator/golang"
)

// probe is the request the scaffold's handler test sends: an operation the
// contract lets us call with sample values of its required parameters and
// body, so the request reaches the handler stub.
type probe struct {
	name        golang.HandlerName
	secured     bool        // refused for want of a credential before the handler runs
	target      string      // path and query
	headers     [][2]string // name, value
	cookies     [][2]string
	body        string
	contentType string
}

// pickProbe chooses the operation the test calls: the one needing the
// least (a credential, then required parameters, then a body), GET first,
// then contract order. Operations whose required inputs cannot be written as plain text
// (objects, arrays, non-JSON bodies, label and matrix styles) are skipped.
func (p *project) pickProbe() (*probe, bool) {
	var best *probe
	bestCost := math.MaxInt
	for _, n := range p.names {
		pr, cost, ok := newProbe(n)
		if !ok {
			continue
		}
		if pr.secured = golang.Secured(p.m, n.Op); pr.secured {
			cost += 100
		}
		if n.Op.Method != "GET" {
			cost++
		}
		if cost < bestCost {
			best, bestCost = pr, cost
		}
	}
	return best, best != nil
}

func newProbe(n golang.HandlerName) (*probe, int, bool) {
	op := n.Op
	if strings.ContainsAny(op.Path, "#?") {
		// AWS-style "/#X-Amz-Target=…" paths: no request has them as its path.
		return nil, 0, false
	}
	pr := &probe{name: n}
	cost := 0
	path := op.Path
	q := url.Values{}
	var qnames []string
	for _, prm := range op.Params {
		if !prm.Required {
			continue
		}
		cost += 2
		if prm.ContentType != "" {
			return nil, 0, false
		}
		v, ok := textValue(sample.ParamExample(prm))
		if !ok {
			return nil, 0, false
		}
		switch {
		case prm.In == contract.InPath && prm.Style == "simple":
			path = strings.ReplaceAll(path, "{"+prm.Name+"}", url.PathEscape(v))
		case prm.In == contract.InQuery && prm.Style == "form":
			q.Set(prm.Name, v)
			qnames = append(qnames, prm.Name)
		case prm.In == contract.InHeader:
			pr.headers = append(pr.headers, [2]string{prm.Name, v})
		case prm.In == contract.InCookie && prm.Style == "form":
			pr.cookies = append(pr.cookies, [2]string{prm.Name, v})
		default:
			return nil, 0, false
		}
	}
	if strings.ContainsAny(path, "{}") {
		return nil, 0, false // a path parameter the contract did not declare
	}
	// Query parameters in contract order, not url.Values' sorted order.
	var query []string
	for _, name := range qnames {
		query = append(query, url.QueryEscape(name)+"="+url.QueryEscape(q.Get(name)))
	}
	pr.target = path
	if len(query) > 0 {
		pr.target += "?" + strings.Join(query, "&")
	}
	if b := op.Body; b != nil && b.Required && len(b.Contents) > 0 {
		c := b.Contents[0]
		if c.Kind != contract.BodyJSON {
			return nil, 0, false
		}
		data, err := json.Marshal(sample.ContentExample(c, sample.Request))
		if err != nil {
			return nil, 0, false
		}
		pr.body, pr.contentType = string(data), c.MediaType
		cost += 10
	}
	return pr, cost, true
}

// textValue writes a sample scalar as a parameter's text.
func textValue(v any) (string, bool) {
	switch v := v.(type) {
	case string:
		return v, true
	case bool:
		return strconv.FormatBool(v), true
	case json.Number:
		return v.String(), true // an integer beyond int64, exact
	case float64:
		if v == math.Trunc(v) && math.Abs(v) < 1<<53 {
			return strconv.FormatInt(int64(v), 10), true
		}
		return strconv.FormatFloat(v, 'g', -1, 64), true
	}
	return "", false
}

// emitTest writes the service's test: it serves the service through the
// generated server with httptest and checks that one operation answers
// 501 problem+json, which shows the wiring works end to end. When no
// operation can be called with sample values, it calls a handler method
// directly. A contract without operations gets no test.
func (p *project) emitTest() ([]byte, error) {
	if len(p.names) == 0 {
		return nil, nil
	}
	f := jen.NewFile("service_test")
	f.ImportName(p.APIImport, p.Package)
	f.ImportName(p.ServiceImport, "service")
	api := func(n string) *jen.Statement { return jen.Qual(p.APIImport, n) }
	newService := jen.Qual(p.ServiceImport, "New").Call()
	fatalIfErr := jen.If(jen.Id("err").Op("!=").Nil()).Block(jen.Id("t").Dot("Fatal").Call(jen.Id("err")))

	pr, ok := p.pickProbe()
	if !ok {
		n := p.names[0]
		f.Comment(fmt.Sprintf("TestNotImplemented calls %s, which answers 501 Not Implemented until it", n.Method))
		f.Comment("is written. Replace it with tests of what your handlers do.")
		f.Func().Id("TestNotImplemented").Params(jen.Id("t").Op("*").Qual("testing", "T")).Block(
			jen.List(jen.Id("_"), jen.Id("err")).Op(":=").Add(newService).Dot(n.Method).Call(jen.Qual("context", "Background").Call(), api(n.Request).Values()),
			jen.Var().Id("ni").Op("*").Add(api("NotImplementedError")),
			jen.If(jen.Op("!").Qual("errors", "As").Call(jen.Id("err"), jen.Op("&").Id("ni"))).Block(
				jen.Id("t").Dot("Fatalf").Call(jen.Lit(n.Method+": err = %v, want a NotImplementedError"), jen.Id("err")),
			),
		)
		return render(f, p.Module)
	}

	op := pr.name.Op
	label := op.Method + " " + pr.target
	testName, status, statusConst := "TestNotImplemented", 501, "StatusNotImplemented"
	if pr.secured {
		// Every operation needs a credential: the test shows that the
		// security stubs refuse one that is missing.
		testName, status, statusConst = "TestRefusedWithoutCredentials", 401, "StatusUnauthorized"
		f.Comment("TestRefusedWithoutCredentials serves the service through the generated server")
		f.Comment(fmt.Sprintf("and calls %s without credentials, which the server refuses with", strconv.Quote(label)))
		f.Comment(fmt.Sprintf("401 Unauthorized before %s runs. Replace it with tests of what your", pr.name.Method))
		f.Comment("handlers and security checks do.")
	} else {
		f.Comment("TestNotImplemented serves the service through the generated server and calls")
		f.Comment(fmt.Sprintf("%s, which %s answers with 501 Not Implemented until it is written.", strconv.Quote(label), pr.name.Method))
		f.Comment("Replace it with tests of what your handlers do.")
	}
	var body jen.Code = jen.Nil()
	if pr.contentType != "" {
		body = jen.Qual("strings", "NewReader").Call(jen.Lit(pr.body))
	}
	block := []jen.Code{
		jen.Id("srv").Op(":=").Qual("net/http/httptest", "NewServer").Call(api("NewServer").Call(p.serverArgs()...)),
		jen.Defer().Id("srv").Dot("Close").Call(),
		jen.Line(),
		jen.List(jen.Id("req"), jen.Id("err")).Op(":=").Add(httpQ("NewRequest")).Call(jen.Lit(op.Method), jen.Id("srv").Dot("URL").Op("+").Lit(pr.target), body),
		fatalIfErr,
	}
	if pr.contentType != "" {
		block = append(block, jen.Id("req").Dot("Header").Dot("Set").Call(jen.Lit("Content-Type"), jen.Lit(pr.contentType)))
	}
	for _, h := range pr.headers {
		block = append(block, jen.Id("req").Dot("Header").Dot("Set").Call(jen.Lit(h[0]), jen.Lit(h[1])))
	}
	for _, c := range pr.cookies {
		block = append(block, jen.Id("req").Dot("AddCookie").Call(jen.Op("&").Add(httpQ("Cookie")).Values(jen.Dict{jen.Id("Name"): jen.Lit(c[0]), jen.Id("Value"): jen.Lit(c[1])})))
	}
	block = append(block,
		jen.List(jen.Id("resp"), jen.Id("err")).Op(":=").Id("srv").Dot("Client").Call().Dot("Do").Call(jen.Id("req")),
		fatalIfErr,
		jen.Defer().Id("resp").Dot("Body").Dot("Close").Call(),
		jen.Line(),
		jen.If(jen.Id("resp").Dot("StatusCode").Op("!=").Add(httpQ(statusConst))).Block(
			jen.List(jen.Id("body"), jen.Id("_")).Op(":=").Qual("io", "ReadAll").Call(jen.Id("resp").Dot("Body")),
			jen.Id("t").Dot("Fatalf").Call(jen.Lit(fmt.Sprintf("%%s: status %%d, want %d\n%%s", status)), jen.Lit(label), jen.Id("resp").Dot("StatusCode"), jen.Id("body")),
		),
	)
	if pr.secured {
		// The body of a 401 is the contract's own when it declares one.
		f.Func().Id(testName).Params(jen.Id("t").Op("*").Qual("testing", "T")).Block(block...)
		return render(f, p.Module)
	}
	block = append(block,
		jen.If(jen.Id("ct").Op(":=").Id("resp").Dot("Header").Dot("Get").Call(jen.Lit("Content-Type")), jen.Id("ct").Op("!=").Lit("application/problem+json")).Block(
			jen.Id("t").Dot("Errorf").Call(jen.Lit("Content-Type %q, want application/problem+json"), jen.Id("ct")),
		),
		jen.Var().Id("problem").Add(api("ProblemDetails")),
		jen.If(jen.Id("err").Op(":=").Qual("encoding/json", "NewDecoder").Call(jen.Id("resp").Dot("Body")).Dot("Decode").Call(jen.Op("&").Id("problem")), jen.Id("err").Op("!=").Nil()).Block(
			jen.Id("t").Dot("Fatalf").Call(jen.Lit("decoding the problem: %v"), jen.Id("err")),
		),
		jen.If(jen.Id("problem").Dot("Status").Op("!=").Add(httpQ("StatusNotImplemented"))).Block(
			jen.Id("t").Dot("Errorf").Call(jen.Lit("problem status %d, want 501"), jen.Id("problem").Dot("Status")),
		),
	)
	f.Func().Id(testName).Params(jen.Id("t").Op("*").Qual("testing", "T")).Block(block...)
	return render(f, p.Module)
}
