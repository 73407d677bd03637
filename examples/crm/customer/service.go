// Package customer implements the CRM's customer contract (openapi.yaml;
// the api package is generated from it): each user's customers, kept
// apart by the bearer token the user service issued.
package customer

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/contractfirst/toolkit/examples/crm/auth"
	"github.com/contractfirst/toolkit/examples/crm/customer/api"
	"github.com/contractfirst/toolkit/examples/crm/store"
)

// Store is what the service keeps: customers, and the sessions that
// tokens name.
type Store interface {
	store.Customers
	auth.SessionChecker
}

// Service implements api.Handler.
type Service struct {
	store Store
	auth  *auth.Authenticator
	now   func() time.Time
}

var _ api.Handler = (*Service)(nil)

// HandleBearerAuth checks the bearer token of a secured operation before its
// handler runs (Service is also the api.SecurityHandler).
func (s *Service) HandleBearerAuth(ctx context.Context, _ api.OperationInfo, _ []string, token string) (context.Context, error) {
	return s.auth.Admit(ctx, token)
}

// New returns the service over st; signer verifies the tokens; now tells
// the time (time.Now when nil).
func New(st Store, signer *auth.Signer, now func() time.Time) *Service {
	if now == nil {
		now = time.Now
	}
	return &Service{store: st, auth: &auth.Authenticator{Signer: signer, Sessions: st}, now: now}
}

func problem(status int32, title, detail string) api.Problem {
	return api.Problem{Type: &aboutBlank, Status: status, Title: title, Detail: &detail}
}

// aboutBlank is RFC 9457's problem type for "the status code says it
// all", as in the generated server's own problems.
var aboutBlank = "about:blank"

func unauthorized(err error) api.Problem {
	return problem(401, "Unauthorized", err.Error())
}

func notFound(id int64) api.Problem {
	return problem(404, "Not Found", "you have no customer with id "+strconv.FormatInt(id, 10))
}

// owner authenticates the caller: deny, when not nil, is why not
// (answer 401); err is a failure of the service.
func (s *Service) owner(ctx context.Context) (id int64, deny, err error) {
	c, err := s.auth.Authenticate(ctx)
	if auth.IsUnauthorized(err) {
		return 0, err, nil
	}
	if err != nil {
		return 0, nil, err
	}
	return c.UserID, nil, nil
}

