package validate

import (
	"math"
	"math/rand/v2"

	"github.com/contractfirst/toolkit/contract"
	"github.com/contractfirst/toolkit/contract/sample"
)

// largestSafeInt is the largest integer JSON numbers hold exactly, the
// top of the range explored for an integer without a maximum.
const largestSafeInt = 1<<53 - 1

// exploreCases are requests whose path parameters take values across
// the parameter's range (its ends and a random value between) instead
// of harvested ids: ids the service never handed out must be answered
// too (404, not a hang or a 500). They are never linked, so harvested
// ids do not replace them.
func exploreCases(op *contract.Operation, minimal *Case, rng *rand.Rand) []*Case {
	var out []*Case
	for _, p := range op.Params {
		if p.In != contract.InPath {
			continue
		}
		for _, v := range pathRange(p.Type, rng) {
			c := minimal.clone()
			c.Name, c.Linked = "explore "+p.Name+" "+v.kind, false
			c.Params[keyOf(p)] = v.value
			out = append(out, c)
		}
	}
	return out
}

type rangeValue struct {
	kind  string
	value any
}

// pathRange returns an integer's lowest, highest and a random value in
// between, and for other types their boundary values.
func pathRange(t *contract.Type, rng *rand.Rand) []rangeValue {
	if t == nil {
		return nil
	}
	if t.Kind != contract.KindInt {
		var out []rangeValue
		for _, b := range sample.Boundaries(t, sample.Request) {
			if b.Pointer == "" && b.Value != nil {
				out = append(out, rangeValue{b.Kind, b.Value})
			}
		}
		return out
	}
	lo, hi := 0.0, float64(largestSafeInt)
	if t.Format == "int32" {
		hi = math.MaxInt32
	}
	c := t.Constraints
	if c.Minimum != nil {
		lo = math.Ceil(*c.Minimum)
		if c.ExclusiveMinimum && lo == *c.Minimum {
			lo++
		}
	}
	if c.Maximum != nil {
		hi = math.Floor(*c.Maximum)
		if c.ExclusiveMaximum && hi == *c.Maximum {
			hi--
		}
	}
	if hi < lo || hi-lo > largestSafeInt {
		return nil
	}
	mid := lo + math.Floor(rng.Float64()*(hi-lo))
	return []rangeValue{{"lowest", int64(lo)}, {"highest", int64(hi)}, {"random in range", int64(mid)}}
}
