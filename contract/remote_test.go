package contract

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// remoteServer serves schemas.yaml (whose Pet refers, relatively, to
// common.yaml on the same server, and carries an examples object the early
// repairs remove), big.yaml (over a small size cap) and slow.yaml (no
// answer until the client gives up). It counts requests.
func remoteServer(t *testing.T) (*httptest.Server, *int) {
	t.Helper()
	var hits int
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits++
		switch r.URL.Path {
		case "/api/schemas.yaml":
			w.Write([]byte("Pet:\n  type: object\n  properties:\n    id: {$ref: 'common.yaml#/Id'}\n  examples:\n    one: {value: {id: 1}}\n"))
		case "/api/common.yaml":
			w.Write([]byte("Id: {type: integer, format: int64}\n"))
		case "/api/big.yaml":
			w.Write([]byte("Big: {type: string, description: '" + strings.Repeat("x", 4096) + "'}\n"))
		case "/api/slow.yaml":
			<-r.Context().Done()
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(srv.Close)
	return srv, &hits
}

// TestRemoteRefs: an http(s) $ref is refused with a message naming the
// flag, without a request; with AllowRemote it is read (and the relative
// $refs inside it, against its URL), prepared like a local file and built;
// the size cap and the timeout apply, each with its message at the $ref.
func TestRemoteRefs(t *testing.T) {
	srv, hits := remoteServer(t)
	ref := func(name, frag string) string { return srv.URL + "/api/" + name + "#/" + frag }

	_, path := refContract(t, ref("schemas.yaml", "Pet"))
	got := loadErr(t, path, LoadOptions{})
	if want := `c.yaml:6:9: /components/schemas/A/$ref: $ref "` + ref("schemas.yaml", "Pet") + `": cannot read contract: remote references are not read unless allowed with --allow-remote-refs`; !strings.Contains(got, want) {
		t.Errorf("without the opt-in:\n%s\nwant it to contain\n%s", got, want)
	}
	if *hits != 0 {
		t.Errorf("%d requests without the opt-in, want none", *hits)
	}

	doc, err := Load(path, LoadOptions{Reads: ReadLimits{AllowRemote: true}})
	if err != nil {
		t.Fatalf("with the opt-in: %v", err)
	}
	if len(doc.Warnings) != 1 || doc.Warnings[0].Pos.File != srv.URL+"/api/schemas.yaml" || doc.Warnings[0].Pos.Line != 5 || doc.Warnings[0].Pointer != "/Pet/examples" {
		t.Errorf("warnings %v, want one for the examples object at schemas.yaml line 5", doc.Warnings)
	}
	m, err := Build(doc)
	if err != nil {
		t.Fatalf("build: %v", err)
	}
	if id := field(t, typeNamed(t, m, "A"), "id"); id.Type.Kind != KindInt || id.Type.Format != "int64" {
		t.Errorf("id from common.yaml: %+v", id.Type)
	}

	for _, tc := range []struct {
		name string
		lim  ReadLimits
		want string
	}{
		{"big.yaml", ReadLimits{AllowRemote: true, MaxSize: 1024}, `: larger than the limit of 1 KB (raise it with --max-contract-size)`},
		{"slow.yaml", ReadLimits{AllowRemote: true, RemoteTimeout: 50 * time.Millisecond}, `: no answer within 50ms`},
		{"missing.yaml", ReadLimits{AllowRemote: true}, `: HTTP 404 Not Found`},
	} {
		_, path := refContract(t, ref(tc.name, "X"))
		if got := loadErr(t, path, LoadOptions{Reads: tc.lim}); !strings.Contains(got, "/components/schemas/A/$ref: ") || !strings.HasSuffix(got, tc.want) {
			t.Errorf("%s: got\n%s\nwant at the $ref, ending in\n%s", tc.name, got, tc.want)
		}
	}
}

// TestRemoteRefHidesPassword: a password in a remote $ref's URL is not
// repeated in the refusal, and with the opt-in such a URL is refused
// without a request (it would name the file in every position).
func TestRemoteRefHidesPassword(t *testing.T) {
	srv, hits := remoteServer(t)
	_, path := refContract(t, "https://user:s3cret@example.invalid/a.yaml#/A")
	if got := loadErr(t, path, LoadOptions{}); strings.Contains(got, "s3cret") || !strings.Contains(got, "--allow-remote-refs") {
		t.Errorf("got %s", got)
	}
	_, path = refContract(t, strings.Replace(srv.URL, "http://", "http://user:s3cret@", 1)+"/api/schemas.yaml#/Pet")
	if got := loadErr(t, path, LoadOptions{Reads: ReadLimits{AllowRemote: true}}); strings.Contains(got, "s3cret") || !strings.Contains(got, "must not carry credentials") || *hits != 0 {
		t.Errorf("with the opt-in, %d requests: %s", *hits, got)
	}
}
