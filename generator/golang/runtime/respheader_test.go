package runtime

import (
	"errors"
	"testing"
)

func TestCheckHeader(t *testing.T) {
	max10 := func(v int64) error {
		if v > 10 {
			return &ValidationError{Message: "must be at most 10"}
		}
		return nil
	}
	ten, eleven := int64(10), int64(11)
	for _, tc := range []struct {
		name string
		err  error
		want string // "" for no error
	}{
		{"present, valid", checkHeader("X-N", true, max10, 10), ""},
		{"present, no check", checkHeader[string]("X-S", true, nil, "x"), ""},
		{"missing", checkHeader("X-N", false, max10, 0), `response header "X-N": is required but missing`},
		{"missing, no check", checkHeader[string]("X-S", false, nil, ""), `response header "X-S": is required but missing`},
		{"out of range", checkHeader("X-N", true, max10, 11), `response header "X-N": must be at most 10`},
		{"optional absent", checkOptHeader("X-N", max10, nil), ""},
		{"optional valid", checkOptHeader("X-N", max10, &ten), ""},
		{"optional out of range", checkOptHeader("X-N", max10, &eleven), `response header "X-N": must be at most 10`},
		{"list absent, optional", checkListHeader[int64]("X-L", false, nil, nil), ""},
		{"list absent, required", checkListHeader[int64]("X-L", true, nil, nil), `response header "X-L": is required but missing`},
		{"list checked", checkListHeader("X-L", false, func(v []int64) error { return max10(int64(len(v))) }, make([]int64, 11)), `response header "X-L": must be at most 10`},
		{"name quoted", checkHeader[string]("X-\"q\"\n", false, nil, ""), `response header "X-\"q\"\n": is required but missing`},
	} {
		got := ""
		if tc.err != nil {
			got = tc.err.Error()
		}
		if got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
		var he *headerError
		var ve *ValidationError
		if tc.err != nil && (!errors.As(tc.err, &he) || !errors.As(tc.err, &ve)) {
			t.Errorf("%s: %T is not a headerError wrapping a ValidationError", tc.name, tc.err)
		}
	}
}

func TestFirstError(t *testing.T) {
	a, b := errors.New("a"), errors.New("b")
	if err := firstError(nil, a, b); err != a {
		t.Errorf("firstError(nil, a, b) = %v, want a", err)
	}
	if err := firstError(nil, nil); err != nil {
		t.Errorf("firstError(nil, nil) = %v, want nil", err)
	}
}
