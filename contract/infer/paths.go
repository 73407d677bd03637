package infer

import (
	"strings"

	"github.com/contractfirst/toolkit/internal/lazyre"
)

// Path templating. A trie of path segments is built over all requests
// (pass one); segments that vary at one position become a parameter
// child: typed values (integers, UUIDs, hex or base64 ids, dates) at
// once, plain words when a position has many siblings that are each
// seen once, or too many to keep. Literal segments stay literal, so
// /current/user is not /{x}/user and /users/me sits beside /users/{userId}.

// segment is one node of the trie.
type segment struct {
	lit   map[string]*segment
	order []string // literal children, first seen first
	param *segment // the parameter child, when the position varies
	kind  kind     // the parameter's values joined (for param nodes)
	fmts  format   // the formats all of them match
	// okKind and okFmts are the same over requests answered below 400:
	// values sent to be refused (an id "abc" where integers go) do not
	// widen a parameter's type when accepted values exist.
	okKind kind
	okFmts format
	name   string // the parameter name, for param nodes
	wide   bool   // the position varies: every non-literal value goes to param
	n      int    // requests through this node
	ok     int    // of which with values accepted (valuesAccepted)
}

// Limits of the trie.
const (
	maxLiterals  = 500 // literal children before a position becomes a parameter
	minSiblings  = 8   // siblings needed before "seen once" means "an id"
	onceFraction = 0.8 // share of siblings seen once that makes a position vary
)

var (
	hexIDRE    = lazyre.New(`^[0-9a-fA-F]{8,}$`)
	base64IDRE = lazyre.New(`^[A-Za-z0-9_-]{16,}={0,2}$`)
)

// idLike reports whether a segment is a value rather than a name: an
// integer, UUID, date, hex id (8+ digits with a digit and a letter or
// all digits) or base64 id (16+ characters mixing digits and letters).
func idLike(s string) bool {
	switch {
	case kindOfText(s) == kindInteger || kindOfText(s) == kindNumber:
		return true
	case uuidRE().MatchString(s), dateRE().MatchString(s), dateTimeRE().MatchString(s):
		return true
	case hexIDRE().MatchString(s) && strings.ContainsAny(s, "0123456789"):
		return true
	case base64IDRE().MatchString(s) && strings.ContainsAny(s, "0123456789") && strings.IndexFunc(s, isLetter) >= 0:
		return true
	}
	return false
}

func isLetter(r rune) bool { return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' }

// splitPath cuts a URL path into its segments; the empty path is "/".
func splitPath(p string) []string {
	p = strings.Trim(p, "/")
	if p == "" {
		return nil
	}
	return strings.Split(p, "/")
}

// insert adds one request's path.
func (t *segment) insert(segs []string, ok bool) {
	n := t
	n.count(ok)
	for _, s := range segs {
		if _, isLit := n.lit[s]; !isLit && (idLike(s) || n.wide) {
			n = n.paramChild(s, ok)
		} else if c, found := n.lit[s]; found {
			n = c
		} else if len(n.order) >= maxLiterals {
			n.widen()
			n = n.paramChild(s, ok)
		} else {
			if n.lit == nil {
				n.lit = map[string]*segment{}
			}
			c = &segment{}
			n.lit[s] = c
			n.order = append(n.order, s)
			n = c
		}
		n.count(ok)
	}
}

func (n *segment) count(ok bool) {
	n.n++
	if ok {
		n.ok++
	}
}

// paramChild returns the parameter child, joining v's kind into it.
// Values of requests the service refused are joined too: they are how
// the position is used, and the type stays string when they disagree.
func (n *segment) paramChild(v string, ok bool) *segment {
	if n.param == nil {
		n.param = &segment{fmts: fmtAll, okFmts: fmtAll}
	}
	p := n.param
	k, f := kindOfText(v), formatsOf(v)
	p.kind, p.fmts = join(p.kind, k), p.fmts&f
	if ok {
		p.okKind, p.okFmts = join(p.okKind, k), p.okFmts&f
	}
	return p
}

// paramType is the type and format a parameter node's values show,
// from the accepted requests when there are any.
func (n *segment) paramType() (kind, format) {
	if n.ok > 0 && n.okKind != kindNone {
		return n.okKind, n.okFmts
	}
	return n.kind, n.fmts
}

// widen turns every literal child into the parameter child, merging
// their subtrees; later values at the position go there too.
func (n *segment) widen() {
	n.fold(func(string, *segment) bool { return true })
	n.wide = true
}

// fold turns the literal children pick chooses into the parameter child,
// merging their subtrees.
func (n *segment) fold(pick func(s string, c *segment) bool) {
	var keep []string
	for _, s := range n.order {
		c := n.lit[s]
		if !pick(s, c) {
			keep = append(keep, s)
			continue
		}
		n.paramChild(s, c.ok > 0).absorb(c, 0)
		delete(n.lit, s)
	}
	n.order = keep
}

// absorb merges the subtree c into n.
func (n *segment) absorb(c *segment, depth int) {
	if depth > maxDepth {
		return
	}
	n.n += c.n
	n.ok += c.ok
	for _, s := range c.order {
		if mine, ok := n.lit[s]; ok {
			mine.absorb(c.lit[s], depth+1)
			continue
		}
		if n.lit == nil {
			n.lit = map[string]*segment{}
		}
		n.lit[s] = c.lit[s]
		n.order = append(n.order, s)
	}
	if c.param != nil {
		if n.param == nil {
			n.param = &segment{fmts: fmtAll, okFmts: fmtAll}
		}
		p, q := n.param, c.param
		p.kind, p.fmts = join(p.kind, q.kind), p.fmts&q.fmts
		if q.okKind != kindNone {
			p.okKind, p.okFmts = join(p.okKind, q.okKind), p.okFmts&q.okFmts
		}
		n.param.absorb(c.param, depth+1)
	}
}

// settle decides, once every path is in, which positions vary: where
// there are many literal siblings (below the first segment), nearly all
// seen once, they are values. Literal siblings
// of a parameter whose requests were all refused (an invalid id sent
// on purpose) join the parameter too. Depth is bounded.
func (n *segment) settle(depth int) {
	if depth > maxDepth {
		return
	}
	// The first segment names resources, however many: never widened.
	if depth > 0 && len(n.order) >= minSiblings {
		once := 0
		for _, s := range n.order {
			if n.lit[s].n == 1 {
				once++
			}
		}
		if float64(once) >= onceFraction*float64(len(n.order)) {
			n.widen()
		}
	}
	if n.param != nil && n.param.ok > 0 {
		// A refused literal beside a parameter is an invalid value sent
		// on purpose.
		n.fold(func(_ string, c *segment) bool { return c.ok == 0 && c.leaf() })
	}
	for _, s := range n.order {
		n.lit[s].settle(depth + 1)
	}
	if n.param != nil {
		n.param.settle(depth + 1)
	}
}

func (n *segment) leaf() bool { return len(n.order) == 0 && n.param == nil }

// match walks segs through the settled trie and returns the template's
// nodes: for each segment the literal or the parameter node taken.
func (t *segment) match(segs []string) (path []*segment, literal []bool) {
	n := t
	for _, s := range segs {
		if c, ok := n.lit[s]; ok {
			n = c
			path, literal = append(path, n), append(literal, true)
			continue
		}
		if n.param == nil {
			return nil, nil
		}
		n = n.param
		path, literal = append(path, n), append(literal, false)
	}
	return path, literal
}
