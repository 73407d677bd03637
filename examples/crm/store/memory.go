package store

import (
	"cmp"
	"context"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/contractfirst/toolkit/examples/crm/auth"
)

// Memory is a Store kept in memory, safe for concurrent use. Its
// contents are lost when the process ends.
type Memory struct {
	now func() time.Time

	mu           sync.RWMutex
	nextUser     int64
	nextCustomer int64
	users        map[int64]User
	byName       map[string]int64
	sessions     map[string]Session
	customers    map[int64]Customer
}

var _ Store = (*Memory)(nil)

// NewMemory returns an empty store; now tells expired sessions apart
// (time.Now when nil).
func NewMemory(now func() time.Time) *Memory {
	if now == nil {
		now = time.Now
	}
	return &Memory{
		now:       now,
		users:     map[int64]User{},
		byName:    map[string]int64{},
		sessions:  map[string]Session{},
		customers: map[int64]Customer{},
	}
}

func (m *Memory) CreateUser(_ context.Context, u User) (User, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, taken := m.byName[u.Username]; taken {
		return User{}, ErrConflict
	}
	m.nextUser++
	u.ID = m.nextUser
	m.users[u.ID] = u
	m.byName[u.Username] = u.ID
	return u, nil
}

func (m *Memory) UserByID(_ context.Context, id int64) (User, error) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	u, ok := m.users[id]
	if !ok {
		return User{}, ErrNotFound
	}
	return u, nil
}

func (m *Memory) UserByName(_ context.Context, username string) (User, error) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	id, ok := m.byName[username]
	if !ok {
		return User{}, ErrNotFound
	}
	return m.users[id], nil
}

func (m *Memory) SetPassword(_ context.Context, id int64, h auth.PasswordHash) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	u, ok := m.users[id]
	if !ok {
		return ErrNotFound
	}
	u.Password = h
	m.users[id] = u
	return nil
}

func (m *Memory) CreateSession(_ context.Context, s Session) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, dup := m.sessions[s.ID]; dup {
		return ErrConflict
	}
	// Drop expired sessions now and then: here is as good as anywhere.
	now := m.now()
	for id, old := range m.sessions {
		if !now.Before(old.ExpiresAt) {
			delete(m.sessions, id)
		}
	}
	m.sessions[s.ID] = s
	return nil
}

// SessionOpen reports whether the session exists, is the user's and has
// not expired.
func (m *Memory) SessionOpen(_ context.Context, id string, userID int64) (bool, error) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	s, ok := m.sessions[id]
	return ok && s.UserID == userID && m.now().Before(s.ExpiresAt), nil
}

func (m *Memory) DeleteSession(_ context.Context, id string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, ok := m.sessions[id]; !ok {
		return ErrNotFound
	}
	delete(m.sessions, id)
	return nil
}

func (m *Memory) DeleteUserSessions(_ context.Context, userID int64, keep string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	for id, s := range m.sessions {
		if s.UserID == userID && id != keep {
			delete(m.sessions, id)
		}
	}
	return nil
}

func (m *Memory) CreateCustomer(_ context.Context, c Customer) (Customer, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.nextCustomer++
	c.ID = m.nextCustomer
	m.customers[c.ID] = c
	return c, nil
}

func (m *Memory) Customer(_ context.Context, owner, id int64) (Customer, error) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	c, ok := m.customers[id]
	if !ok || c.Owner != owner {
		return Customer{}, ErrNotFound
	}
	return c, nil
}

func (m *Memory) ReplaceCustomer(_ context.Context, c Customer) (Customer, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	old, ok := m.customers[c.ID]
	if !ok || old.Owner != c.Owner {
		return Customer{}, ErrNotFound
	}
	c.CreatedAt = old.CreatedAt
	m.customers[c.ID] = c
	return c, nil
}

func (m *Memory) DeleteCustomer(_ context.Context, owner, id int64) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	c, ok := m.customers[id]
	if !ok || c.Owner != owner {
		return ErrNotFound
	}
	delete(m.customers, id)
	return nil
}

func (m *Memory) ListCustomers(_ context.Context, q CustomerQuery) ([]Customer, bool, error) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	text := strings.ToLower(q.Text)
	var match []Customer
	for _, c := range m.customers {
		if c.Owner != q.Owner || q.Before > 0 && c.ID >= q.Before {
			continue
		}
		if text != "" && !containsFold(text, c.Name, c.Email, c.Company) {
			continue
		}
		match = append(match, c)
	}
	slices.SortFunc(match, func(a, b Customer) int { return cmp.Compare(b.ID, a.ID) })
	if q.Limit > 0 && len(match) > q.Limit {
		return match[:q.Limit], true, nil
	}
	return match, false, nil
}

// containsFold reports whether any field contains lower, itself lower case.
func containsFold(lower string, fields ...string) bool {
	for _, f := range fields {
		if strings.Contains(strings.ToLower(f), lower) {
			return true
		}
	}
	return false
}
