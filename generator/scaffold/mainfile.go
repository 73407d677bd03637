package scaffold

import (
	"bytes"
	"fmt"
	"path"

	"github.com/dave/jennifer/jen"

	"github.com/contractfirst/toolkit/generator/golang"
)

// goFiles are the scaffold's Go files besides the handler stubs: adding
// one is an emitter and a row here. An emitter returning nil data writes
// no file.
var goFiles = []struct {
	name string
	emit func(*project) ([]byte, error)
}{
	{MainFile, (*project).emitMain},
	{TestFile, (*project).emitTest},
}

// shutdownSeconds is how long the server waits for requests in flight.
const shutdownSeconds = 10

func render(f *jen.File, module string) ([]byte, error) {
	var buf bytes.Buffer
	if err := f.Render(&buf); err != nil {
		return nil, fmt.Errorf("render: %w", err)
	}
	return groupImports(buf.Bytes(), module)
}

var (
	httpQ = func(n string) *jen.Statement { return jen.Qual("net/http", n) }
	slogQ = func(n string) *jen.Statement { return jen.Qual("log/slog", n) }
)

// emitMain writes cmd/server/main.go: flags, the handler wiring, request
// logging, /healthz and graceful shutdown.
func (p *project) emitMain() ([]byte, error) {
	f := jen.NewFile("main")
	f.ImportName(p.APIImport, p.Package)
	f.ImportName(p.ServiceImport, "service")
	api := func(n string) *jen.Statement { return jen.Qual(p.APIImport, n) }

	f.PackageComment("Command server serves the contract's operations, answered by the handlers in")
	f.PackageComment(ServiceDir + ".")
	f.PackageComment("")
	if p.Healthz {
		f.PackageComment("It logs one line per API request and answers GET /healthz with 200 while it")
		f.PackageComment("runs. On SIGINT or SIGTERM it stops accepting connections and gives the")
	} else {
		f.PackageComment("It logs one line per API request. On SIGINT or SIGTERM it stops accepting")
		f.PackageComment("connections and gives the")
	}
	f.PackageComment(fmt.Sprintf("requests in flight up to %d seconds to finish.", shutdownSeconds))
	f.PackageComment("")
	f.PackageComment("toolkit init created this file once; it is yours to change.")
	f.Comment(fmt.Sprintf("//go:generate %s gen --config ../../toolkit.yaml", p.Toolkit()))
	f.Line()

	f.Comment("shutdownTimeout is how long a stopping server waits for requests in flight.")
	f.Const().Id("shutdownTimeout").Op("=").Lit(shutdownSeconds).Op("*").Qual("time", "Second")

	// main
	f.Func().Id("main").Params().Block(
		jen.Id("addr").Op(":=").Qual("flag", "String").Call(jen.Lit("addr"), jen.Lit("127.0.0.1:8080"), jen.Lit("address to listen on; port 0 picks a free port")),
		jen.Qual("flag", "Parse").Call(),
		jen.Id("log").Op(":=").Add(slogQ("New")).Call(slogQ("NewTextHandler").Call(jen.Qual("os", "Stderr"), jen.Nil())),
		jen.Line(),
		jen.Id("ctx").Op(",").Id("stop").Op(":=").Qual("os/signal", "NotifyContext").Call(jen.Qual("context", "Background").Call(), jen.Qual("os", "Interrupt"), jen.Qual("syscall", "SIGTERM")),
		jen.Id("err").Op(":=").Id("serve").Call(jen.Id("ctx"), jen.Op("*").Id("addr"), jen.Id("log")),
		jen.Id("stop").Call(),
		jen.If(jen.Id("err").Op("!=").Nil()).Block(
			jen.Id("log").Dot("Error").Call(jen.Lit("server failed"), jen.Lit("err"), jen.Id("err")),
			jen.Qual("os", "Exit").Call(jen.Lit(1)),
		),
	)
	f.Line()

	// serve
	f.Comment("serve listens on addr and serves until ctx is done, then shuts down")
	f.Comment("gracefully. It listens before it logs, so the log shows the real address")
	f.Comment("when the port was 0.")
	f.Func().Id("serve").Params(jen.Id("ctx").Qual("context", "Context"), jen.Id("addr").String(), jen.Id("log").Op("*").Add(slogQ("Logger"))).Error().Block(
		jen.List(jen.Id("ln"), jen.Id("err")).Op(":=").Qual("net", "Listen").Call(jen.Lit("tcp"), jen.Id("addr")),
		jen.If(jen.Id("err").Op("!=").Nil()).Block(jen.Return(jen.Id("err"))),
		jen.Id("srv").Op(":=").Op("&").Add(httpQ("Server")).Values(jen.Dict{
			jen.Id("Handler"):           jen.Id("newHandler").Call(jen.Id("log")),
			jen.Id("ReadHeaderTimeout"): jen.Lit(10).Op("*").Qual("time", "Second"),
			jen.Id("ErrorLog"):          slogQ("NewLogLogger").Call(jen.Id("log").Dot("Handler").Call(), slogQ("LevelWarn")),
		}),
		jen.Id("errc").Op(":=").Make(jen.Chan().Error(), jen.Lit(1)),
		jen.Go().Func().Params().Block(jen.Id("errc").Op("<-").Id("srv").Dot("Serve").Call(jen.Id("ln"))).Call(),
		jen.Id("log").Dot("Info").Call(jen.Lit("listening"), jen.Lit("addr"), jen.Id("ln").Dot("Addr").Call().Dot("String").Call()),
		jen.Line(),
		jen.Select().Block(
			jen.Case(jen.Id("err").Op(":=").Op("<-").Id("errc")).Block(jen.Return(jen.Id("err"))),
			jen.Case(jen.Op("<-").Id("ctx").Dot("Done").Call()),
		),
		jen.Id("log").Dot("Info").Call(jen.Lit("shutting down")),
		jen.List(jen.Id("shutdownCtx"), jen.Id("cancel")).Op(":=").Qual("context", "WithTimeout").Call(jen.Qual("context", "Background").Call(), jen.Id("shutdownTimeout")),
		jen.Defer().Id("cancel").Call(),
		jen.If(jen.Id("err").Op(":=").Id("srv").Dot("Shutdown").Call(jen.Id("shutdownCtx")), jen.Id("err").Op("!=").Nil()).Block(
			jen.Return(jen.Qual("fmt", "Errorf").Call(jen.Lit("shutdown: %w"), jen.Id("err"))),
		),
		jen.Id("log").Dot("Info").Call(jen.Lit("stopped")),
		jen.Return(jen.Nil()),
	)
	f.Line()

	// newHandler
	f.Comment("newHandler serves the contract's operations through the service's handlers,")
	if p.Healthz {
		f.Comment("logging each request, GET /healthz for load balancers and orchestrators, and")
	} else {
		f.Comment("logging each request, and")
	}
	f.Comment("the webhooks and callbacks the API sends (mountReceivers, in " + path.Base(MountFile) + ").")
	logged := api("WithMiddleware").Call(jen.Id("logRequests").Call(jen.Id("log")))
	apiServer := api("NewServer").Call(append(p.serverArgs(), logged)...)
	body := []jen.Code{jen.Id("mux").Op(":=").Add(httpQ("NewServeMux")).Call()}
	if p.Healthz {
		body = append(body, jen.Id("mux").Dot("HandleFunc").Call(jen.Lit("GET /healthz"), jen.Func().Params(jen.Id("w").Add(httpQ("ResponseWriter")), jen.Id("_").Op("*").Add(httpQ("Request"))).Block(
			jen.Id("w").Dot("Header").Call().Dot("Set").Call(jen.Lit("Content-Type"), jen.Lit("text/plain; charset=utf-8")),
			jen.Qual("io", "WriteString").Call(jen.Id("w"), jen.Lit("ok\n")),
		)))
	}
	body = append(body,
		jen.Id("mountReceivers").Call(jen.Id("mux"), logged.Clone()),
		jen.Id("mux").Dot("Handle").Call(jen.Lit("/"), apiServer),
		jen.Return(jen.Id("mux")),
	)
	f.Func().Id("newHandler").Params(jen.Id("log").Op("*").Add(slogQ("Logger"))).Add(httpQ("Handler")).Block(body...)
	f.Line()

	// logRequests and statusRecorder
	f.Comment("logRequests logs one line per request: method, path, status, size and time.")
	f.Func().Id("logRequests").Params(jen.Id("log").Op("*").Add(slogQ("Logger"))).Func().Params(httpQ("Handler")).Add(httpQ("Handler")).Block(
		jen.Return(jen.Func().Params(jen.Id("next").Add(httpQ("Handler"))).Add(httpQ("Handler")).Block(
			jen.Return(httpQ("HandlerFunc").Call(jen.Func().Params(jen.Id("w").Add(httpQ("ResponseWriter")), jen.Id("r").Op("*").Add(httpQ("Request"))).Block(
				jen.Id("start").Op(":=").Qual("time", "Now").Call(),
				jen.Id("rec").Op(":=").Op("&").Id("statusRecorder").Values(jen.Dict{jen.Id("ResponseWriter"): jen.Id("w"), jen.Id("status"): httpQ("StatusOK")}),
				jen.Id("next").Dot("ServeHTTP").Call(jen.Id("rec"), jen.Id("r")),
				jen.Id("log").Dot("LogAttrs").Call(jen.Id("r").Dot("Context").Call(), slogQ("LevelInfo"), jen.Lit("request"),
					jen.Line().Add(slogQ("String")).Call(jen.Lit("method"), jen.Id("r").Dot("Method")),
					jen.Line().Add(slogQ("String")).Call(jen.Lit("path"), jen.Id("r").Dot("URL").Dot("Path")),
					jen.Line().Add(slogQ("Int")).Call(jen.Lit("status"), jen.Id("rec").Dot("status")),
					jen.Line().Add(slogQ("Int64")).Call(jen.Lit("bytes"), jen.Id("rec").Dot("bytes")),
					jen.Line().Add(slogQ("Duration")).Call(jen.Lit("took"), jen.Qual("time", "Since").Call(jen.Id("start"))).Op(",").Line(),
				),
			))),
		)),
	)
	f.Line()
	f.Comment("statusRecorder remembers the status and size of a response for the log.")
	f.Type().Id("statusRecorder").Struct(
		httpQ("ResponseWriter"),
		jen.Id("status").Int(),
		jen.Id("bytes").Int64(),
		jen.Id("wroteHeader").Bool(),
	)
	f.Line()
	f.Func().Params(jen.Id("r").Op("*").Id("statusRecorder")).Id("WriteHeader").Params(jen.Id("code").Int()).Block(
		jen.If(jen.Op("!").Id("r").Dot("wroteHeader").Op("&&").Id("code").Op(">=").Lit(200)).Block(
			jen.Id("r").Dot("status").Op(",").Id("r").Dot("wroteHeader").Op("=").Id("code").Op(",").True(),
		),
		jen.Id("r").Dot("ResponseWriter").Dot("WriteHeader").Call(jen.Id("code")),
	)
	f.Line()
	f.Func().Params(jen.Id("r").Op("*").Id("statusRecorder")).Id("Write").Params(jen.Id("b").Index().Byte()).Params(jen.Int(), jen.Error()).Block(
		jen.Id("r").Dot("wroteHeader").Op("=").True(),
		jen.List(jen.Id("n"), jen.Id("err")).Op(":=").Id("r").Dot("ResponseWriter").Dot("Write").Call(jen.Id("b")),
		jen.Id("r").Dot("bytes").Op("+=").Int64().Call(jen.Id("n")),
		jen.Return(jen.Id("n"), jen.Id("err")),
	)
	f.Line()
	f.Comment("Unwrap lets http.ResponseController reach the connection (Flush, deadlines).")
	f.Func().Params(jen.Id("r").Op("*").Id("statusRecorder")).Id("Unwrap").Params().Add(httpQ("ResponseWriter")).Block(
		jen.Return(jen.Id("r").Dot("ResponseWriter")),
	)
	return render(f, p.Module)
}

// serverArgs are the arguments NewServer needs before its options: the
// service, and its security checks when operations are secured.
func (p *project) serverArgs() []jen.Code {
	args := []jen.Code{jen.Qual(p.ServiceImport, golang.ServiceConstructor).Call()}
	if p.Secured {
		args = append(args, jen.Qual(p.ServiceImport, golang.SecurityConstructor).Call())
	}
	return args
}
