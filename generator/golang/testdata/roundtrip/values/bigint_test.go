package api

// This file is copied next to the code generated from
// testdata/contracts/values/openapi.yaml by TestValuesRoundTrip: integers
// beyond int64 keep every digit through the client, the server, the
// parameters and encoding/json, and are checked exactly.

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

type values struct{ Unimplemented }

func (values) PostChecks(_ context.Context, req PostChecksRequest) (PostChecksResponse, error) {
	return PostChecks200Response{Body: req.Body}, nil
}

func (values) CreatePet(_ context.Context, req CreatePetRequest) (CreatePetResponse, error) {
	return CreatePet200Response{Body: req.Body}, nil
}

func (values) EchoBig(_ context.Context, req EchoBigRequest) (EchoBigResponse, error) {
	return EchoBig200Response{Body: BigEcho{Body: &req.Body, U: &req.U, Q: req.Q, W: req.W, Ue: req.XUe}}, nil
}

func serve(t *testing.T) *httptest.Server {
	srv := httptest.NewServer(NewServer(values{}, WithLogger(slog.New(slog.NewTextHandler(io.Discard, nil)))))
	t.Cleanup(srv.Close)
	return srv
}

func post(t *testing.T, url, body string) (int, string) {
	t.Helper()
	res, err := http.Post(url, "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b)
}

func ptr[T any](v T) *T { return &v }

// TestBigIntegersClientServer: 2^64−1, −2^63−1 and 2^53+1 as body fields,
// path, query and header parameters go through the generated client and
// server and come back with every digit.
func TestBigIntegersClientServer(t *testing.T) {
	srv := serve(t)
	c, err := NewClient(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	body := BigBody{
		U:     ptr[Unsigned](18446744073709551615),
		E:     ptr(BigMinus9223372036854775809),
		Ue:    ptr(UEnum18446744073709551615),
		W:     ptr[Wide]("-99999999999999999999"),
		I:     ptr[int64](9007199254740993),
		Small: ptr[uint32](3999999999),
	}
	res, err := c.EchoBig(context.Background(), EchoBigRequest{
		U: 18446744073709551615, Q: ptr(Big18446744073709551615), W: ptr[Wide]("-9223372036854775809"), XUe: ptr(UEnum9007199254740993), Body: body,
	})
	if err != nil {
		t.Fatal(err)
	}
	got := res.(EchoBig200Response).Body
	if *got.U != 18446744073709551615 || *got.Q != "18446744073709551615" || *got.W != "-9223372036854775809" || *got.Ue != 9007199254740993 {
		t.Errorf("parameters came back as u=%d q=%s w=%s ue=%d", *got.U, *got.Q, *got.W, *got.Ue)
	}
	b := got.Body
	if *b.U != 18446744073709551615 || *b.E != "-9223372036854775809" || *b.Ue != 18446744073709551615 || *b.W != "-99999999999999999999" || *b.I != 9007199254740993 || *b.Small != 3999999999 {
		t.Errorf("body came back as %+v", b)
	}
}

// TestBigIntegersOnTheWire: the server reads and writes the digits as
// sent (no float64 on the way), and refuses what is no member, out of
// bounds or out of range with the value's pointer.
func TestBigIntegersOnTheWire(t *testing.T) {
	srv := serve(t)
	status, body := post(t, srv.URL+"/big/18446744073709551615?q=-9223372036854775809&w=0099999999999999999999",
		`{"u": 18446744073709551615, "e": 9007199254740993, "ue": 18446744073709551615, "w": -100000000000000000000, "i": 9007199254740993, "near": 9007199254740992, "even": 18446744073709551614}`)
	if status != 200 {
		t.Fatalf("status %d: %s", status, body)
	}
	for _, want := range []string{
		`"u":18446744073709551615`, `"e":9007199254740993`, `"ue":18446744073709551615`, `"w":-100000000000000000000`, `"i":9007199254740993`,
		`"q":-9223372036854775809`, `"w":99999999999999999999`, `"near":9007199254740992`, `"even":18446744073709551614`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("answer %s lacks %s", body, want)
		}
	}
	for _, c := range []struct{ path, body, want string }{
		{"/big/1", `{"e": 9007199254740992}`, `"/e"`},
		{"/big/1", `{"e": 9223372036854775808}`, "must be one of"},
		{"/big/1", `{"ue": 18446744073709551614}`, "must be one of"},
		{"/big/1", `{"u": 18446744073709551616}`, "out of range for a 64-bit unsigned integer: 18446744073709551616"},
		{"/big/1", `{"u": -1}`, "must not be negative: -1"},
		{"/big/1", `{"w": 100000000000000000001}`, "must be at most 100000000000000000000"},
		{"/big/1", `{"w": -100000000000000000001}`, "must be at least -100000000000000000000"},
		{"/big/1", `{"w": 1.5}`, "must be an integer, not number 1.5"},
		{"/big/1", `{"small": 4000000001}`, "must be at most 4000000000"},
		{"/big/1", `{"small": 4294967296}`, "out of range for a 32-bit unsigned integer"},
		// bounds compared as integers, not float64s (both would pass).
		{"/big/1", `{"near": 9007199254740993}`, "must be at most 9007199254740992"},
		{"/big/1", `{"even": 18446744073709551615}`, "must be a multiple of 2"},
		{"/big/-1", `{}`, "must be a non-negative integer"},
		{"/big/18446744073709551616", `{}`, "must be a non-negative integer"},
		{"/big/1?q=9007199254740992", `{}`, "must be one of"},
		{"/big/1?w=1e3", `{}`, "must be an integer"},
		{"/big/1?w=100000000000000000001", `{}`, "must be at most 100000000000000000000"},
	} {
		status, body := post(t, srv.URL+c.path, c.body)
		if status != 400 || !strings.Contains(body, c.want) {
			t.Errorf("POST %s %s: %d %s; want 400 with %q", c.path, c.body, status, body, c.want)
		}
	}
}

// TestBigEnumEncodingJSON: a decimal-backed enum is a JSON number to
// encoding/json too, both ways, exactly.
func TestBigEnumEncodingJSON(t *testing.T) {
	b, err := json.Marshal(map[string]Big{"e": Big18446744073709551615})
	if err != nil || string(b) != `{"e":18446744073709551615}` {
		t.Errorf("json.Marshal = %s, %v", b, err)
	}
	var v Big
	if err := json.Unmarshal([]byte("-9223372036854775809"), &v); err != nil || v != BigMinus9223372036854775809 {
		t.Errorf("json.Unmarshal = %q, %v", v, err)
	}
	if err := json.Unmarshal([]byte(`"1"`), &v); err == nil {
		t.Error("json.Unmarshal took a string for an integer")
	}
	if err := Big("12x").Validate(); err == nil {
		t.Error("12x is a member")
	}
	if _, err := json.Marshal(Big("12x")); err == nil {
		t.Error("json.Marshal wrote 12x as a number")
	}
}
