package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestInitRerunReceivers: the receiver stubs of a contract's callbacks are
// the user's once written: init run again keeps them, edits and all, and
// writes no second stub of a receiver they declare; when a callback
// operation is renamed, it lists the method to
// add and the one left without an operation, as for Service.
func TestInitRerunReceivers(t *testing.T) {
	dir := initProject(t, "../../testdata/contracts/callbacks/openapi.yaml", "example.com/callbacks", true)
	recv := filepath.Join(dir, "internal", "service", "receivers.go")
	data, err := os.ReadFile(recv)
	if err != nil {
		t.Fatalf("init did not create receivers.go: %v", err)
	}
	if !strings.Contains(string(data), "func (s *SubscribeOnEventCallbackReceiver) DeliverEvent(") {
		t.Fatalf("receivers.go lacks the onEvent callback's stub:\n%s", data)
	}
	edited := string(data) + "// edited by the user\n"
	if err := os.WriteFile(recv, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	contractFile := filepath.Join(dir, "openapi.yaml")
	spec, err := os.ReadFile(contractFile)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(contractFile, []byte(strings.Replace(string(spec), "operationId: deliverEvent\n", "operationId: deliverEvents\n", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := runCLI(t, "", "init", "--contract", contractFile, "--out", dir)
	if code != 0 {
		t.Fatalf("init again: exit %d\n%s", code, stderr)
	}
	if got, _ := os.ReadFile(recv); string(got) != edited {
		t.Errorf("init again rewrote receivers.go:\n%s", got)
	}
	if strings.Contains(stdout, "created ") {
		t.Errorf("init again created files for receivers receivers.go declares:\n%s", stdout)
	}
	for _, want := range []string{
		"callback operation deliverEvents (POST) has no handler method; add:\n\tfunc (s *SubscribeOnEventCallbackReceiver) DeliverEvents(ctx context.Context, req api.DeliverEventsRequest) (api.DeliverEventsResponse, error)",
		"receivers.go:51:1: handler method DeliverEvent has no operation in the contract any more",
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("init's report lacks %q:\n%s", want, stderr)
		}
	}
}