func opt(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

func optPtr(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func toAPI(c store.Customer) api.Customer {
	return api.Customer{
		ID: c.ID, Name: c.Name, Email: c.Email, Status: api.CustomerStatus(c.Status),
		Phone: optPtr(c.Phone), Company: optPtr(c.Company), Notes: optPtr(c.Notes),
		CreatedAt: c.CreatedAt, UpdatedAt: c.UpdatedAt,
	}
}

// fromInput fills c's fields from in; a status left out means lead.
func fromInput(c store.Customer, in api.CustomerInput) store.Customer {
	c.Name, c.Email = in.Name, in.Email
	c.Phone, c.Company, c.Notes = opt(in.Phone), opt(in.Company), opt(in.Notes)
	c.Status = string(api.CustomerStatusLead)
	if in.Status != nil {
		c.Status = string(*in.Status)
	}
	return c
}

// ListCustomers pages through the caller's customers, newest first. The
// cursor is the id of the last customer of the previous page.
func (s *Service) ListCustomers(ctx context.Context, req api.ListCustomersRequest) (api.ListCustomersResponse, error) {
	owner, deny, err := s.owner(ctx)
	if err != nil {
		return nil, fmt.Errorf("list customers: %w", err)
	}
	if deny != nil {
		return api.ListCustomers401Response{Body: unauthorized(deny), WWWAuthenticate: auth.Challenge(deny)}, nil
	}
	// The server has applied the contract's default limit.
	q := store.CustomerQuery{Owner: owner, Text: opt(req.Q), Limit: int(req.Limit)}
	if req.Cursor != nil {
		n, err := strconv.ParseInt(*req.Cursor, 10, 64)
		if err != nil || n < 1 {
			return api.ListCustomers400Response{Body: problem(400, "Bad Request", "cursor is not one this service gave out")}, nil
		}
		q.Before = n
	}
	found, more, err := s.store.ListCustomers(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("list customers: %w", err)
	}
	page := api.CustomerPage{Items: make([]api.Customer, 0, len(found))}
	for _, c := range found {
		page.Items = append(page.Items, toAPI(c))
	}
	if more {
		page.NextCursor = optPtr(strconv.FormatInt(found[len(found)-1].ID, 10))
	}
	return api.ListCustomers200Response{Body: page}, nil
}

// CreateCustomer stores a customer owned by the caller.
func (s *Service) CreateCustomer(ctx context.Context, req api.CreateCustomerRequest) (api.CreateCustomerResponse, error) {
	owner, deny, err := s.owner(ctx)
	if err != nil {
		return nil, fmt.Errorf("create customer: %w", err)
	}
	if deny != nil {
		return api.CreateCustomer401Response{Body: unauthorized(deny), WWWAuthenticate: auth.Challenge(deny)}, nil
	}
	now := s.now().UTC().Truncate(time.Second)
	c := fromInput(store.Customer{Owner: owner, CreatedAt: now, UpdatedAt: now}, req.Body)
	c, err = s.store.CreateCustomer(ctx, c)
	if err != nil {
		return nil, fmt.Errorf("create customer: %w", err)
	}
	return api.CreateCustomer201Response{Body: toAPI(c), Location: "/customers/" + strconv.FormatInt(c.ID, 10)}, nil
}

// GetCustomer returns one of the caller's customers.
func (s *Service) GetCustomer(ctx context.Context, req api.GetCustomerRequest) (api.GetCustomerResponse, error) {
	owner, deny, err := s.owner(ctx)
	if err != nil {
		return nil, fmt.Errorf("get customer: %w", err)
	}
	if deny != nil {
		return api.GetCustomer401Response{Body: unauthorized(deny), WWWAuthenticate: auth.Challenge(deny)}, nil
	}
	c, err := s.store.Customer(ctx, owner, req.CustomerID)
	if errors.Is(err, store.ErrNotFound) {
		return api.GetCustomer404Response{Body: notFound(req.CustomerID)}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("get customer: %w", err)
	}
	return api.GetCustomer200Response{Body: toAPI(c)}, nil
}

// ReplaceCustomer sets every field of one of the caller's customers.
func (s *Service) ReplaceCustomer(ctx context.Context, req api.ReplaceCustomerRequest) (api.ReplaceCustomerResponse, error) {
	owner, deny, err := s.owner(ctx)
	if err != nil {
		return nil, fmt.Errorf("replace customer: %w", err)
	}
	if deny != nil {
		return api.ReplaceCustomer401Response{Body: unauthorized(deny), WWWAuthenticate: auth.Challenge(deny)}, nil
	}
	c := fromInput(store.Customer{ID: req.CustomerID, Owner: owner, UpdatedAt: s.now().UTC().Truncate(time.Second)}, req.Body)
	c, err = s.store.ReplaceCustomer(ctx, c)
	if errors.Is(err, store.ErrNotFound) {
		return api.ReplaceCustomer404Response{Body: notFound(req.CustomerID)}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("replace customer: %w", err)
	}
	return api.ReplaceCustomer200Response{Body: toAPI(c)}, nil
}

// DeleteCustomer removes one of the caller's customers.
func (s *Service) DeleteCustomer(ctx context.Context, req api.DeleteCustomerRequest) (api.DeleteCustomerResponse, error) {
	owner, deny, err := s.owner(ctx)
	if err != nil {
		return nil, fmt.Errorf("delete customer: %w", err)
	}
	if deny != nil {
		return api.DeleteCustomer401Response{Body: unauthorized(deny), WWWAuthenticate: auth.Challenge(deny)}, nil
	}
	err = s.store.DeleteCustomer(ctx, owner, req.CustomerID)
	if errors.Is(err, store.ErrNotFound) {
		return api.DeleteCustomer404Response{Body: notFound(req.CustomerID)}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("delete customer: %w", err)
	}
	return api.DeleteCustomer204Response{}, nil
}
