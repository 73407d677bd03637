// Package store implements the pet store contract with pets kept in
// memory. The petstore command serves it; validate's tests hold it to
// the contract.
package store

import (
	"context"
	"slices"
	"strconv"
	"sync"
	"time"

	"github.com/contractfirst/toolkit/examples/petstore/api"
)

// Store implements api.Handler with pets kept in memory.
type Store struct {
	now  func() time.Time
	mu   sync.Mutex
	next int64
	pets map[int64]api.Pet
}

var _ api.Handler = (*Store)(nil)

// New returns an empty store; now stamps createdAt.
func New(now func() time.Time) *Store {
	return &Store{now: now, next: 1, pets: map[int64]api.Pet{}}
}

func notFound(id int64) api.Problem {
	return api.Problem{Title: "Not Found", Status: 404, Detail: ptr("no pet has id " + strconv.FormatInt(id, 10))}
}

func ptr[T any](v T) *T { return &v }

// ListPets returns pets newest first, filtered, a page at a time. The
// cursor is the id to continue below.
func (s *Store) ListPets(_ context.Context, req api.ListPetsRequest) (api.ListPetsResponse, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	limit := int(req.Limit) // the server has applied the contract's default
	var below int64 = 1 << 62
	if req.Cursor != nil {
		n, err := strconv.ParseInt(*req.Cursor, 10, 64)
		if err != nil || n < 1 {
			return api.ListPets400Response{Body: api.Problem{Title: "Bad Request", Status: 400, Detail: ptr("cursor is not one this service gave out")}}, nil
		}
		below = n
	}
	var match []api.Pet
	for _, p := range s.pets {
		if req.Status != nil && p.Status != *req.Status {
			continue
		}
		if !hasAll(p.Tags, req.Tags) {
			continue
		}
		match = append(match, p)
	}
	slices.SortFunc(match, func(a, b api.Pet) int { return int(b.ID - a.ID) })
	page := api.PetPage{Items: []api.Pet{}}
	for _, p := range match {
		if p.ID >= below {
			continue
		}
		if len(page.Items) == limit {
			page.NextCursor = ptr(strconv.FormatInt(page.Items[len(page.Items)-1].ID, 10))
			break
		}
		page.Items = append(page.Items, p)
	}
	return api.ListPets200Response{Body: page, XTotalCount: int64(len(match))}, nil
}

func hasAll(have, want []string) bool {
	for _, w := range want {
		if !slices.Contains(have, w) {
			return false
		}
	}
	return true
}

func (s *Store) CreatePet(_ context.Context, req api.CreatePetRequest) (api.CreatePetResponse, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	p := api.Pet{
		ID: s.next, Name: req.Body.Name, Species: req.Body.Species, Status: api.PetStatusAvailable,
		BirthDate: req.Body.BirthDate, Tags: req.Body.Tags, CreatedAt: s.now().UTC().Truncate(time.Second),
	}
	if p.Tags == nil {
		p.Tags = []string{}
	}
	if req.Body.WeightKg != nil {
		p.WeightKg = api.NewNullable(*req.Body.WeightKg)
	}
	s.pets[p.ID] = p
	s.next++
	return api.CreatePet201Response{Body: p, Location: "/pets/" + strconv.FormatInt(p.ID, 10)}, nil
}

func (s *Store) GetPet(_ context.Context, req api.GetPetRequest) (api.GetPetResponse, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	p, ok := s.pets[req.PetID]
	if !ok {
		return api.GetPet404Response{Body: notFound(req.PetID)}, nil
	}
	return api.GetPet200Response{Body: p}, nil
}

func (s *Store) UpdatePet(_ context.Context, req api.UpdatePetRequest) (api.UpdatePetResponse, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	p, ok := s.pets[req.PetID]
	if !ok {
		return api.UpdatePet404Response{Body: notFound(req.PetID)}, nil
	}
	u := req.Body
	if u.Name != nil {
		p.Name = *u.Name
	}
	if u.Status != nil {
		p.Status = *u.Status
	}
	if u.Tags != nil {
		p.Tags = u.Tags
	}
	if u.WeightKg.Set {
		p.WeightKg = u.WeightKg // a value, or null to forget it
	}
	s.pets[p.ID] = p
	return api.UpdatePet200Response{Body: p}, nil
}

func (s *Store) DeletePet(_ context.Context, req api.DeletePetRequest) (api.DeletePetResponse, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.pets[req.PetID]; !ok {
		return api.DeletePet404Response{Body: notFound(req.PetID)}, nil
	}
	delete(s.pets, req.PetID)
	return api.DeletePet204Response{}, nil
}
