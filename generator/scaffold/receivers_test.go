package scaffold

import (
	"encoding/json"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestReceiverStubs: a contract with webhooks (3.1) or callbacks (3.0) gets
// receivers.go, one stub type per receiver whose every method answers what
// the receiver's Unimplemented base answers (501), and mountReceivers
// (MountFile, generated) mounts each under a path of its own; a contract
// with neither gets no such file, and a mountReceivers that mounts nothing.
func TestReceiverStubs(t *testing.T) {
	for _, tc := range []struct {
		name, contract string
		mounts         []string // mountReceivers' lines
	}{
		{
			name: "webhooks", contract: "../../testdata/contracts/streams/openapi.yaml",
			mounts: []string{`mux.Handle("/webhooks/", http.StripPrefix("/webhooks", api.NewWebhookServer(service.NewWebhookReceiver(), opts...)))`},
		},
		{
			name: "callbacks", contract: "../../testdata/contracts/callbacks/openapi.yaml",
			mounts: []string{
				`mux.Handle("/callbacks/SubscribeOnEnd/", http.StripPrefix("/callbacks/SubscribeOnEnd", api.NewSubscribeOnEndCallbackServer(service.NewSubscribeOnEndCallbackReceiver(), opts...)))`,
				`mux.Handle("/callbacks/SubscribeOnEvent/", http.StripPrefix("/callbacks/SubscribeOnEvent", api.NewSubscribeOnEventCallbackServer(service.NewSubscribeOnEventCallbackReceiver(), opts...)))`,
				`mux.Handle("/callbacks/SubscribeOnStatus/", http.StripPrefix("/callbacks/SubscribeOnStatus", api.NewSubscribeOnStatusCallbackServer(service.NewSubscribeOnStatusCallbackReceiver(), opts...)))`,
			},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			files, err := Generate(loadModel(t, tc.contract), Options{Module: "example.com/" + tc.name, Package: "api", Contract: "openapi.yaml"})
			if err != nil {
				t.Fatal(err)
			}
			byName := map[string]string{}
			for _, f := range files {
				byName[f.Name] = string(f.Data)
				if !f.UserOwned && f.Name != MountFile {
					t.Errorf("%s is not user-owned", f.Name)
				}
			}
			recv, ok := byName[ReceiversFile]
			if !ok {
				t.Fatalf("no %s among the files", ReceiversFile)
			}
			checkGolden(t, filepath.Join("testdata", "receivers", tc.name+".go.golden"), []byte(recv))
			var mounts []string
			for _, l := range strings.Split(byName[MountFile], "\n") {
				if l = strings.TrimSpace(l); strings.HasPrefix(l, "mux.Handle(\"/") {
					mounts = append(mounts, l)
				}
			}
			if diff := cmp.Diff(tc.mounts, mounts); diff != "" {
				t.Errorf("main.go's receiver mounts (-want +got):\n%s", diff)
			}
			// Every method delegates to its receiver's 501 base.
			methods := regexp.MustCompile(`(?m)^func \(s \*(\w+)\) (\w+)\(ctx context\.Context, req api\.\w+\) \(api\.\w+, error\) \{\n\treturn api\.(\w+)\{\}\.(\w+)\(ctx, req\)`).FindAllStringSubmatch(recv, -1)
			if len(methods) == 0 || strings.Count(recv, "\nfunc (s *") != len(methods) {
				t.Errorf("%d of %d methods answer through Unimplemented:\n%s", len(methods), strings.Count(recv, "\nfunc (s *"), recv)
			}
			for _, m := range methods {
				if m[2] != m[4] || strings.TrimSuffix(m[1], "Receiver") != strings.TrimSuffix(strings.Replace(m[3], "Unimplemented", "", 1), "s") {
					t.Errorf("%s.%s answers through %s.%s", m[1], m[2], m[3], m[4])
				}
			}
			if !strings.Contains(byName["README.md"], "## Webhooks and callbacks received") {
				t.Errorf("README.md does not list the receivers:\n%s", byName["README.md"])
			}
		})
	}
	plain, err := Generate(loadModel(t, petstore), Options{Module: "example.com/petstore", Package: "api", Contract: "openapi.yaml"})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range plain {
		if f.Name == ReceiversFile {
			t.Errorf("petstore, without webhooks or callbacks, got %s", ReceiversFile)
		}
		if f.Name == MountFile && !strings.Contains(string(f.Data), "func mountReceivers(*http.ServeMux, ...api.ServerOption) {}") {
			t.Errorf("petstore's %s mounts something:\n%s", MountFile, f.Data)
		}
	}
}

// TestReceiverPrefix: a receiver's path never hides one of the contract's.
func TestReceiverPrefix(t *testing.T) {
	m := loadModel(t, "../../testdata/contracts/streams/openapi.yaml")
	m.Operations[0].Path = "/webhooks/{id}"
	rs := receivers(m, nil)
	if len(rs) != 0 {
		t.Fatalf("receivers of no names: %v", rs)
	}
	p := newProject(m, Options{Module: "example.com/x", Package: "api", Contract: "openapi.yaml"})
	if len(p.Receivers) != 1 || p.Receivers[0].Prefix != "/_webhooks" {
		t.Errorf("receivers %+v, want one at /_webhooks", p.Receivers)
	}
}

// TestTextValue: the sample values a scaffold's smoke test writes into a
// path or query parameter, integers beyond int64 (json.Number) exact.
func TestTextValue(t *testing.T) {
	for _, tc := range []struct {
		in   any
		want string
		ok   bool
	}{
		{"a b", "a b", true},
		{true, "true", true},
		{float64(42), "42", true},
		{1.5, "1.5", true},
		{json.Number("18446744073709551615"), "18446744073709551615", true},
		{[]any{1}, "", false},
	} {
		got, ok := textValue(tc.in)
		if got != tc.want || ok != tc.ok {
			t.Errorf("textValue(%#v) = %q, %v; want %q, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}
