# The commands a newcomer needs. `make demo` runs the main job on a
# contract shipped in the repo; `make test` is what CI runs.

GO      ?= go
DEMO    ?= /tmp/toolkit-demo

.PHONY: all build demo test test-short fuzz generate corpus clean

all: build

build:
	$(GO) build -o bin/toolkit ./cmd/toolkit

# The whole loop on what the repo ships, each step's output shown:
# generate and build a package, serve examples/petstore and validate it
# against its contract, write its docs, lint it, diff two versions of it.
demo: build
	rm -rf $(DEMO) && mkdir -p $(DEMO)
	@echo "== 1. toolkit gen: the kitchen-sink contract into $(DEMO)/shop, then go build and go vet"
	./bin/toolkit gen --contract testdata/contracts/kitchensink/openapi.yaml --out $(DEMO)/shop --package shop
	cd $(DEMO) && printf 'module demo\n\ngo 1.26\n' > go.mod && $(GO) build ./... && $(GO) vet ./...
	@echo "generated, built and vetted: $$(ls $(DEMO)/shop | tr "\n" " ")"
	@echo
	@echo "== 2. toolkit validate: start examples/petstore and check every answer against its contract"
	$(GO) build -o $(DEMO)/petstore ./examples/petstore
	./bin/toolkit validate --contract examples/petstore/openapi.yaml --base-url http://127.0.0.1:18080 \
	  --server-cmd "$(DEMO)/petstore -addr 127.0.0.1:18080" --ready-path /healthz --report junit=$(DEMO)/validate.xml
	@echo "JUnit report: $(DEMO)/validate.xml"
	@echo
	@echo "== 3. toolkit docs: one self-contained page and a Markdown file"
	./bin/toolkit docs --contract examples/petstore/openapi.yaml --out $(DEMO)/docs
	@ls -l $(DEMO)/docs
	@echo
	@echo "== 4. toolkit lint: the pet store's style findings (exit 1 when there are errors)"
	-./bin/toolkit lint examples/petstore/openapi.yaml
	@echo
	@echo "== 5. toolkit diff: a version of the contract that renames /pets/{petId}"
	sed 's|^  /pets/{petId}:|  /animals/{petId}:|' examples/petstore/openapi.yaml > $(DEMO)/openapi.v2.yaml
	-./bin/toolkit diff examples/petstore/openapi.yaml $(DEMO)/openapi.v2.yaml
	@echo
	@echo "demo done: everything is in $(DEMO)"

test:
	@unformatted=$$(gofmt -l $$(git ls-files '*.go')); \
	  if [ -n "$$unformatted" ]; then echo "gofmt -w needed:"; echo "$$unformatted"; exit 1; fi
	# Every module of go.mod, not only those this platform builds with:
	# TestInitTool resolves toolkit as a tool offline (GOPROXY=off).
	$(GO) mod download
	$(GO) vet ./...
	$(GO) test ./...
	# What runs on two goroutines by design, under the race detector: the
	# value checks beside the model build (pipeline.Run's gen).
	$(GO) test -race -short -run 'TestValueChecksInBackground' ./contract/
	# bench is a module of its own (it pins the peers); its interop tests
	# take seconds: oapi-codegen's client against toolkit's server, toolkit's
	# client against oapi-codegen's, and bench/interop/toolkitapi fresh;
	# and make bench's own report code (benchreport's tests went stale
	# once when nothing ran them).
	cd bench && $(GO) vet ./interop/... ./cmd/... && $(GO) test ./interop/ ./cmd/...

test-short:
	$(GO) test -short ./...

# Short runs of every fuzz target.
fuzz:
	$(GO) test ./generator/golang -run '^$$' -fuzz FuzzGoName -fuzztime 20s
	$(GO) test ./contract -run '^$$' -fuzz FuzzLoad -fuzztime 20s
	$(GO) test ./generator/docs -run '^$$' -fuzz FuzzDescription -fuzztime 20s
	$(GO) test ./contract/sample -run '^$$' -fuzz FuzzPattern -fuzztime 20s
	$(GO) test ./generator/scaffold -run '^$$' -fuzz FuzzMarkdownText -fuzztime 20s
	$(GO) test ./contract/lint -run '^$$' -fuzz FuzzJSONPath -fuzztime 20s
	$(GO) test ./contract/lint -run '^$$' -fuzz FuzzRuleset -fuzztime 20s
	$(GO) test ./contract/infer -run '^$$' -fuzz FuzzInfer -fuzztime 20s
	$(GO) test ./internal/har -run '^$$' -fuzz FuzzRead -fuzztime 20s
	$(GO) test ./internal/route -run '^$$' -fuzz FuzzMatch -fuzztime 20s
	$(GO) test ./examples/crm/auth -run '^$$' -fuzz FuzzVerify -fuzztime 20s
	$(GO) test ./generator/golang/runtime -run '^$$' -fuzz FuzzJSONReader -fuzztime 20s
	$(GO) test ./generator/golang/runtime -run '^$$' -fuzz FuzzJSONWriter -fuzztime 20s
	$(GO) test ./generator/golang/runtime -run '^$$' -fuzz FuzzParseParam -fuzztime 20s
	$(GO) test ./generator/golang/runtime -run '^$$' -fuzz FuzzArrayParam -fuzztime 20s
	$(GO) test ./generator/golang/runtime -run '^$$' -fuzz FuzzBigIntegers -fuzztime 20s
	TOOLKIT_FUZZTIME=20s $(GO) test ./generator/golang -count=1 -run TestGeneratedShapes

generate:
	$(GO) generate ./...

# Every contract of ../shared/corpus with toolkit, oapi-codegen and ogen:
# writes bench/corpus-report/results.tsv and summary.md, to which
# corpus-report/notes.md (GitHub and Graph, measured by hand) is appended.
corpus: build
	cd bench && $(GO) build -o ../bin/corpus ./cmd/corpus \
	  && $(GO) build -o ../bin/oapi-codegen github.com/oapi-codegen/oapi-codegen/v2/cmd/oapi-codegen \
	  && $(GO) build -o ../bin/ogen github.com/ogen-go/ogen/cmd/ogen \
	  && ../bin/corpus -list ../../shared/corpus/dev.tsv -toolkit ../bin/toolkit \
	       -oapi-codegen ../bin/oapi-codegen -ogen ../bin/ogen -notes corpus-report/notes.md -out corpus-report

clean:
	rm -rf bin

# Generation speed and memory, generated servers and clients, side by side
# with oapi-codegen and ogen (pinned in bench/go.mod) on this machine:
# writes bench/results.md (about 25 minutes on 2 cores, GitHub's package
# build and the browser loads included; keep the machine quiet).
.PHONY: bench
bench:
	cd bench && $(GO) run ./cmd/benchreport -out results.md
