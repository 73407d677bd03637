// Package lazyre compiles a package-level regular expression on first use
// instead of at program start.
//
// toolkit is one binary with many commands; a pattern compiled in a
// package's variable initializer is paid by every run of every command,
// whether or not the run needs it (the lint and infer patterns cost about
// 1 ms of each gen run's start-up). A pattern declared with New costs
// nothing until its first use.
package lazyre

import (
	"regexp"
	"sync"
)

// New returns a function that compiles expr on its first call (panicking,
// as regexp.MustCompile does, when expr is invalid) and returns that one
// *regexp.Regexp on every call. It is safe for concurrent use.
func New(expr string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })
}
