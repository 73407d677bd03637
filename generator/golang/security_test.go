package golang

import (
	"testing"
)

// TestSecurityRoundTrip generates testdata/contracts/security (every kind
// of scheme, AND and OR requirements, public operations) and runs
// testdata/roundtrip/security/roundtrip_test.go against it: requests the
// security requirements refuse never reach the handler, admitted ones carry
// the principal, middleware reads the operation, mutual TLS works end to end.
func TestSecurityRoundTrip(t *testing.T) {
	roundTrip(t, "security")
}
