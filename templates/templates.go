// Package templates embeds the text/template and html/template sources of
// every non-Go output: documentation pages (docs/), project scaffolds
// (scaffold/). Each emitter reads its own folder of FS; templates never
// produce Go code, which is written with jennifer.
package templates

import "embed"

// FS holds every template file of this folder, by path relative to it
// (for example "docs/page.html.tmpl").
//
//go:embed *
var FS embed.FS
