package scaffold

import (
	"path/filepath"
	"regexp"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestSecurityStubs: a contract with secured operations gets security.go,
// whose every method refuses (never accepts by default), and main.go and the
// test build NewServer with it; a contract without gets neither.
func TestSecurityStubs(t *testing.T) {
	m := loadModel(t, "../../testdata/contracts/security/openapi.yaml")
	files, err := Generate(m, Options{Module: "example.com/vault", Package: "api", Contract: "openapi.yaml"})
	if err != nil {
		t.Fatal(err)
	}
	byName := map[string]string{}
	var names []string
	for _, f := range files {
		byName[f.Name] = string(f.Data)
		names = append(names, f.Name)
		if !f.UserOwned && f.Name != MountFile {
			t.Errorf("%s is not user-owned", f.Name)
		}
	}
	want := []string{"go.mod", "toolkit.yaml", "Makefile", "README.md", ".gitignore", ServiceFile, SecurityFile, MountFile, MainFile, TestFile}
	if diff := cmp.Diff(want, names); diff != "" {
		t.Errorf("files (-want +got):\n%s", diff)
	}
	checkGolden(t, filepath.Join("testdata", "security", "security.go.golden"), []byte(byName[SecurityFile]))

	// One method per scheme an operation requires ("unused" is required by
	// none), each returning a refusal.
	methods := regexp.MustCompile(`(?m)^func \(s \*Security\) (\w+)\(.*\n\treturn nil, errors\.New\("(\w+) is not written yet: it refuses every credential`).FindAllStringSubmatch(byName[SecurityFile], -1)
	var got []string
	for _, m := range methods {
		if m[1] != m[2] {
			t.Errorf("%s says it is %s", m[1], m[2])
		}
		got = append(got, m[1])
	}
	wantMethods := []string{"HandleAPIKeyCookie", "HandleAPIKeyHeader", "HandleAPIKeyQuery", "HandleBasicAuth", "HandleBearerAuth", "HandleMtls", "HandleOauth"}
	if diff := cmp.Diff(wantMethods, got); diff != "" {
		t.Errorf("refusing methods (-want +got):\n%s", diff)
	}
	for _, name := range []string{MainFile, TestFile} {
		if !regexp.MustCompile(`api\.NewServer\(service\.New\(\), service\.NewSecurity\(\)`).MatchString(byName[name]) {
			t.Errorf("%s does not pass the security checks to NewServer:\n%s", name, byName[name])
		}
	}

	plain, err := Generate(loadModel(t, petstore), Options{Module: "example.com/petstore", Package: "api", Contract: "openapi.yaml"})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range plain {
		if f.Name == SecurityFile {
			t.Errorf("petstore, without security, got %s", SecurityFile)
		}
	}
}
