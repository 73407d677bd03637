package auth

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func TestPasswordHash(t *testing.T) {
	h := Hasher{Iterations: 1000}
	a, err := h.Hash("correct-horse-battery")
	if err != nil {
		t.Fatal(err)
	}
	b, err := h.Hash("correct-horse-battery")
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(a.Salt, b.Salt) || bytes.Equal(a.Key, b.Key) {
		t.Error("two hashes of one password share salt or key: salts are not random per hash")
	}
	if a.Iterations != 1000 || len(a.Salt) != saltLen || len(a.Key) != keyLen {
		t.Errorf("hash = %d iterations, %d-byte salt, %d-byte key", a.Iterations, len(a.Salt), len(a.Key))
	}
	for _, tc := range []struct {
		password string
		want     bool
	}{
		{"correct-horse-battery", true},
		{"correct-horse-batter", false},
		{"Correct-horse-battery", false},
		{"", false},
	} {
		if got := a.Matches(tc.password); got != tc.want {
			t.Errorf("Matches(%q) = %v, want %v", tc.password, got, tc.want)
		}
	}
	if (PasswordHash{}).Matches("") {
		t.Error("the zero PasswordHash matches the empty password")
	}
	if h.Decoy().Matches("") || h.Decoy().Matches("correct-horse-battery") {
		t.Error("the decoy hash matches a password")
	}
	if d := (Hasher{}).Decoy(); d.Iterations != DefaultIterations {
		t.Errorf("zero Hasher's decoy has %d iterations, want %d", d.Iterations, DefaultIterations)
	}
}

func newSigner(t *testing.T, key string, now time.Time) *Signer {
	t.Helper()
	s, err := NewSigner(bytes.Repeat([]byte(key), 32), func() time.Time { return now })
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestToken(t *testing.T) {
	now := time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)
	s := newSigner(t, "k", now)
	sid, err := NewSessionID()
	if err != nil {
		t.Fatal(err)
	}
	want := Claims{UserID: 42, SessionID: sid, ExpiresAt: now.Add(time.Hour)}
	tok, err := s.Sign(want)
	if err != nil {
		t.Fatal(err)
	}
	got, err := s.Verify(tok)
	if err != nil || got != want {
		t.Fatalf("Verify(Sign(c)) = %+v, %v; want %+v", got, err, want)
	}

	later := newSigner(t, "k", now.Add(time.Hour))
	if _, err := later.Verify(tok); !errors.Is(err, ErrExpiredToken) {
		t.Errorf("at expiry: Verify = %v, want ErrExpiredToken", err)
	}
	if _, err := newSigner(t, "j", now).Verify(tok); !errors.Is(err, ErrInvalidToken) {
		t.Errorf("other key: Verify = %v, want ErrInvalidToken", err)
	}

	// Changing any byte of the payload or MAC breaks the signature.
	parts := strings.Split(tok, ".")
	payload, _ := b64.DecodeString(parts[1])
	for i := range payload {
		p := bytes.Clone(payload)
		p[i] ^= 1
		forged := parts[0] + "." + b64.EncodeToString(p) + "." + parts[2]
		if _, err := s.Verify(forged); !errors.Is(err, ErrInvalidToken) {
			t.Errorf("payload byte %d flipped: Verify = %v, want ErrInvalidToken", i, err)
		}
	}
	for _, bad := range []string{"", "v1", "v1.", "v1..", "v2." + parts[1] + "." + parts[2], tok + ".", parts[0] + "." + parts[1], tok + "A", "v1.!!." + parts[2]} {
		if _, err := s.Verify(bad); !errors.Is(err, ErrInvalidToken) {
			t.Errorf("Verify(%q) = %v, want ErrInvalidToken", bad, err)
		}
	}

	if _, err := s.Sign(Claims{UserID: 1, SessionID: "short", ExpiresAt: now}); err == nil {
		t.Error("Sign accepted a malformed session id")
	}
	if _, err := NewSigner([]byte("short"), nil); err == nil {
		t.Error("NewSigner accepted a 5-byte key")
	}
}

