// Package user implements the CRM's user contract (openapi.yaml; the api
// package is generated from it): accounts, logins and bearer tokens.
package user

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/contractfirst/toolkit/examples/crm/auth"
	"github.com/contractfirst/toolkit/examples/crm/store"
	"github.com/contractfirst/toolkit/examples/crm/user/api"
)

// Store is what the service keeps: accounts and sessions.
type Store interface {
	store.Users
	store.Sessions
}

// Service implements api.Handler.
type Service struct {
	store  Store
	hasher auth.Hasher
	auth   *auth.Authenticator
	ttl    time.Duration
	now    func() time.Time
}

var _ api.Handler = (*Service)(nil)

// HandleBearerAuth checks the bearer token of a secured operation before its
// handler runs (Service is also the api.SecurityHandler).
func (s *Service) HandleBearerAuth(ctx context.Context, _ api.OperationInfo, _ []string, token string) (context.Context, error) {
	return s.auth.Admit(ctx, token)
}

// Config is what New needs besides the store.
type Config struct {
	Hasher auth.Hasher
	Signer *auth.Signer
	// TokenTTL is how long a login lasts (one hour when zero).
	TokenTTL time.Duration
	// Now tells the time (time.Now when nil).
	Now func() time.Time
}

// New returns the service over st.
func New(st Store, cfg Config) *Service {
	s := &Service{
		store:  st,
		hasher: cfg.Hasher,
		auth:   &auth.Authenticator{Signer: cfg.Signer, Sessions: st},
		ttl:    cfg.TokenTTL,
		now:    cfg.Now,
	}
	if s.ttl <= 0 {
		s.ttl = time.Hour
	}
	if s.now == nil {
		s.now = time.Now
	}
	return s
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

// toAPI is the public view of a user: never the password hash.
func toAPI(u store.User) api.User {
	out := api.User{ID: u.ID, Username: u.Username, Email: u.Email, CreatedAt: u.CreatedAt}
	if u.DisplayName != "" {
		out.DisplayName = &u.DisplayName
	}
	return out
}

// RegisterUser creates an account with a salted hash of its password.
func (s *Service) RegisterUser(ctx context.Context, req api.RegisterUserRequest) (api.RegisterUserResponse, error) {
	if _, err := s.store.UserByName(ctx, req.Body.Username); err == nil {
		// Checked before hashing so a taken name costs no PBKDF2 run;
		// CreateUser checks again for a race.
		return api.RegisterUser409Response{Body: problem(409, "Conflict", "username "+strconv.Quote(req.Body.Username)+" is taken")}, nil
	} else if !errors.Is(err, store.ErrNotFound) {
		return nil, fmt.Errorf("register: %w", err)
	}
	h, err := s.hasher.Hash(req.Body.Password)
	if err != nil {
		return nil, fmt.Errorf("register: %w", err)
	}
	u := store.User{
		Username:  req.Body.Username,
		Email:     req.Body.Email,
		Password:  h,
		CreatedAt: s.now().UTC().Truncate(time.Second),
	}
	if req.Body.DisplayName != nil {
		u.DisplayName = *req.Body.DisplayName
	}
	u, err = s.store.CreateUser(ctx, u)
	if errors.Is(err, store.ErrConflict) {
		return api.RegisterUser409Response{Body: problem(409, "Conflict", "username "+strconv.Quote(req.Body.Username)+" is taken")}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("register: %w", err)
	}
	return api.RegisterUser201Response{Body: toAPI(u), Location: "/users/me"}, nil
}

// Login checks the password and opens a session. An unknown username and
// a wrong password get the same answer after the same work.
func (s *Service) Login(ctx context.Context, req api.LoginRequest) (api.LoginResponse, error) {
	u, err := s.store.UserByName(ctx, req.Body.Username)
	switch {
	case errors.Is(err, store.ErrNotFound):
		s.hasher.Decoy().Matches(req.Body.Password)
		return api.Login401Response{Body: problem(401, "Unauthorized", "wrong username or password")}, nil
	case err != nil:
		return nil, fmt.Errorf("login: %w", err)
	}
	if !u.Password.Matches(req.Body.Password) {
		return api.Login401Response{Body: problem(401, "Unauthorized", "wrong username or password")}, nil
	}
	sid, err := auth.NewSessionID()
	if err != nil {
		return nil, fmt.Errorf("login: %w", err)
	}
	c := auth.Claims{UserID: u.ID, SessionID: sid, ExpiresAt: s.now().Add(s.ttl).UTC().Truncate(time.Second)}
	tok, err := s.auth.Signer.Sign(c)
	if err != nil {
		return nil, fmt.Errorf("login: %w", err)
	}
	if err := s.store.CreateSession(ctx, store.Session{ID: sid, UserID: u.ID, ExpiresAt: c.ExpiresAt}); err != nil {
		return nil, fmt.Errorf("login: %w", err)
	}
	return api.Login201Response{Body: api.Session{Token: tok, TokenType: api.SessionTokenTypeBearer, ExpiresAt: c.ExpiresAt, User: toAPI(u)}}, nil
}

// caller authenticates the request and loads its user. deny, when not
// nil, is why the caller is not authenticated (answer 401); err is a
// failure of the service (answer 500).
func (s *Service) caller(ctx context.Context) (u store.User, c auth.Claims, deny error, err error) {
	c, err = s.auth.Authenticate(ctx)
	if auth.IsUnauthorized(err) {
		return store.User{}, c, err, nil
	}
	if err != nil {
		return store.User{}, c, nil, err
	}
	u, err = s.store.UserByID(ctx, c.UserID)
	if errors.Is(err, store.ErrNotFound) {
		// A valid signature for a user that is gone: the token is dead.
		return store.User{}, c, auth.ErrRevokedToken, nil
	}
	return u, c, nil, err
}

// ValidateToken tells what a token stands for.
func (s *Service) ValidateToken(ctx context.Context, _ api.ValidateTokenRequest) (api.ValidateTokenResponse, error) {
	u, c, deny, err := s.caller(ctx)
	if err != nil {
		return nil, fmt.Errorf("validate token: %w", err)
	}
	if deny != nil {
		return api.ValidateToken401Response{Body: unauthorized(deny), WWWAuthenticate: auth.Challenge(deny)}, nil
	}
	return api.ValidateToken200Response{Body: api.TokenInfo{UserID: u.ID, Username: u.Username, ExpiresAt: c.ExpiresAt}}, nil
}

// GetProfile returns the caller's account.
func (s *Service) GetProfile(ctx context.Context, _ api.GetProfileRequest) (api.GetProfileResponse, error) {
	u, _, deny, err := s.caller(ctx)
	if err != nil {
		return nil, fmt.Errorf("get profile: %w", err)
	}
	if deny != nil {
		return api.GetProfile401Response{Body: unauthorized(deny), WWWAuthenticate: auth.Challenge(deny)}, nil
	}
	return api.GetProfile200Response{Body: toAPI(u)}, nil
}

// ChangePassword sets a new password after checking the current one, and
// ends the user's other sessions.
func (s *Service) ChangePassword(ctx context.Context, req api.ChangePasswordRequest) (api.ChangePasswordResponse, error) {
	u, c, deny, err := s.caller(ctx)
	if err != nil {
		return nil, fmt.Errorf("change password: %w", err)
	}
	if deny != nil {
		return api.ChangePassword401Response{Body: unauthorized(deny), WWWAuthenticate: auth.Challenge(deny)}, nil
	}
	if !u.Password.Matches(req.Body.CurrentPassword) {
		return api.ChangePassword403Response{Body: problem(403, "Forbidden", "the current password is wrong")}, nil
	}
	h, err := s.hasher.Hash(req.Body.NewPassword)
	if err != nil {
		return nil, fmt.Errorf("change password: %w", err)
	}
	if err := s.store.SetPassword(ctx, u.ID, h); err != nil {
		return nil, fmt.Errorf("change password: %w", err)
	}
	if err := s.store.DeleteUserSessions(ctx, u.ID, c.SessionID); err != nil {
		return nil, fmt.Errorf("change password: %w", err)
	}
	return api.ChangePassword204Response{}, nil
}

// Logout ends the caller's session.
func (s *Service) Logout(ctx context.Context, _ api.LogoutRequest) (api.LogoutResponse, error) {
	c, err := s.auth.Authenticate(ctx)
	if auth.IsUnauthorized(err) {
		return api.Logout401Response{Body: unauthorized(err), WWWAuthenticate: auth.Challenge(err)}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("logout: %w", err)
	}
	err = s.store.DeleteSession(ctx, c.SessionID)
	if errors.Is(err, store.ErrNotFound) {
		// Logged out by a concurrent request since Authenticate.
		return api.Logout401Response{Body: unauthorized(auth.ErrRevokedToken), WWWAuthenticate: auth.Challenge(auth.ErrRevokedToken)}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("logout: %w", err)
	}
	return api.Logout204Response{}, nil
}
