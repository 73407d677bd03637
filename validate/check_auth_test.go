package validate

import (
	"net/http"
	"testing"
)

// TestRevocation: the turn to 401/403 is named only when it locked
// another operation out that had succeeded before.
func TestRevocation(t *testing.T) {
	list := &OperationResult{ID: "listPets", Method: "GET", Path: "/pets"}
	pw := &OperationResult{ID: "changePassword", Method: "PUT", Path: "/account/password"}
	del := &OperationResult{ID: "deletePet", Method: "DELETE", Path: "/pets/{id}"}
	a := func(res *OperationResult, status int) loggedAnswer {
		la := loggedAnswer{res: res, status: status}
		if safeMethod(res.Method) && status < 300 {
			la.req, _ = http.NewRequest(res.Method, "http://svc"+res.Path, nil)
		}
		return la
	}
	for _, tc := range []struct {
		name  string
		log   []loggedAnswer
		probe int // the status a probe gets; 0: no probe expected
		want  string
	}{
		{"password change locks the rest out",
			[]loggedAnswer{a(list, 200), a(list, 200), a(pw, 204), a(pw, 401), a(list, 401), a(list, 401), a(del, 401)}, 0,
			"after PUT /account/password every answer was 401; exclude it with --exclude-operation changePassword"},
		{"403 named as such",
			[]loggedAnswer{a(list, 200), a(pw, 204), a(list, 403), a(list, 403), a(list, 403)}, 0,
			"after PUT /account/password every answer was 403; exclude it with --exclude-operation changePassword"},
		{"deletes refused from the start are not a revocation",
			[]loggedAnswer{a(list, 200), a(list, 200), a(del, 403), a(del, 403), a(del, 403)}, 0, ""},
		{"only the culprit's own later requests refused",
			[]loggedAnswer{a(list, 200), a(pw, 204), a(pw, 401), a(pw, 401), a(pw, 401)}, 0, ""},
		{"too few refusals to tell",
			[]loggedAnswer{a(list, 200), a(pw, 204), a(list, 401), a(list, 401)}, 0, ""},
		{"no success at all", []loggedAnswer{a(list, 401), a(list, 401), a(list, 401), a(list, 401)}, 0, ""},
		// Every list came before the turn: a probe tells.
		{"probe refused: revoked",
			[]loggedAnswer{a(list, 200), a(list, 200), a(pw, 204), a(pw, 401), a(del, 401), a(del, 401)}, 401,
			"after PUT /account/password every answer was 401; exclude it with --exclude-operation changePassword"},
		{"probe accepted: refused from the start",
			[]loggedAnswer{a(list, 200), a(pw, 204), a(del, 403), a(del, 403), a(del, 403)}, 200, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			probed := false
			culprit, got := revocation(tc.log, func(req *http.Request) int {
				probed = true
				if req.Method != http.MethodGet || req.URL.Path != "/pets" {
					t.Errorf("probe sent %s %s, want the last successful list", req.Method, req.URL.Path)
				}
				if tc.probe == 0 {
					t.Error("probe sent where the log already tells")
				}
				return tc.probe
			})
			if tc.probe != 0 && !probed {
				t.Error("no probe sent")
			}
			if got != tc.want {
				t.Fatalf("got %q, want %q", got, tc.want)
			}
			if tc.want != "" && culprit != pw {
				t.Errorf("culprit %v, want changePassword", culprit)
			}
		})
	}
}
