package deps

import (
	_ "github.com/chromedp/chromedp"
	_ "github.com/dave/jennifer/jen"
	_ "github.com/getkin/kin-openapi/openapi2conv"
	_ "github.com/getkin/kin-openapi/openapi3filter"
	_ "github.com/google/go-cmp/cmp"
	_ "github.com/oasdiff/oasdiff/diff"
	_ "github.com/spf13/cobra"
	_ "gopkg.in/yaml.v3"
)
