package api

import (
	"encoding/json"
	"testing"
)

// TestNilSliceEncoding: a nil slice is [] where the contract's array is not
// nullable, null where it is, and absent where the property is optional.
func TestNilSliceEncoding(t *testing.T) {
	for _, c := range []struct {
		in   Basket
		want string
	}{
		{Basket{}, `{"items":[],"maybe":null}`},
		{Basket{Items: []string{}, Maybe: []string{}, Extra: []string{"x"}}, `{"extra":["x"],"items":[],"maybe":[]}`},
		{Basket{Nested: [][]int64{nil, {1}}}, `{"items":[],"maybe":null,"nested":[[],[1]]}`},
	} {
		b, err := json.Marshal(c.in)
		if err != nil || string(b) != c.want {
			t.Errorf("%#v: got %s, %v; want %s", c.in, b, err, c.want)
		}
		var back Basket
		if err := json.Unmarshal(b, &back); err != nil {
			t.Errorf("%s does not decode: %v", b, err)
		}
	}
}
