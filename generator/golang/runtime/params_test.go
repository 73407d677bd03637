package runtime

import (
	"encoding/base64"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// paramsOf is the params of a GET of target with the given headers, one
// "name=value" cookie header and path values.
func paramsOf(target string, header http.Header, pv map[string]string) *params {
	r := httptest.NewRequest(http.MethodGet, target, nil)
	for k, vs := range header {
		r.Header[k] = vs
	}
	return &params{r: r, pv: pv}
}

func TestParamValues(t *testing.T) {
	p := paramsOf("/pets/7?tag=a&tag=b&empty=", http.Header{"X-Trace": {"t1", "t2"}, "Cookie": {"session=s1"}}, map[string]string{"id": "7"})
	for _, tc := range []struct {
		in, name string
		want     []string
		ok       bool
	}{
		{"path", "id", []string{"7"}, true},
		{"path", "other", []string{""}, false},
		{"query", "tag", []string{"a", "b"}, true},
		{"query", "empty", []string{""}, true},
		{"query", "absent", nil, false},
		{"header", "x-trace", []string{"t1", "t2"}, true},
		{"header", "absent", nil, false},
		{"cookie", "session", []string{"s1"}, true},
		{"cookie", "absent", nil, false},
	} {
		got, ok := p.values(tc.in, tc.name)
		if ok != tc.ok || !slices.Equal(got, tc.want) {
			t.Errorf("values(%s, %s) = %q, %v; want %q, %v", tc.in, tc.name, got, ok, tc.want, tc.ok)
		}
	}
}

// wantParamError checks that err is a 400 naming in, name and reason.
func wantParamError(t *testing.T, what string, err *RequestError, in, name, reason string) {
	t.Helper()
	want := in + " " + name + ": " + reason
	if err == nil || err.Status != http.StatusBadRequest || len(err.Params) != 1 || err.Error() != want {
		t.Errorf("%s: %+v; want a 400 %q", what, err, want)
	}
}

func TestParam(t *testing.T) {
	p := paramsOf("/?limit=20&bad=x&big=3000000000", nil, nil)
	positive := func(v int32) error {
		if v <= 0 {
			return &ValidationError{Message: "must be at least 1"}
		}
		return nil
	}
	limit := int32(5)
	if err := param(p, "query", "absent", false, parseInt[int32], positive, &limit); err != nil || limit != 5 {
		t.Errorf("optional absent: %v, %d; want no error and the default kept", err, limit)
	}
	wantParamError(t, "required absent", param(p, "query", "absent", true, parseInt[int32], positive, &limit), "query", "absent", "is required")
	wantParamError(t, "not an integer", param(p, "query", "bad", true, parseInt[int32], positive, &limit), "query", "bad", "must be an integer")
	wantParamError(t, "beyond int32", param(p, "query", "big", true, parseInt[int32], positive, &limit), "query", "big", "must be an integer")
	if err := param(p, "query", "limit", true, parseInt[int32], positive, &limit); err != nil || limit != 20 {
		t.Errorf("limit=20: %v, %d", err, limit)
	}
	zero := paramsOf("/?limit=0", nil, nil)
	wantParamError(t, "check fails", param(zero, "query", "limit", true, parseInt[int32], positive, &limit), "query", "limit", "must be at least 1")

	var opt *int32
	if err := optParam(p, "query", "absent", parseInt[int32], nil, &opt); err != nil || opt != nil {
		t.Errorf("optParam absent: %v, %v; want nil, nil", err, opt)
	}
	if err := optParam(p, "query", "limit", parseInt[int32], positive, &opt); err != nil || opt == nil || *opt != 20 {
		t.Errorf("optParam limit=20: %v, %v", err, opt)
	}
	wantParamError(t, "optParam check", optParam(zero, "query", "limit", parseInt[int32], positive, &opt), "query", "limit", "must be at least 1")
}

func TestArrayParam(t *testing.T) {
	p := paramsOf("/?ids=1,2,3&tag=a&tag=b&pipes=x|y&bad=1,x&empty=", http.Header{"X-Ids": {"4,5", "6"}}, nil)
	for _, tc := range []struct {
		in, name, sep string
		want          []string
	}{
		{"query", "ids", ",", []string{"1", "2", "3"}},
		{"query", "tag", "", []string{"a", "b"}},
		{"query", "pipes", "|", []string{"x", "y"}},
		{"header", "x-ids", ",", []string{"4", "5", "6"}},
		{"query", "empty", ",", nil},
	} {
		var got []string
		if err := arrayParam(p, tc.in, tc.name, true, tc.sep, parseString[string], nil, &got); err != nil || !slices.Equal(got, tc.want) {
			t.Errorf("%s %s: %q, %v; want %q", tc.in, tc.name, got, err, tc.want)
		}
	}
	var ints []int64
	wantParamError(t, "an item is not an integer", arrayParam(p, "query", "bad", true, ",", parseInt[int64], nil, &ints), "query", "bad", "must be an integer")
	wantParamError(t, "required absent", arrayParam(p, "query", "absent", true, ",", parseInt[int64], nil, &ints), "query", "absent", "is required")
	unique := func(v []int64) error {
		if !uniqueItems(v) {
			return &ValidationError{Pointer: "/1", Message: "must not repeat items"}
		}
		return nil
	}
	dup := paramsOf("/?ids=1,1", nil, nil)
	wantParamError(t, "check fails", arrayParam(dup, "query", "ids", true, ",", parseInt[int64], unique, &ints), "query", "ids/1", "must not repeat items")
}

func TestInvalidValue(t *testing.T) {
	for _, tc := range []struct {
		in, name string
		err      error
		want     string
	}{
		{"query", "limit", &ValidationError{Message: "too big"}, "query limit: too big"},
		{"query", "filter", &ValidationError{Pointer: "/name", Message: "too long"}, "query filter/name: too long"},
		{"body", "", &ValidationError{Message: "is required"}, "body /: is required"},
		{"body", "", &ValidationError{Pointer: "/a/0", Message: "bad"}, "body /a/0: bad"},
		{"header", "x-id", errors.New("plain"), "header x-id: plain"},
	} {
		if got := invalidValue(tc.in, tc.name, tc.err).Error(); got != tc.want {
			t.Errorf("invalidValue(%s, %s, %v) = %q, want %q", tc.in, tc.name, tc.err, got, tc.want)
		}
	}
	if got := (&RequestError{Status: 413, Detail: "too large"}).Error(); got != "too large" {
		t.Errorf("a RequestError without params says %q, want its detail", got)
	}
}

func TestParseParam(t *testing.T) {
	ok := func(_ any, err error) string {
		if err != nil {
			return err.Error()
		}
		return "ok"
	}
	for _, tc := range []struct {
		name, got, want string
	}{
		{"int", ok(parseInt[int64]("-42")), "ok"},
		{"int space", ok(parseInt[int64](" 1")), "must be an integer"},
		{"int32 max", ok(parseInt[int32]("2147483647")), "ok"},
		{"int32 overflow", ok(parseInt[int32]("2147483648")), "must be an integer"},
		{"number", ok(parseNumber[float64]("1.5e3")), "ok"},
		{"number word", ok(parseNumber[float64]("one")), "must be a number"},
		{"bool", ok(parseBool[bool]("true")), "ok"},
		{"bool yes", ok(parseBool[bool]("yes")), "must be true or false"},
		{"time", ok(parseTime("2024-02-29T12:00:00Z")), "ok"},
		{"time date only", ok(parseTime("2024-02-29")), "must be an RFC 3339 date-time"},
		{"bytes", ok(parseBytes("aGk=")), "ok"},
		{"bytes url alphabet", ok(parseBytes("_-8=")), "must be base64"},
	} {
		if tc.got != tc.want {
			t.Errorf("%s: %s, want %s", tc.name, tc.got, tc.want)
		}
	}
	if s, _ := parseString[string]("a b"); s != "a b" {
		t.Errorf("parseString changed its input: %q", s)
	}
}

// FuzzParseParam feeds any text to every parameter parser: none panics,
// each either refuses it with its message or returns a value that reads
// back the same after being written in its canonical form.
func FuzzParseParam(f *testing.F) {
	for _, s := range []string{"", "0", "-1", "2147483648", "9223372036854775808", "1.5", "1e400", "NaN", "true", "T", "2024-02-29T12:00:00Z", "2024-02-29T12:00:00+01:00", "aGk=", "aGk", "é", "\x00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if v, err := parseInt[int32](s); err == nil {
			if back, err := parseInt[int32](strconv.FormatInt(int64(v), 10)); err != nil || back != v {
				t.Errorf("parseInt[int32](%q) = %d, which does not read back (%d, %v)", s, v, back, err)
			}
		} else if err.Error() != "must be an integer" {
			t.Errorf("parseInt[int32](%q): %v", s, err)
		}
		if v, err := parseNumber[float64](s); err == nil {
			if back, err := parseNumber[float64](strconv.FormatFloat(float64(v), 'g', -1, 64)); err != nil || back != v && v == v {
				t.Errorf("parseNumber(%q) = %v, which does not read back (%v, %v)", s, v, back, err)
			}
		} else if err.Error() != "must be a number" {
			t.Errorf("parseNumber(%q): %v", s, err)
		}
		if v, err := parseBool[bool](s); err == nil {
			if back, _ := parseBool[bool](strconv.FormatBool(v)); back != v {
				t.Errorf("parseBool(%q) = %v, which does not read back", s, v)
			}
		}
		if v, err := parseTime(s); err == nil {
			if back, err := parseTime(v.Format(time.RFC3339Nano)); err != nil || !back.Equal(v) {
				t.Errorf("parseTime(%q) = %v, which does not read back (%v, %v)", s, v, back, err)
			}
		}
		if v, err := parseBytes(s); err == nil {
			if back, err := parseBytes(base64.StdEncoding.EncodeToString(v)); err != nil || string(back) != string(v) {
				t.Errorf("parseBytes(%q) = %q, which does not read back (%q, %v)", s, v, back, err)
			}
		}
	})
}

