package validate

import "testing"

// TestRevocation: the turn to 401/403 is named only when it locked
// another operation out that had succeeded before.
func TestRevocation(t *testing.T) {
	list := &OperationResult{ID: "listPets", Method: "GET", Path: "/pets"}
	pw := &OperationResult{ID: "changePassword", Method: "PUT", Path: "/account/password"}
	del := &OperationResult{ID: "deletePet", Method: "DELETE", Path: "/pets/{id}"}
	a := func(res *OperationResult, status int) loggedAnswer { return loggedAnswer{res, status} }
	for _, tc := range []struct {
		name string
		log  []loggedAnswer
		want string
	}{
		{"password change locks the rest out",
			[]loggedAnswer{a(list, 200), a(list, 200), a(pw, 204), a(pw, 401), a(list, 401), a(list, 401), a(del, 401)},
			"after PUT /account/password every answer was 401; exclude it with --exclude-operation changePassword"},
		{"403 named as such",
			[]loggedAnswer{a(list, 200), a(pw, 204), a(list, 403), a(list, 403), a(list, 403)},
			"after PUT /account/password every answer was 403; exclude it with --exclude-operation changePassword"},
		{"deletes refused from the start are not a revocation",
			[]loggedAnswer{a(list, 200), a(list, 200), a(del, 403), a(del, 403), a(del, 403)}, ""},
		{"only the culprit's own later requests refused",
			[]loggedAnswer{a(list, 200), a(pw, 204), a(pw, 401), a(pw, 401), a(pw, 401)}, ""},
		{"too few refusals to tell",
			[]loggedAnswer{a(list, 200), a(pw, 204), a(list, 401), a(list, 401)}, ""},
		{"no success at all", []loggedAnswer{a(list, 401), a(list, 401), a(list, 401), a(list, 401)}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			culprit, got := revocation(tc.log)
			if got != tc.want {
				t.Fatalf("got %q, want %q", got, tc.want)
			}
			if tc.want != "" && culprit != pw {
				t.Errorf("culprit %v, want changePassword", culprit)
			}
		})
	}
}
