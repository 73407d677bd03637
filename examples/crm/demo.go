package main

import (
	"context"
	"fmt"
	"time"

	"github.com/contractfirst/toolkit/examples/crm/auth"
	"github.com/contractfirst/toolkit/examples/crm/store"
)

// The demo account lets a tool that must know its bearer token before
// the service starts (toolkit validate --server-cmd … --header …) call
// the protected operations: -mint-demo-token prints a token for it, and
// a service started with -demo-token and the same -token-key creates the
// account and opens that token's session. Without the key nobody can
// mint one, so this grants nothing a login would not.
const (
	demoUsername = "demo"
	demoUserID   = 1 // the first account of an empty store
	demoTTL      = 24 * time.Hour
)

// mintDemoToken returns a token for the demo account, valid for a day.
func mintDemoToken(signer *auth.Signer, now time.Time) (string, error) {
	sid, err := auth.NewSessionID()
	if err != nil {
		return "", err
	}
	return signer.Sign(auth.Claims{UserID: demoUserID, SessionID: sid, ExpiresAt: now.Add(demoTTL).UTC().Truncate(time.Second)})
}

// openDemoSession checks token against signer, creates the demo account
// in the empty store st (its password is random: it logs in only by
// token) and opens the token's session.
func openDemoSession(ctx context.Context, st store.Store, signer *auth.Signer, hasher auth.Hasher, token string, now time.Time) error {
	c, err := signer.Verify(token)
	if err != nil {
		return fmt.Errorf("demo token: %w (mint it with the same -token-key)", err)
	}
	if c.UserID != demoUserID {
		return fmt.Errorf("demo token: it is for user %d, not the demo account", c.UserID)
	}
	password, err := auth.NewSessionID() // 128 random bits, as text
	if err != nil {
		return err
	}
	h, err := hasher.Hash(password)
	if err != nil {
		return err
	}
	u, err := st.CreateUser(ctx, store.User{Username: demoUsername, Email: "demo@example.com", DisplayName: "Demo account", Password: h, CreatedAt: now.UTC().Truncate(time.Second)})
	if err != nil {
		return fmt.Errorf("demo account: %w", err)
	}
	if u.ID != demoUserID {
		return fmt.Errorf("demo account: got id %d, want %d (the store is not empty)", u.ID, demoUserID)
	}
	if err := st.CreateSession(ctx, store.Session{ID: c.SessionID, UserID: u.ID, ExpiresAt: c.ExpiresAt}); err != nil {
		return fmt.Errorf("demo session: %w", err)
	}
	return nil
}
