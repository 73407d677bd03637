package golang

import (
	"testing"

	"github.com/contractfirst/toolkit/generator"
)

// TestSecurityRoundTrip generates testdata/contracts/security (every kind
// of scheme, AND and OR requirements, public operations) and runs
// testdata/roundtrip/security/roundtrip_test.go against it: requests the
// security requirements refuse never reach the handler, admitted ones carry
// the principal, middleware reads the operation, mutual TLS works end to end.
func TestSecurityRoundTrip(t *testing.T) {
	roundTrip(t, "security")
}

// TestUndefinedSchemeRoundTrip generates testdata/roundtrip/undefinedsec's
// two contracts (requirements naming undefined schemes, beside a defined
// one and with no scheme at all) into one module and runs its tests: such
// operations fail closed with 401 instead of being served public.
func TestUndefinedSchemeRoundTrip(t *testing.T) {
	dir := "testdata/roundtrip/undefinedsec"
	more := map[string][]generator.File{"open": generateFiles(t, dir+"/noschemes.yaml", "open")}
	roundTripWith(t, dir+"/openapi.yaml", dir, generator.Options{}, more)
}
