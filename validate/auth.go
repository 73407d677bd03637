package validate

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/contractfirst/toolkit/contract"
)

// authenticator puts the --auth credentials where the contract's
// security schemes say they travel: a bearer token or user:pass in
// Authorization, an apiKey in its header, query parameter or cookie, and
// for OAuth2 client credentials a token fetched from the scheme's token
// URL, fetched again when it expires.
type authenticator struct {
	model   *contract.Model
	values  map[string]string // scheme name → --auth value
	schemes map[string]*contract.SecurityScheme
	token   map[string]string // scheme name → OAuth2 token URL
	client  *http.Client
	base    *url.URL

	mu     sync.Mutex
	tokens map[string]cachedToken
}

type cachedToken struct {
	value   string
	expires time.Time // zero: no expiry announced
}

// newAuthenticator checks every --auth against the contract's schemes.
func newAuthenticator(cfg Config, base *url.URL, client *http.Client) (*authenticator, error) {
	a := &authenticator{model: cfg.Model, values: cfg.Auth, schemes: map[string]*contract.SecurityScheme{}, token: map[string]string{}, client: client, base: base, tokens: map[string]cachedToken{}}
	var names []string
	for _, s := range cfg.Model.SecuritySchemes {
		a.schemes[s.Name] = s
		names = append(names, s.Name)
	}
	for name := range cfg.Auth {
		s := a.schemes[name]
		if s == nil {
			return nil, fmt.Errorf("validate: --auth %s: the contract has no security scheme %q (schemes: %s)", name, name, strings.Join(names, ", "))
		}
		if s.Type != "oauth2" {
			continue
		}
		ref := cfg.Doc.T.Components.SecuritySchemes[name]
		if ref == nil || ref.Value == nil || ref.Value.Flows == nil || ref.Value.Flows.ClientCredentials == nil || ref.Value.Flows.ClientCredentials.TokenURL == "" {
			return nil, fmt.Errorf("validate: --auth %s: the scheme declares no clientCredentials flow with a tokenUrl", name)
		}
		if !strings.Contains(cfg.Auth[name], ":") {
			return nil, fmt.Errorf("validate: --auth %s: want client_id:secret for OAuth2 client credentials", name)
		}
		a.token[name] = ref.Value.Flows.ClientCredentials.TokenURL
		// Fetched now, so credentials that do not work stop the run
		// before it starts.
		if _, err := a.oauthToken(context.Background(), name, cfg.Auth[name]); err != nil {
			return nil, err
		}
	}
	return a, nil
}

// apply sets the credentials of the schemes op's security names.
func (a *authenticator) apply(ctx context.Context, req *http.Request, op *contract.Operation) error {
	if len(a.values) == 0 {
		return nil
	}
	reqs := op.Security
	if reqs == nil {
		reqs = a.model.Security
	}
	for _, r := range reqs {
		for _, item := range r {
			value, ok := a.values[item.Scheme]
			if !ok {
				continue
			}
			s := a.schemes[item.Scheme]
			switch {
			case s.Type == "apiKey":
				setCredentialValue(req, credential{in: s.In, name: s.ParamName}, value)
			case s.Type == "http" && s.Scheme == "basic":
				req.Header.Set("Authorization", "Basic "+base64.StdEncoding.EncodeToString([]byte(value)))
			case a.token[item.Scheme] != "":
				tok, err := a.oauthToken(ctx, item.Scheme, value)
				if err != nil {
					return err
				}
				req.Header.Set("Authorization", "Bearer "+tok)
			default:
				req.Header.Set("Authorization", "Bearer "+value)
			}
		}
	}
	return nil
}

// oauthToken returns a client-credentials token, fetching a new one when
// none is cached or the cached one is about to expire.
func (a *authenticator) oauthToken(ctx context.Context, scheme, value string) (string, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if t, ok := a.tokens[scheme]; ok && (t.expires.IsZero() || time.Until(t.expires) > 10*time.Second) {
		return t.value, nil
	}
	tokenURL, err := a.base.Parse(a.token[scheme])
	if err != nil {
		return "", fmt.Errorf("validate: --auth %s: token URL: %w", scheme, err)
	}
	id, secret, _ := strings.Cut(value, ":")
	form := url.Values{"grant_type": {"client_credentials"}}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, tokenURL.String(), strings.NewReader(form.Encode()))
	if err != nil {
		return "", err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.SetBasicAuth(id, secret)
	resp, err := a.client.Do(req)
	if err != nil {
		return "", fmt.Errorf("validate: --auth %s: fetching a token from %s: %s", scheme, tokenURL.Redacted(), unwrapURLError(err))
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	var t struct {
		AccessToken string  `json:"access_token"`
		ExpiresIn   float64 `json:"expires_in"`
	}
	if resp.StatusCode != http.StatusOK || json.Unmarshal(body, &t) != nil || t.AccessToken == "" {
		return "", fmt.Errorf("validate: --auth %s: the token URL %s answered %d without an access_token", scheme, tokenURL.Redacted(), resp.StatusCode)
	}
	ct := cachedToken{value: t.AccessToken}
	if t.ExpiresIn > 0 {
		ct.expires = time.Now().Add(time.Duration(t.ExpiresIn * float64(time.Second)))
	}
	a.tokens[scheme] = ct
	return ct.value, nil
}
