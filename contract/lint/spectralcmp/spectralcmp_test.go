package spectralcmp

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestCompare(t *testing.T) {
	sp, err := Read([]byte(`[
 {"code":"operation-tags","path":["paths","/a","get"],"message":"m","severity":1,"range":{"start":{"line":4,"character":2},"end":{"line":9,"character":1}}},
 {"code":"operation-description","path":["paths","/a","get"],"message":"m","severity":1,"range":{"start":{"line":4,"character":2},"end":{"line":9,"character":1}}},
 {"code":"info-contact","path":["info"],"message":"m","severity":1,"range":{"start":{"line":1,"character":2},"end":{"line":2,"character":1}}},
 {"code":"oas3-schema","path":["paths"],"message":"m","severity":0,"range":{"start":{"line":11,"character":0},"end":{"line":12,"character":1}}}
]`))
	if err != nil {
		t.Fatal(err)
	}
	got := Compare(sp, []int{2, 5, 7})
	want := Recall{Hit: 2, Total: 3, Missed: []Miss{{12, "oas3-schema"}}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("recall (-want +got):\n%s", diff)
	}
	if p := got.Percent(); p < 66.6 || p > 66.7 {
		t.Errorf("percent %.2f", p)
	}
	if p := (Recall{}).Percent(); p != 100 {
		t.Errorf("nothing flagged: %.0f%%, want 100", p)
	}
	if sum := got.Add(got); sum.Hit != 4 || sum.Total != 6 || len(sum.Missed) != 2 {
		t.Errorf("sum %+v", sum)
	}
	if _, err := Read([]byte(`{"not": "an array"}`)); err == nil {
		t.Error("an object read as Spectral output")
	}
}
