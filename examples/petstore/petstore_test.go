package main

import (
	"context"
	"net/http/httptest"
	"os/exec"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/contractfirst/toolkit/examples/petstore/api"
	"github.com/contractfirst/toolkit/examples/petstore/store"
)

// TestGeneratedCodeIsFresh fails when api/ differs from what the contract
// generates now: run go generate ./... and commit the result.
func TestGeneratedCodeIsFresh(t *testing.T) {
	gobin := filepath.Join(runtime.GOROOT(), "bin", "go")
	out, err := exec.Command(gobin, "run", "github.com/contractfirst/toolkit/cmd/toolkit", "gen", "--check").CombinedOutput()
	if err != nil {
		t.Fatalf("generated code is stale (run go generate ./...): %v\n%s", err, out)
	}
}

func TestPetLifecycle(t *testing.T) {
	clock := time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)
	srv := httptest.NewServer(api.NewServer(store.New(func() time.Time { return clock })))
	defer srv.Close()
	c, err := api.NewClient(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()

	var ids []int64
	for _, name := range []string{"Rex", "Tom", "Kiwi"} {
		resp, err := c.CreatePet(ctx, api.CreatePetRequest{Body: api.NewPet{Name: name, Species: api.SpeciesDog, Tags: []string{"good"}}})
		if err != nil {
			t.Fatal(err)
		}
		created, ok := resp.(api.CreatePet201Response)
		if !ok || created.Body.Name != name || !created.Body.CreatedAt.Equal(clock) || created.Location == "" {
			t.Fatalf("CreatePet = %#v", resp)
		}
		ids = append(ids, created.Body.ID)
	}

	// Paging: newest first, two per page.
	resp, err := c.ListPets(ctx, api.ListPetsRequest{Limit: 2, Tags: []string{"good"}})
	page, ok := resp.(api.ListPets200Response)
	if err != nil || !ok || len(page.Body.Items) != 2 || page.Body.Items[0].Name != "Kiwi" || page.XTotalCount != 3 || page.Body.NextCursor == nil {
		t.Fatalf("first page = %#v, %v", resp, err)
	}
	resp, err = c.ListPets(ctx, api.ListPetsRequest{Limit: 2, Cursor: page.Body.NextCursor})
	page, ok = resp.(api.ListPets200Response)
	if err != nil || !ok || len(page.Body.Items) != 1 || page.Body.Items[0].Name != "Rex" || page.Body.NextCursor != nil {
		t.Fatalf("second page = %#v, %v", resp, err)
	}

	// Update with a null: weight forgotten; status changed.
	status := api.PetStatusAdopted
	up, err := c.UpdatePet(ctx, api.UpdatePetRequest{PetID: ids[0], Body: api.PetUpdate{Status: &status, WeightKg: api.NewNullable(4.5)}})
	if u, ok := up.(api.UpdatePet200Response); err != nil || !ok || u.Body.Status != api.PetStatusAdopted || u.Body.WeightKg.Value != 4.5 {
		t.Fatalf("UpdatePet = %#v, %v", up, err)
	}
	up, err = c.UpdatePet(ctx, api.UpdatePetRequest{PetID: ids[0], Body: api.PetUpdate{WeightKg: api.Null[float64]()}})
	if u, ok := up.(api.UpdatePet200Response); err != nil || !ok || !u.Body.WeightKg.Null {
		t.Fatalf("UpdatePet null = %#v, %v", up, err)
	}

	// Filter by status, delete, then 404.
	resp, _ = c.ListPets(ctx, api.ListPetsRequest{Status: &status})
	if p := resp.(api.ListPets200Response); len(p.Body.Items) != 1 || p.Body.Items[0].ID != ids[0] {
		t.Fatalf("filter by status = %#v", p)
	}
	if d, err := c.DeletePet(ctx, api.DeletePetRequest{PetID: ids[0]}); err != nil {
		t.Fatal(err)
	} else if _, ok := d.(api.DeletePet204Response); !ok {
		t.Fatalf("DeletePet = %#v", d)
	}
	g, err := c.GetPet(ctx, api.GetPetRequest{PetID: ids[0]})
	if nf, ok := g.(api.GetPet404Response); err != nil || !ok || nf.Body.Status != 404 {
		t.Fatalf("GetPet after delete = %#v, %v", g, err)
	}
}

func ptr[T any](v T) *T { return &v }
