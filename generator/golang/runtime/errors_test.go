package runtime

import (
	"net/http/httptest"
	"testing"
)

func TestErrorAnswerWrite(t *testing.T) {
	bad := &errorAnswer{status: 400, media: "application/json", body: `{"code":0,"message":"x","big":12345678901234567890}`,
		fills: []errorFill{{"message", nil, -1, 10}, {"detail", nil, -1, -1}, {"code", 400, 0, 0}}}
	empty := &errorAnswer{status: 415}
	table := &errorTable{bad, nil, nil, nil, nil, nil, empty}
	for _, tc := range []struct {
		name, message string
		status        int
		wantStatus    int
		wantType      string
		wantBody      string
	}{
		{"short message in message", "bad", 400, 400, "application/json", `{"big":12345678901234567890,"code":400,"message":"bad"}`},
		{"long message in detail", "a message over ten", 400, 400, "application/json", `{"big":12345678901234567890,"code":400,"detail":"a message over ten","message":"x"}`},
		{"no body declared", "m", 415, 415, "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := table.answer(tc.status)
			if a == nil {
				t.Fatalf("no answer for %d", tc.status)
			}
			rec := httptest.NewRecorder()
			a.write(rec, tc.message)
			if rec.Code != tc.wantStatus || rec.Header().Get("Content-Type") != tc.wantType || rec.Body.String() != tc.wantBody {
				t.Fatalf("got %d %q %s, want %d %q %s", rec.Code, rec.Header().Get("Content-Type"), rec.Body, tc.wantStatus, tc.wantType, tc.wantBody)
			}
		})
	}
	if table.answer(401) != nil || table.answer(500) != nil || (*errorTable)(nil).answer(400) != nil {
		t.Fatal("an answer where none is declared")
	}
}
