package golang

import (
	"github.com/contractfirst/toolkit/contract"
	"github.com/contractfirst/toolkit/generator"
)

// Target is the Go target of toolkit gen: one package of types, operations,
// a server, a client and the embedded spec, each a part that can be asked
// for alone.
type Target struct{}

var _ generator.Target = Target{}

// Name implements generator.Target.
func (Target) Name() string { return "go" }

// Parts lists the parts Options.Targets may name, in file order.
func (Target) Parts() []string {
	var parts []string
	for _, o := range outputs {
		if len(parts) == 0 || parts[len(parts)-1] != o.target {
			parts = append(parts, o.target)
		}
	}
	return parts
}

// Generate implements generator.Target.
func (Target) Generate(m *contract.Model, opts generator.Options) ([]generator.File, error) {
	return Generate(m, opts)
}