type sessions map[string]int64

func (s sessions) SessionOpen(_ context.Context, id string, user int64) (bool, error) {
	u, ok := s[id]
	return ok && u == user, nil
}

func TestBearerAndAuthenticate(t *testing.T) {
	now := time.Now()
	s := newSigner(t, "k", now)
	open, _ := NewSessionID()
	closed, _ := NewSessionID()
	a := &Authenticator{Signer: s, Sessions: sessions{open: 7}}
	good, _ := s.Sign(Claims{UserID: 7, SessionID: open, ExpiresAt: now.Add(time.Minute)})
	revoked, _ := s.Sign(Claims{UserID: 7, SessionID: closed, ExpiresAt: now.Add(time.Minute)})
	otherUser, _ := s.Sign(Claims{UserID: 8, SessionID: open, ExpiresAt: now.Add(time.Minute)})

	for _, tc := range []struct {
		header string
		want   error
	}{
		{"Bearer " + good, nil},
		{"bearer " + good, nil},
		{"", ErrNoToken},
		{"Basic dXNlcjpwYXNz", ErrNoToken},
		{"Bearer ", ErrNoToken},
		{"Bearer " + good + "x", ErrInvalidToken},
		{"Bearer " + revoked, ErrRevokedToken},
		{"Bearer " + otherUser, ErrRevokedToken},
	} {
		var got error
		h := Bearer(http.HandlerFunc(func(_ http.ResponseWriter, r *http.Request) {
			_, got = a.Authenticate(r.Context())
		}))
		r := httptest.NewRequest("GET", "/", nil)
		if tc.header != "" {
			r.Header.Set("Authorization", tc.header)
		}
		h.ServeHTTP(httptest.NewRecorder(), r)
		if !errors.Is(got, tc.want) {
			t.Errorf("Authorization %q: Authenticate = %v, want %v", tc.header, got, tc.want)
		}
		if tc.want != nil && !IsUnauthorized(got) {
			t.Errorf("Authorization %q: IsUnauthorized(%v) = false", tc.header, got)
		}
	}
	if c := Challenge(ErrNoToken); c != `Bearer realm="crm"` {
		t.Errorf("Challenge(no token) = %s", c)
	}
	if c := Challenge(ErrExpiredToken); !strings.Contains(c, `error="invalid_token"`) {
		t.Errorf("Challenge(expired) = %s", c)
	}
}

// FuzzVerify: Verify reads untrusted input. It must never panic, and a
// token it accepts must be exactly what Sign makes of its claims (no
// second spelling of a valid token).
func FuzzVerify(f *testing.F) {
	now := time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)
	s, _ := NewSigner(bytes.Repeat([]byte("k"), 32), func() time.Time { return now })
	tok, _ := s.Sign(Claims{UserID: 1, SessionID: strings.Repeat("ab", 16), ExpiresAt: now.Add(time.Hour)})
	for _, seed := range []string{tok, "", "v1..", "v1.AAAA.AAAA", tok[:len(tok)-1]} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, in string) {
		c, err := s.Verify(in)
		if err != nil {
			return
		}
		again, err := s.Sign(c)
		if err != nil || again != in {
			t.Fatalf("Verify accepted %q, which signs back as %q (%v)", in, again, err)
		}
	})
}

// TestTokenCanonical: base64 leaves unused low bits in a token's last
// character; a token with them set is another spelling and is refused.
func TestTokenCanonical(t *testing.T) {
	now := time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)
	s := newSigner(t, "k", now)
	tok, _ := s.Sign(Claims{UserID: 1, SessionID: strings.Repeat("ab", 16), ExpiresAt: now.Add(time.Hour)})
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
	last := strings.IndexByte(alphabet, tok[len(tok)-1])
	for bits := 1; bits < 4; bits++ {
		variant := tok[:len(tok)-1] + string(alphabet[last^bits])
		if _, err := s.Verify(variant); !errors.Is(err, ErrInvalidToken) {
			t.Errorf("unused bits %d set: Verify = %v, want ErrInvalidToken", bits, err)
		}
	}
}
