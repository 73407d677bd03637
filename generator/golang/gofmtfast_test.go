package golang

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/contractfirst/toolkit/contract"
	"github.com/contractfirst/toolkit/generator"
)

// TestFastFormatSameAsGofmt generates every target of the shared
// contracts (the goldens') and the pet store twice, with
// fastFormat on and off (go/format on every declaration), and wants the
// same bytes. With TOOLKIT_CORPUS set it also takes every contract of
// ../shared/corpus/dev, and TOOLKIT_FAST_CONTRACTS adds a list of files
// (GitHub's description: by hand, it takes a minute). It reports what
// share of declarations and bytes fastFormat took, and fails if it took
// too little to test much.
func TestFastFormatSameAsGofmt(t *testing.T) {
	cases := sharedContracts(t)
	cases["petstore"] = "../../examples/petstore/openapi.yaml"
	if os.Getenv("TOOLKIT_CORPUS") != "" {
		files, _ := filepath.Glob("../../../shared/corpus/dev/*.json")
		for _, f := range files {
			cases["corpus/"+filepath.Base(f)] = f
		}
	}
	for _, f := range filepath.SplitList(os.Getenv("TOOLKIT_FAST_CONTRACTS")) {
		cases[f] = f
	}
	defer func(on bool) { fastOn, fastStats = on, nil }(fastOn)
	var mu sync.Mutex
	var decls, fastDecls, size, fastSize int
	show := os.Getenv("TOOLKIT_FAST_SHOW") != ""
	fastStats = func(decl []byte, fast bool) {
		mu.Lock()
		defer mu.Unlock()
		n := len(decl)
		if show && !fast {
			fmt.Printf("=====REJ %d\n%s\n", n, decl[:min(n, 1500)])
		}
		decls, size = decls+1, size+n
		if fast {
			fastDecls, fastSize = fastDecls+1, fastSize+n
		}
	}
	for _, name := range sortedCases(cases) {
		_, m, err := contract.Open(cases[name], contract.LoadOptions{})
		if err != nil {
			if strings.HasPrefix(name, "corpus/") {
				continue // the loader refuses it: nothing to generate
			}
			t.Fatalf("%s: %v", name, err)
		}
		fastOn = false
		want, err := Generate(m, generator.Options{Package: "api"})
		if err != nil {
			if strings.HasPrefix(name, "corpus/") {
				continue
			}
			t.Fatalf("%s: %v", name, err)
		}
		fastOn = true
		got, err := Generate(m, generator.Options{Package: "api"})
		if err != nil {
			t.Fatalf("%s with fastFormat: %v", name, err)
		}
		if len(want) != len(got) {
			t.Fatalf("%s: %d files with go/format, %d with fastFormat", name, len(want), len(got))
		}
		for i := range want {
			if !bytes.Equal(want[i].Data, got[i].Data) {
				t.Errorf("%s/%s: fastFormat differs from go/format:\n%s", name, want[i].Name, firstDiff(want[i].Data, got[i].Data))
			}
		}
	}
	t.Logf("fastFormat took %d of %d declarations, %d of %d bytes", fastDecls, decls, fastSize, size)
	if fastDecls*5 < decls*4 {
		t.Errorf("fastFormat took only %d of %d declarations: the comparison tests little", fastDecls, decls)
	}
}

// FuzzFastFormat checks that whatever declaration fastFormat accepts,
// it formats as go/format does: jennifer's unformatted text (the seeds)
// or any Go source.
func FuzzFastFormat(f *testing.F) {
	for _, s := range fastSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		got, ok := fastFormat([]byte(src))
		if !ok {
			return
		}
		want, err := formatPiece([]byte(src), true)
		if err != nil {
			t.Fatalf("fastFormat took what go/format refuses (%v):\n%s", err, src)
		}
		if !bytes.Equal(got, want) {
			t.Fatalf("fastFormat differs from go/format:\n%s\nsource:\n%s", firstDiff(want, got), src)
		}
	})
}

