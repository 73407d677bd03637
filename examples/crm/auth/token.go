package auth

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Token errors. Handlers answer 401 to each of them.
var (
	ErrNoToken      = errors.New("no bearer token")
	ErrInvalidToken = errors.New("token is malformed or its signature does not match")
	ErrExpiredToken = errors.New("token has expired")
	ErrRevokedToken = errors.New("session was logged out")
)

// Claims is what a token carries. SessionID names the server-side
// session, so logging out or changing the password revokes a token
// before it expires.
type Claims struct {
	UserID    int64
	SessionID string
	ExpiresAt time.Time
}

// A token is "v1.<payload>.<mac>", both parts base64url without padding.
// The payload is the user id and expiry (Unix seconds) as big-endian
// uint64s followed by the 16-byte session id; the MAC is HMAC-SHA256
// under the signer's key over the version prefix and the payload.
const (
	tokenVersion  = "v1"
	sessionIDLen  = 16
	payloadLen    = 8 + 8 + sessionIDLen
	minSigningKey = 32
)

// b64 is strict: a token has one spelling (no set unused bits).
var b64 = base64.RawURLEncoding.Strict()

// Signer issues and verifies tokens.
type Signer struct {
	key []byte
	now func() time.Time
}

// NewSigner returns a signer using key, which must be at least 32 bytes;
// now tells the time for expiry checks (time.Now when nil).
func NewSigner(key []byte, now func() time.Time) (*Signer, error) {
	if len(key) < minSigningKey {
		return nil, fmt.Errorf("token signing key: %d bytes, want at least %d", len(key), minSigningKey)
	}
	if now == nil {
		now = time.Now
	}
	return &Signer{key: append([]byte(nil), key...), now: now}, nil
}

// NewSessionID returns a random session id (32 hex digits).
func NewSessionID() (string, error) {
	b := make([]byte, sessionIDLen)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("session id: %w", err)
	}
	return hex.EncodeToString(b), nil
}

// Sign returns the token for c. c.SessionID must come from NewSessionID.
func (s *Signer) Sign(c Claims) (string, error) {
	sid, err := hex.DecodeString(c.SessionID)
	if err != nil || len(sid) != sessionIDLen {
		return "", fmt.Errorf("sign token: session id %q is not %d hex bytes", c.SessionID, sessionIDLen)
	}
	payload := make([]byte, 0, payloadLen)
	payload = binary.BigEndian.AppendUint64(payload, uint64(c.UserID))
	payload = binary.BigEndian.AppendUint64(payload, uint64(c.ExpiresAt.Unix()))
	payload = append(payload, sid...)
	return tokenVersion + "." + b64.EncodeToString(payload) + "." + b64.EncodeToString(s.mac(payload)), nil
}

// Verify checks token's signature (in constant time) and expiry and
// returns its claims. It does not know about logouts: see
// Authenticator.
func (s *Signer) Verify(token string) (Claims, error) {
	version, rest, ok := strings.Cut(token, ".")
	if !ok || version != tokenVersion {
		return Claims{}, ErrInvalidToken
	}
	p, m, ok := strings.Cut(rest, ".")
	if !ok {
		return Claims{}, ErrInvalidToken
	}
	payload, err := b64.DecodeString(p)
	if err != nil || len(payload) != payloadLen {
		return Claims{}, ErrInvalidToken
	}
	mac, err := b64.DecodeString(m)
	if err != nil || !hmac.Equal(mac, s.mac(payload)) {
		return Claims{}, ErrInvalidToken
	}
	c := Claims{
		UserID:    int64(binary.BigEndian.Uint64(payload[0:8])),
		ExpiresAt: time.Unix(int64(binary.BigEndian.Uint64(payload[8:16])), 0).UTC(),
		SessionID: hex.EncodeToString(payload[16:]),
	}
	if !s.now().Before(c.ExpiresAt) {
		return Claims{}, ErrExpiredToken
	}
	return c, nil
}

func (s *Signer) mac(payload []byte) []byte {
	h := hmac.New(sha256.New, s.key)
	h.Write([]byte(tokenVersion + "."))
	h.Write(payload)
	return h.Sum(nil)
}
