package scaffold

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/contractfirst/toolkit/contract"
	"github.com/contractfirst/toolkit/generator/golang"
)

func TestCheckHandlers(t *testing.T) {
	names := []golang.HandlerName{
		{Op: &contract.Operation{ID: "listPets", Method: "GET", Path: "/pets"}, Method: "ListPets", Request: "ListPetsRequest", Response: "ListPetsResponse"},
		{Op: &contract.Operation{ID: "getPet", Method: "GET", Path: "/pets/{id}\x1b[31m"}, Method: "GetPet", Request: "GetPetRequest", Response: "GetPetResponse"},
	}
	const head = "package service\n\nimport (\n\t\"context\"\n\n\t\"example.com/x/api\"\n)\n\n"
	cases := []struct {
		name    string
		files   map[string]string
		found   bool
		missing []string
		stale   []string // name@file:line
	}{
		{
			name: "complete, value and pointer receivers, helpers ignored",
			files: map[string]string{"service.go": head + "type Service struct{}\n\n" +
				"func (s *Service) ListPets(ctx context.Context, req api.ListPetsRequest) (api.ListPetsResponse, error) { return nil, nil }\n" +
				"func (Service) GetPet(context.Context, api.GetPetRequest) (api.GetPetResponse, error) { return nil, nil }\n" +
				"func (s *Service) helper(x int) error { return nil }\n"},
			found: true,
		},
		{
			name: "methods split over files; test files and other types ignored",
			files: map[string]string{
				"service.go":      head + "type Service struct{}\n\nfunc (s *Service) ListPets(ctx context.Context, req api.ListPetsRequest) (api.ListPetsResponse, error) { return nil, nil }\n",
				"pets.go":         head + "type other struct{}\n\nfunc (o *other) GetPet(ctx context.Context, req api.GetPetRequest) (api.GetPetResponse, error) { return nil, nil }\n",
				"service_test.go": head + "func (s *Service) GetPet(ctx context.Context, req api.GetPetRequest) (api.GetPetResponse, error) { return nil, nil }\n",
			},
			found:   true,
			missing: []string{"GetPet"},
		},
		{
			name: "operation gone",
			files: map[string]string{"service.go": head + "type Service struct{}\n\n" +
				"func (s *Service) ListPets(ctx context.Context, req api.ListPetsRequest) (api.ListPetsResponse, error) { return nil, nil }\n" +
				"func (s *Service) GetPet(ctx context.Context, req api.GetPetRequest) (api.GetPetResponse, error) { return nil, nil }\n" +
				"func (s *Service) DeletePet(ctx context.Context, req api.DeletePetRequest) (api.DeletePetResponse, error) { return nil, nil }\n"},
			found: true,
			stale: []string{"DeletePet@service.go:13"},
		},
		{
			name:  "no Service type",
			files: map[string]string{"service.go": head + "type Handlers struct{}\n\nvar _ = context.Background\nvar _ api.Handler\n"},
		},
		{name: "no folder"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "service")
			if c.files != nil {
				os.MkdirAll(dir, 0o755)
			}
			for name, src := range c.files {
				if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			r, found, err := CheckHandlers(dir, names)
			if err != nil {
				t.Fatal(err)
			}
			if found != c.found {
				t.Fatalf("found = %v, want %v", found, c.found)
			}
			var missing, stale []string
			for _, n := range r.Missing {
				missing = append(missing, n.Method)
			}
			for _, m := range r.Stale {
				stale = append(stale, m.Name+"@"+filepath.Base(m.Pos.Filename)+":"+strconv.Itoa(m.Pos.Line))
			}
			if diff := cmp.Diff(c.missing, missing); diff != "" {
				t.Errorf("missing (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(c.stale, stale); diff != "" {
				t.Errorf("stale (-want +got):\n%s", diff)
			}
			if r.Empty() != (len(c.missing) == 0 && len(c.stale) == 0) {
				t.Errorf("Empty() = %v", r.Empty())
			}
			for _, l := range r.Lines(dir, "api") {
				if strings.ContainsRune(l, '\x1b') {
					t.Errorf("report line keeps a control character: %q", l)
				}
			}
		})
	}
}

func TestCheckHandlersSyntaxError(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "service.go"), []byte("package service\n\nfunc (s *Service) {\n"), 0o644)
	if _, _, err := CheckHandlers(dir, nil); err == nil || !strings.Contains(err.Error(), "service.go:3") {
		t.Errorf("err = %v, want the file's position", err)
	}
}

// TestCheckReceivers: each receiver stub type found is compared with its
// operations, a missing webhook named as such; a stub type the folder does
// not have is reported absent, with what adds it (toolkit init).
func TestCheckReceivers(t *testing.T) {
	dir := t.TempDir()
	src := "package service\n\nimport (\n\t\"context\"\n\n\t\"example.com/x/api\"\n)\n\ntype WebhookReceiver struct{}\n\n" +
		"func (s *WebhookReceiver) NewPetHook(ctx context.Context, req api.NewPetHookRequest) (api.NewPetHookResponse, error) { return nil, nil }\n" +
		"func (s *WebhookReceiver) OldHook(ctx context.Context, req api.OldHookRequest) (api.OldHookResponse, error) { return nil, nil }\n"
	if err := os.WriteFile(filepath.Join(dir, "receivers.go"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	hook := func(name, method string) golang.HandlerName {
		return golang.HandlerName{Op: &contract.Operation{ID: name, Method: "POST", Webhook: name}, Method: method, Request: method + "Request", Response: method + "Response"}
	}
	receivers := []golang.ReceiverName{
		{Stub: "WebhookReceiver", Methods: []golang.HandlerName{hook("newPet", "NewPetHook"), hook("petGone\x1b[2J", "PetGoneHook")}},
		{What: `callback "onEvent" of operation "subscribe"`, Stub: "SubscribeOnEventCallbackReceiver", Methods: []golang.HandlerName{{Op: &contract.Operation{ID: "deliverEvent", Method: "POST"}, Method: "DeliverEvent"}}},
	}
	reports, err := CheckReceivers(dir, receivers)
	if err != nil {
		t.Fatal(err)
	}
	if len(reports) != 2 || reports[1].Absent == nil || reports[1].Empty() {
		t.Fatalf("%d reports, want two, the callback's saying its stub type is absent", len(reports))
	}
	absent := reports[1].Lines(dir, "api")
	if want := dir + `: no receiver for the callback "onEvent" of operation "subscribe": SubscribeOnEventCallbackReceiver is not declared; run toolkit init again to add its stub and mount it (until then nothing receives them)`; len(absent) != 1 || absent[0] != want {
		t.Errorf("absent receiver: %q, want %q", absent, want)
	}
	var got []string
	for _, l := range reports[0].Lines(dir, "api") {
		got = append(got, strings.TrimPrefix(strings.TrimPrefix(l, dir), string(filepath.Separator)))
	}
	want := []string{
		": webhook petGone?[2J (POST) has no handler method; add:\n\tfunc (s *WebhookReceiver) PetGoneHook(ctx context.Context, req api.PetGoneHookRequest) (api.PetGoneHookResponse, error)",
		"receivers.go:12:1: handler method OldHook has no operation in the contract any more; remove or rename it",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("lines (-want +got):\n%s", diff)
	}
}
