package golang

import (
	"slices"
	"strconv"
	"strings"
	"testing"
)

// TestErrorStatusesMatchRuntime: the generator writes error tables in the
// order of the runtime's errorStatuses.
func TestErrorStatusesMatchRuntime(t *testing.T) {
	var want []string
	for _, s := range ownErrorStatuses {
		want = append(want, strconv.Itoa(s))
	}
	for _, d := range mustRuntime().decls {
		if slices.Contains(d.names, "errorStatuses") {
			if !strings.Contains(d.text, "[...]int{"+strings.Join(want, ", ")+"}") {
				t.Fatalf("runtime's errorStatuses %s, generator's %v", d.text, want)
			}
			return
		}
	}
	t.Fatal("the runtime has no errorStatuses")
}