// FuzzArrayParam decodes any query string as an array parameter of
// integers, in each style: it either fails with a 400 naming the parameter
// or gives one integer per item the style splits the values into.
func FuzzArrayParam(f *testing.F) {
	for _, s := range []string{"ids=1,2,3", "ids=1&ids=2", "ids=", "ids=1,,2", "ids=%2C", "ids=1|x", "ids=1%20%202", "ids", "&&=&", "ids=%zz"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, query string) {
		q, err := url.ParseQuery(query)
		if err != nil {
			return // the server's router reads such a query as url.Values does: not this code's input
		}
		for _, sep := range []string{"", ",", " ", "|"} {
			p := &params{r: &http.Request{URL: &url.URL{RawQuery: query}}}
			var got []int64
			rerr := arrayParam(p, "query", "ids", false, sep, parseInt[int64], nil, &got)
			if rerr != nil {
				if rerr.Status != http.StatusBadRequest || len(rerr.Params) != 1 || rerr.Params[0].Name != "ids" || rerr.Params[0].In != "query" {
					t.Fatalf("sep %q, %q: %+v; want a 400 naming query ids", sep, query, rerr)
				}
				continue
			}
			items := q["ids"]
			if sep != "" {
				items = splitParam(strings.Join(items, sep), sep)
			}
			if len(got) != len(items) {
				t.Fatalf("sep %q, %q: %d values from %d items", sep, query, len(got), len(items))
			}
		}
	})
}
