package store

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestMemoryUsers(t *testing.T) {
	ctx := context.Background()
	m := NewMemory(nil)
	a, err := m.CreateUser(ctx, User{Username: "alice"})
	if err != nil || a.ID != 1 {
		t.Fatalf("CreateUser = %+v, %v", a, err)
	}
	if _, err := m.CreateUser(ctx, User{Username: "alice"}); !errors.Is(err, ErrConflict) {
		t.Errorf("second alice: %v, want ErrConflict", err)
	}
	if u, err := m.UserByName(ctx, "alice"); err != nil || u.ID != a.ID {
		t.Errorf("UserByName = %+v, %v", u, err)
	}
	if _, err := m.UserByID(ctx, 99); !errors.Is(err, ErrNotFound) {
		t.Errorf("UserByID(99) = %v, want ErrNotFound", err)
	}
	if err := m.SetPassword(ctx, 99, a.Password); !errors.Is(err, ErrNotFound) {
		t.Errorf("SetPassword(99) = %v, want ErrNotFound", err)
	}
}

func TestMemorySessions(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	m := NewMemory(func() time.Time { return now })
	for _, s := range []Session{
		{ID: "a", UserID: 1, ExpiresAt: now.Add(time.Hour)},
		{ID: "b", UserID: 1, ExpiresAt: now.Add(time.Hour)},
		{ID: "c", UserID: 2, ExpiresAt: now.Add(time.Hour)},
		{ID: "old", UserID: 2, ExpiresAt: now},
	} {
		if err := m.CreateSession(ctx, s); err != nil {
			t.Fatal(err)
		}
	}
	open := func() map[string]bool {
		got := map[string]bool{}
		for _, id := range []string{"a", "b", "c", "old"} {
			for _, u := range []int64{1, 2} {
				if ok, _ := m.SessionOpen(ctx, id, u); ok {
					got[id] = true
				}
			}
		}
		return got
	}
	if diff := cmp.Diff(map[string]bool{"a": true, "b": true, "c": true}, open()); diff != "" {
		t.Errorf("open sessions (-want +got):\n%s", diff)
	}
	if ok, _ := m.SessionOpen(ctx, "a", 2); ok {
		t.Error("session a is open for user 2, whose it is not")
	}
	if err := m.DeleteUserSessions(ctx, 1, "b"); err != nil {
		t.Fatal(err)
	}
	if err := m.DeleteSession(ctx, "c"); err != nil {
		t.Fatal(err)
	}
	if err := m.DeleteSession(ctx, "c"); !errors.Is(err, ErrNotFound) {
		t.Errorf("second DeleteSession = %v, want ErrNotFound", err)
	}
	if diff := cmp.Diff(map[string]bool{"b": true}, open()); diff != "" {
		t.Errorf("after deletes (-want +got):\n%s", diff)
	}
}

func TestMemoryCustomers(t *testing.T) {
	ctx := context.Background()
	m := NewMemory(nil)
	add := func(owner int64, name, email, company string) int64 {
		c, err := m.CreateCustomer(ctx, Customer{Owner: owner, Name: name, Email: email, Company: company})
		if err != nil {
			t.Fatal(err)
		}
		return c.ID
	}
	add(1, "Ada", "ada@example.com", "")          // 1
	add(1, "Bob", "bob@example.com", "ACME")      // 2
	add(2, "Acme buyer", "buyer@example.com", "") // 3: another owner
	add(1, "Cy", "cy@acme.example", "")           // 4
	add(1, "Di", "di@example.com", "")            // 5

	names := func(cs []Customer) []string {
		out := []string{}
		for _, c := range cs {
			out = append(out, c.Name)
		}
		return out
	}
	for _, tc := range []struct {
		name string
		q    CustomerQuery
		want []string
		more bool
	}{
		{"all newest first", CustomerQuery{Owner: 1}, []string{"Di", "Cy", "Bob", "Ada"}, false},
		{"first page", CustomerQuery{Owner: 1, Limit: 2}, []string{"Di", "Cy"}, true},
		{"second page", CustomerQuery{Owner: 1, Limit: 2, Before: 4}, []string{"Bob", "Ada"}, false},
		{"exact fit", CustomerQuery{Owner: 1, Limit: 4}, []string{"Di", "Cy", "Bob", "Ada"}, false},
		{"text in company and email, any case", CustomerQuery{Owner: 1, Text: "acme"}, []string{"Cy", "Bob"}, false},
		{"other owner's match left out", CustomerQuery{Owner: 2, Text: "acme"}, []string{"Acme buyer"}, false},
		{"no match", CustomerQuery{Owner: 1, Text: "zzz"}, []string{}, false},
	} {
		got, more, err := m.ListCustomers(ctx, tc.q)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(tc.want, names(got)); diff != "" || more != tc.more {
			t.Errorf("%s: more = %v (want %v), names (-want +got):\n%s", tc.name, more, tc.more, diff)
		}
	}

	if _, err := m.Customer(ctx, 2, 1); !errors.Is(err, ErrNotFound) {
		t.Errorf("owner 2 reads owner 1's customer: %v, want ErrNotFound", err)
	}
	if _, err := m.ReplaceCustomer(ctx, Customer{ID: 1, Owner: 2, Name: "stolen"}); !errors.Is(err, ErrNotFound) {
		t.Errorf("owner 2 replaces owner 1's customer: %v, want ErrNotFound", err)
	}
	if err := m.DeleteCustomer(ctx, 2, 1); !errors.Is(err, ErrNotFound) {
		t.Errorf("owner 2 deletes owner 1's customer: %v, want ErrNotFound", err)
	}
	created := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	id := must(m.CreateCustomer(ctx, Customer{Owner: 1, Name: "E", CreatedAt: created})).ID
	r, err := m.ReplaceCustomer(ctx, Customer{ID: id, Owner: 1, Name: "E2"})
	if err != nil || r.Name != "E2" || !r.CreatedAt.Equal(created) {
		t.Errorf("ReplaceCustomer = %+v, %v; want the new name and the old createdAt", r, err)
	}
	if err := m.DeleteCustomer(ctx, 1, id); err != nil {
		t.Fatal(err)
	}
	if _, err := m.Customer(ctx, 1, id); !errors.Is(err, ErrNotFound) {
		t.Errorf("after delete: %v, want ErrNotFound", err)
	}
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}
