// Package auth holds the CRM example's credentials: password hashes
// (PBKDF2-HMAC-SHA256 with a random salt per password, compared in
// constant time), bearer tokens signed with HMAC-SHA256, and the
// middleware that hands a request's bearer token to the handlers.
// Everything is the standard library.
package auth

import (
	"crypto/pbkdf2"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"fmt"
)

// DefaultIterations is OWASP's 2023 figure for PBKDF2-HMAC-SHA256.
const DefaultIterations = 600_000

const (
	saltLen = 16
	keyLen  = 32
)

// Hasher hashes passwords. Its zero value uses DefaultIterations; tests
// lower Iterations to stay fast (a hash keeps the count it was made
// with, so hashes of different costs verify side by side).
type Hasher struct {
	Iterations int
}

// PasswordHash is what is stored instead of a password.
type PasswordHash struct {
	Iterations int
	Salt       []byte
	Key        []byte
}

// Hash derives a hash of password under a fresh random salt.
func (h Hasher) Hash(password string) (PasswordHash, error) {
	iter := h.Iterations
	if iter <= 0 {
		iter = DefaultIterations
	}
	salt := make([]byte, saltLen)
	if _, err := rand.Read(salt); err != nil {
		return PasswordHash{}, fmt.Errorf("password salt: %w", err)
	}
	key, err := pbkdf2.Key(sha256.New, password, salt, iter, keyLen)
	if err != nil {
		return PasswordHash{}, fmt.Errorf("password hash: %w", err)
	}
	return PasswordHash{Iterations: iter, Salt: salt, Key: key}, nil
}

// Matches reports whether password is the one p was made from. The keys
// are compared in constant time.
func (p PasswordHash) Matches(password string) bool {
	if p.Iterations <= 0 || len(p.Salt) == 0 || len(p.Key) == 0 {
		return false
	}
	key, err := pbkdf2.Key(sha256.New, password, p.Salt, p.Iterations, len(p.Key))
	if err != nil {
		return false
	}
	return subtle.ConstantTimeCompare(key, p.Key) == 1
}

// Decoy returns a hash no password matches, of the same cost as h's.
// Checking a login against it when the username is unknown takes as
// long as checking a real user's password, so response times do not
// tell which usernames exist.
func (h Hasher) Decoy() PasswordHash {
	iter := h.Iterations
	if iter <= 0 {
		iter = DefaultIterations
	}
	// An all-zero key: PBKDF2 output is never all zero in practice, and
	// Matches still does the full derivation before comparing.
	return PasswordHash{Iterations: iter, Salt: make([]byte, saltLen), Key: make([]byte, keyLen)}
}
