package golang

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/contractfirst/toolkit/contract"
	"github.com/contractfirst/toolkit/generator"
)

// TestOutboundIdentifiers: webhook and callback operations are part of the
// Go API tools reason about, as their receiver's and sender's methods.
func TestOutboundIdentifiers(t *testing.T) {
	for path, want := range map[string][]string{
		"../../testdata/contracts/streams/openapi.yaml": {
			"method WebhookHandler.NewPetHook", "method WebhookSender.NewPetHook",
			"method WebhookHandler.DeletePetGone", "request-field DeletePetGoneRequest.ID",
			"response NewPetHook200Response", "method Handler.WatchTicks",
		},
		"../../testdata/contracts/callbacks/openapi.yaml": {
			"method SubscribeOnEventCallbackHandler.DeliverEvent", "method SubscribeOnEventCallback.DeliverEvent",
			"method SubscribeOnStatusCallback.ReportStatus", "type DeliverEventRequest",
		},
	} {
		_, m, err := contract.Open(path, contract.LoadOptions{})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, id := range Identifiers(m, generator.Options{Package: "api"}) {
			got = append(got, id.Kind+" "+id.Name)
		}
		for _, w := range want {
			if !slices.Contains(got, w) {
				t.Errorf("%s: no %q among the identifiers", filepath.Base(filepath.Dir(path)), w)
			}
		}
	}
}

// TestWebhookNamesEscaped: a webhook name is a path segment of the
// receiver's route and the sender's URL, escaped, so that braces or spaces
// in it neither make a ServeMux wildcard nor break the pattern; in comments
// it is quoted.
func TestWebhookNamesEscaped(t *testing.T) {
	path := filepath.Join(t.TempDir(), "t.yaml")
	src := `openapi: 3.1.0
info: {title: t, version: "1"}
webhooks:
  "{odd} name":
    post:
      operationId: odd
      responses:
        "204": {description: ok}
`
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	files := generateFiles(t, path, "api", "server", "client")
	var server, client string
	for _, f := range files {
		switch f.Name {
		case "server.gen.go":
			server = string(f.Data)
		case "client.gen.go":
			client = string(f.Data)
		}
	}
	if !strings.Contains(server, `mux.HandleFunc("POST /%7Bodd%7D%20name"`) {
		t.Errorf("route not escaped:\n%s", server)
	}
	if !strings.Contains(client, `path := "/%7Bodd%7D%20name"`) || !strings.Contains(client, `(webhook "{odd} name")`) {
		t.Errorf("sender path or comment:\n%s", client)
	}
}
