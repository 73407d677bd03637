package runtime

import (
	"fmt"
	"net/url"
	"strings"
)

// serverURL resolves a server URL of the contract (an operation's or its
// path's, variables at their defaults) against the client's base URL, so
// a relative one ("/v2") keeps the base's scheme and host; the result,
// like the base, has no trailing slash.
func serverURL(base *url.URL, raw string) (*url.URL, error) {
	u, err := base.Parse(raw)
	if err != nil {
		return nil, fmt.Errorf("server URL %q: %w", raw, err)
	}
	if u.Scheme == "" || u.Host == "" {
		return nil, fmt.Errorf("server URL %q: want scheme://host[/path]", raw)
	}
	u.Path = strings.TrimSuffix(u.Path, "/")
	u.RawPath = strings.TrimSuffix(u.RawPath, "/")
	return u, nil
}
