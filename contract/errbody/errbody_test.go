package errbody

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/contractfirst/toolkit/contract"
)

func u64(n uint64) *uint64 { return &n }

// errorType is {code: integer, message: string (maxLength 20), title: string}.
var errorType = &contract.Type{Kind: contract.KindObject, Fields: []*contract.Field{
	{Name: "code", Required: true, Type: &contract.Type{Kind: contract.KindInt}},
	{Name: "message", Required: true, Type: &contract.Type{Kind: contract.KindString, Constraints: contract.Constraints{MaxLength: u64(20)}}},
	{Name: "title", Type: &contract.Type{Kind: contract.KindString}},
	{Name: "detail", Type: &contract.Type{Kind: contract.KindString}},
}}

func op(statuses ...string) *contract.Operation {
	o := &contract.Operation{ID: "op"}
	for _, s := range statuses {
		o.Responses = append(o.Responses, &contract.Response{Status: s, Contents: []*contract.Content{{
			MediaType: "application/json", Kind: contract.BodyJSON, Type: errorType,
			Example: map[string]any{"code": 0.0, "message": "x"}, HasExample: true,
		}}})
	}
	return o
}

func TestFor(t *testing.T) {
	tests := []struct {
		name     string
		op       *contract.Operation
		status   int
		want     string // the response chosen, "" for none
		wantCode int
		message  string
		wantBody any
	}{
		{"exact", op("200", "400", "4XX", "default"), 400, "400", 400, "bad", map[string]any{"code": 400.0, "message": "bad"}},
		{"range", op("200", "4XX", "default"), 415, "4XX", 415, "media", map[string]any{"code": 415.0, "message": "media"}},
		{"default", op("200", "default"), 404, "default", 404, "gone", map[string]any{"code": 404.0, "message": "gone"}},
		{"422 for 400", op("200", "422"), 400, "422", 422, "bad", map[string]any{"code": 422.0, "message": "bad"}},
		// Only the first message property that takes it gets the message: a
		// message longer than message's maxLength goes to detail.
		{"too long", op("400"), 400, "400", 400, "a message of more than twenty characters", map[string]any{"code": 400.0, "message": "x", "detail": "a message of more than twenty characters"}},
		{"none", op("200", "5XX"), 400, "", 0, "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := For(tt.op, tt.status)
			if tt.want == "" {
				if a != nil {
					t.Fatalf("For = %s, want nil", a.Response.Status)
				}
				return
			}
			if a == nil || a.Response.Status != tt.want || a.Status != tt.wantCode {
				t.Fatalf("For = %+v, want response %s status %d", a, tt.want, tt.wantCode)
			}
			if diff := cmp.Diff(tt.wantBody, a.Body(tt.message)); diff != "" {
				t.Errorf("body (-want +got):\n%s", diff)
			}
		})
	}
}

// TestFillsOnlyWhatTheSchemaTakes: a code held as a string gets the
// status as text, a title missing from an optional example is left out,
// and a code whose schema cannot take the status is not set.
func TestFillsOnlyWhatTheSchemaTakes(t *testing.T) {
	max := 299.0
	typ := &contract.Type{Kind: contract.KindObject, Fields: []*contract.Field{
		{Name: "status", Type: &contract.Type{Kind: contract.KindString}, Required: true},
		{Name: "Title", Type: &contract.Type{Kind: contract.KindString}},
		{Name: "code", Type: &contract.Type{Kind: contract.KindInt, Constraints: contract.Constraints{Maximum: &max}}, Required: true},
	}}
	got := Fills(typ, map[string]any{"status": "", "code": 1.0}, 413)
	want := []Fill{{Name: "status", Value: "413", MinLength: -1, MaxLength: -1}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Fills (-want +got):\n%s", diff)
	}
	if got := Fills(typ, "text", 413); got != nil {
		t.Errorf("Fills of a non-object = %v, want nil", got)
	}
}
