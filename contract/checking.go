package contract

import (
	"regexp"
	"sync"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
)

// RequestOptions are the kin-openapi options with which the mock checks
// requests and validate confirms its cases: the same judgement on both
// sides, so what one rejects the other never calls valid. Formats are
// checked, patterns Go cannot read are ignored, security is left to the
// service, and defaults are not filled in.
func RequestOptions() *openapi3filter.Options {
	return &openapi3filter.Options{
		AuthenticationFunc:      openapi3filter.NoopAuthenticationFunc,
		SkipSettingDefaults:     true,
		RegexCompiler:           LenientPattern,
		MultiError:              true,
		SchemaValidationOptions: []openapi3.SchemaValidationOption{openapi3.EnableFormatValidation()},
	}
}

// patterns caches compiled patterns: kin-openapi compiles a schema's
// pattern on every value it checks.
var patterns sync.Map // expr → openapi3.RegexMatcher

// LenientPattern is a kin-openapi RegexCompilerFunc for checking values:
// a pattern Go's regexp cannot read (lookaheads, \p{Alnum}, repeat counts
// above 1000) matches every value instead of failing every value, since
// the loader has already warned about it. Compiled patterns are cached.
func LenientPattern(expr string) (openapi3.RegexMatcher, error) {
	if m, ok := patterns.Load(expr); ok {
		return m.(openapi3.RegexMatcher), nil
	}
	var m openapi3.RegexMatcher = matchAll{}
	if re, err := regexp.Compile(expr); err == nil {
		m = re
	}
	patterns.Store(expr, m)
	return m, nil
}

type matchAll struct{}

func (matchAll) MatchString(string) bool { return true }