// fastSeeds are declarations as jennifer writes them (from generated
// packages) and a few that fastFormat must refuse.
var fastSeeds = []string{
	"// requiredDfr001Results names the required properties.\nvar requiredDfr001Results = [] string {\n \"Message\",\n}\n\n\n",
	"// decodeJSON reads v.\nfunc (v * Dfr001Results) decodeJSON (r * jsonReader) error {\n* v = Dfr001Results {}\nvar seen [1] bool\nvar m jsonMembers\nfor m . next (r) {\nswitch string (m . key) {\ncase \"AirCompliance\": \nm . err = readPtr (& v . AirCompliance,r,(* Dfr019) . decodeJSON)\ncase \"Message\": \nseen [0] = true\nm . err = readString (& v . Message,r)\ndefault: m . err = r . skipValue ()\n}\n}\nif m . err != nil {\nreturn m . err\n}\nreturn checkRequired (seen [:],requiredDfr001Results)\n}\n",
	"func (v Dfr001Results) MarshalJSON () ([] byte,error) {\nreturn encodeJSONWith (& v)\n}\n",
	"func (Unimplemented) GetX (context.Context,GetXRequest) (GetXResponse,error) {\nreturn nil,& NotImplementedError {Operation:\"getX\"}\n}\n",
	"func f (a,b int,s ... string) {\nif x := a + b * 2;x > 0 && len (s [1 : a + 1]) != b - 1 {\nfor i := 0;i < a;i ++ {\ng (a + b,c * d,- x)\n}\n} else if y {\nreturn\n}\nfor k,v := range m {\n_ ,_ = k,v\n}\n}\n",
	"func g () {\nswitch t := x . (type) {\ncase int,* string: \nreturn\ndefault: \n}\nh (func () {\nx ++\n},[] T {\n{A:1},\n{A:2},\n})\n}\n",
	"type T struct{\nA int `json:\"a\"`\nBB string\n}\n",
	"var x = map [string] int {\n\"a\":1,\n\"bb\":2,\n}\n",
	"func h () {\nreturn a / * b,a & ^ b,- - c\n}\n",
	"func (Get200ResponseWithAVeryLongNameIndeedXxxxxxxxxxxx) isGetResponseWithAVeryLongNameXxxxxxx () {}\n",
	"func (Get200ResponseWithAVeryLongNameIndeedXxxxxxxxxxxx) isGetResponseWithAVeryLongNameXxxxxxxx () {}\n",
	"// T is\n// \n// - a list\n//   item\n// ''quoted''\ntype T struct{\n_ [0] func () // not comparable\n// A is a.\nA int `json:\"a\"` // a\nBBB * string\nC [] byte `json:\"c\"`\n}\n",
	"// Members of Color.\nconst (\nColorRed Color = \"red\"\nColorGreen Color = \"green\"\n)\n",
	"type A = B\n\n// I is\ntype I interface{\n// M does\nM (ctx context.Context,x int) (int,error)\nisI ()\n}\n",
	"func f () {\np := & params {\npv:pv,\nr:r,\nlongerKeyNameThatIsMuchLongerThanFortyCharactersXx:1,\nk:2,\n}\n_ = p\n}\n",
	"func f () {\nswitch i {\ncase 0: \n// \"a\"\nx = func () {}\n}\n}\n",
	// A review's finds: \r in a comment, trailing Unicode white space, \f
	// in a tag, and a formfeed that restarts go/printer's size mean.
	"// \r 0\nvar A A\n",
	"// 0\v\nvar A A\n",
	"// a\u00a0\ntype T struct{\nA int // b\u2003\n}\n",
	"type T struct{\nA int `json:\"a\f\"`\nBB int\n}\n",
	"var x = T{\n" + strings.Repeat("D", 56) + "0:y,\nCccccccc1:1,\n" + strings.Repeat("D", 56) + "2:1,\n}\n",
}

// TestFastFormatDeep: nesting past go/parser's limit, by elided
// composite literals or by chains that build depth in a loop (operators,
// selectors, calls, indexes), is declined, not a stack overflow or a text
// go/format would refuse.
func TestFastFormatDeep(t *testing.T) {
	const n = 200000
	for name, src := range map[string]string{
		"elided literals": "var x = []T{" + strings.Repeat("{", n) + "\n",
		"operators":       "var x = a" + strings.Repeat("+a", n) + "\n",
		"selectors":       "var x = a" + strings.Repeat(".b", n) + "\n",
		"calls":           "var x = a" + strings.Repeat("()", n) + "\n",
		"indexes":         "var x = a" + strings.Repeat("[0]", n) + "\n",
	} {
		if _, ok := fastFormat([]byte(src)); ok {
			t.Errorf("%s: fastFormat took %d levels of nesting", name, n)
		}
	}
}

// TestFastFormatHugePair: a key: value pair longer than go/printer's size
// bound starts no column, as go/printer has it.
func TestFastFormatHugePair(t *testing.T) {
	src := "var x = T{\nA:1,\nBBBB:\"" + strings.Repeat("x", 1000001) + "\",\nC:2,\n}\n"
	got, ok := fastFormat([]byte(src))
	if !ok {
		t.Skip("fastFormat declined it")
	}
	want, err := formatPiece([]byte(src), true)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("differs from go/format:\n%s", firstDiff(want, got))
	}
}

// TestFastFormatLarge: a declaration of tens of thousands of nodes (as
// GitHub's Handler interface) fills many node chunks, and a parser
// reused for the next declaration gives the same text as a new one.
func TestFastFormatLarge(t *testing.T) {
	var src strings.Builder
	src.WriteString("type Handler interface{\n")
	for i := range 20000 {
		fmt.Fprintf(&src, "// M%d does.\nM%d (ctx context.Context,req M%dRequest) (M%dResponse,error)\n", i, i, i, i)
	}
	src.WriteString("}\n")
	want, err := formatPiece([]byte(src.String()), true)
	if err != nil {
		t.Fatal(err)
	}
	var p fparser
	for range 2 {
		got, ok := p.format(nil, []byte(src.String()))
		if !ok {
			t.Fatal("fastFormat refused the interface")
		}
		if !bytes.Equal(got, want) {
			t.Fatalf("differs from go/format:\n%s", firstDiff(want, got))
		}
	}
}
