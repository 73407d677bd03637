// Package store is the CRM example's storage: the interfaces the user
// and customer services need, and Memory, an implementation that keeps
// everything in memory. A database-backed Store would implement the same
// interfaces.
package store

import (
	"context"
	"errors"
	"time"

	"github.com/contractfirst/toolkit/examples/crm/auth"
)

// Errors every implementation returns (possibly wrapped).
var (
	ErrNotFound = errors.New("not found")
	ErrConflict = errors.New("already exists")
)

// User is an account.
type User struct {
	ID          int64
	Username    string
	Email       string
	DisplayName string // "" when not given
	Password    auth.PasswordHash
	CreatedAt   time.Time
}

// Session is one login; its id is inside the bearer token.
type Session struct {
	ID        string
	UserID    int64
	ExpiresAt time.Time
}

// Customer belongs to exactly one user, its Owner.
type Customer struct {
	ID        int64
	Owner     int64
	Name      string
	Email     string
	Phone     string // optional fields: "" when absent
	Company   string
	Notes     string
	Status    string
	CreatedAt time.Time
	UpdatedAt time.Time
}

// Users stores accounts.
type Users interface {
	// CreateUser stores u with a new ID and returns it; ErrConflict when
	// the username is taken.
	CreateUser(ctx context.Context, u User) (User, error)
	UserByID(ctx context.Context, id int64) (User, error)
	UserByName(ctx context.Context, username string) (User, error)
	SetPassword(ctx context.Context, id int64, h auth.PasswordHash) error
}

// Sessions stores logins.
type Sessions interface {
	auth.SessionChecker
	CreateSession(ctx context.Context, s Session) error
	// DeleteSession ends one session; ErrNotFound when it is not open.
	DeleteSession(ctx context.Context, id string) error
	// DeleteUserSessions ends every session of the user but keep.
	DeleteUserSessions(ctx context.Context, userID int64, keep string) error
}

// CustomerQuery selects one page of a user's customers, newest first.
type CustomerQuery struct {
	Owner int64
	// Text, when not empty, keeps customers whose name, email or company
	// contains it, ignoring case.
	Text string
	// Before, when above zero, keeps customers with smaller ids (the
	// cursor of the previous page).
	Before int64
	Limit  int
}

// Customers stores customers. Every method takes the owner: a customer
// of another user is ErrNotFound.
type Customers interface {
	CreateCustomer(ctx context.Context, c Customer) (Customer, error)
	Customer(ctx context.Context, owner, id int64) (Customer, error)
	// ReplaceCustomer stores c over the customer with c's ID and Owner,
	// keeping CreatedAt.
	ReplaceCustomer(ctx context.Context, c Customer) (Customer, error)
	DeleteCustomer(ctx context.Context, owner, id int64) error
	// ListCustomers returns up to q.Limit customers and whether more
	// match after them.
	ListCustomers(ctx context.Context, q CustomerQuery) (page []Customer, more bool, err error)
}

// Store is everything the CRM services need.
type Store interface {
	Users
	Sessions
	Customers
}
