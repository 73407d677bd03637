package golang

import "testing"

// TestXMLRoundTrip generates testdata/contracts/xml, builds and vets it,
// and runs testdata/roundtrip/xml/roundtrip_test.go against it: XML bodies
// through the generated client and server, JSON and XML of one operation
// negotiated, malformed and invalid XML refused with the declared 400.
func TestXMLRoundTrip(t *testing.T) {
	roundTrip(t, "xml")
}
