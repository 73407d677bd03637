package infer

import (
	"net"
	"net/mail"
	"strconv"
	"strings"
	"time"

	"github.com/contractfirst/toolkit/internal/lazyre"
)

// kind is what a scalar looks like, from the most to the least specific;
// two samples of different kinds join to the more general one.
type kind uint8

const (
	kindNone    kind = iota
	kindInteger      // 42, -7
	kindNumber       // 4.2
	kindBoolean      // true, false
	kindString       // anything else
)

// format is a string format, a bit each, so that the formats every
// sample matches are the AND of the samples' masks.
type format uint16

const (
	fmtDateTime format = 1 << iota
	fmtDate
	fmtUUID
	fmtEmail
	fmtURI
	fmtIPv4
	fmtIPv6
	fmtAll = fmtDateTime | fmtDate | fmtUUID | fmtEmail | fmtURI | fmtIPv4 | fmtIPv6
)

// formatNames in priority order: the first format every sample matches
// is the one written.
var formatNames = []struct {
	f    format
	name string
}{{fmtUUID, "uuid"}, {fmtDateTime, "date-time"}, {fmtDate, "date"}, {fmtEmail, "email"}, {fmtIPv4, "ipv4"}, {fmtIPv6, "ipv6"}, {fmtURI, "uri"}}

func (f format) name() string {
	for _, n := range formatNames {
		if f&n.f != 0 {
			return n.name
		}
	}
	return ""
}

var (
	uuidRE     = lazyre.New(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)
	dateRE     = lazyre.New(`^\d{4}-\d{2}-\d{2}$`)
	dateTimeRE = lazyre.New(`^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$`)
	uriRE      = lazyre.New(`^[a-zA-Z][a-zA-Z0-9+.-]*://[^\s/?#]+[^\s]*$`)
)

// formatsOf returns the formats s matches.
func formatsOf(s string) format {
	var f format
	switch {
	case uuidRE().MatchString(s):
		f |= fmtUUID
	case dateRE().MatchString(s):
		if _, err := time.Parse("2006-01-02", s); err == nil {
			f |= fmtDate
		}
	case dateTimeRE().MatchString(s):
		if _, err := time.Parse(time.RFC3339Nano, s); err == nil {
			f |= fmtDateTime
		}
	case uriRE().MatchString(s):
		f |= fmtURI
	}
	if strings.Count(s, "@") == 1 && !strings.ContainsAny(s, " <>") {
		if a, err := mail.ParseAddress(s); err == nil && a.Address == s {
			f |= fmtEmail
		}
	}
	if ip := net.ParseIP(s); ip != nil {
		if ip.To4() != nil && strings.Count(s, ".") == 3 && !strings.Contains(s, ":") {
			f |= fmtIPv4
		} else if strings.Contains(s, ":") {
			f |= fmtIPv6
		}
	}
	return f
}

// kindOfText classifies a parameter's text (path, query, header).
func kindOfText(s string) kind {
	if _, err := strconv.ParseInt(s, 10, 64); err == nil && !strings.HasPrefix(s, "+") && (s == "0" || !strings.HasPrefix(strings.TrimPrefix(s, "-"), "0")) {
		return kindInteger
	}
	if _, err := strconv.ParseFloat(s, 64); err == nil && !strings.ContainsAny(s, "xXnN_+") && strings.Contains(s, ".") {
		return kindNumber
	}
	if s == "true" || s == "false" {
		return kindBoolean
	}
	return kindString
}

// join returns the kind of a set holding samples of kinds a and b.
func join(a, b kind) kind {
	switch {
	case a == kindNone:
		return b
	case b == kindNone || a == b:
		return a
	case a == kindInteger && b == kindNumber || a == kindNumber && b == kindInteger:
		return kindNumber
	}
	return kindString
}

// typeName is the JSON Schema type of a kind.
func (k kind) typeName() string {
	switch k {
	case kindInteger:
		return "integer"
	case kindNumber:
		return "number"
	case kindBoolean:
		return "boolean"
	}
	return "string"
}

// scalar accumulates the samples of one parameter: their joined kind,
// the formats all of them match, and the distinct values while few.
type scalar struct {
	n       int
	kind    kind
	formats format
	values  map[string]bool // nil once more than maxDistinct
	order   []string        // values in first-seen order
}

// maxDistinct bounds the values a scalar remembers, for enums.
const maxDistinct = 64

func (s *scalar) add(v string) {
	if s.n == 0 {
		s.formats, s.values = fmtAll, map[string]bool{}
	}
	s.n++
	s.kind = join(s.kind, kindOfText(v))
	s.formats &= formatsOf(v)
	if s.values != nil && !s.values[v] {
		if len(s.values) >= maxDistinct {
			s.values, s.order = nil, nil
		} else {
			s.values[v] = true
			s.order = append(s.order, v)
		}
	}
}

// enum returns the values as an enum when they form a small closed set:
// strings, two to max distinct values, each seen more than once on
// average, at least three samples.
func (s *scalar) enum(max int) []string {
	if s.kind != kindString || s.values == nil || len(s.order) > max || len(s.order) < 2 || s.n < 3 || s.n < 2*len(s.order) || s.formats != 0 {
		return nil
	}
	for _, v := range s.order {
		if v == "" || v == "REDACTED" {
			return nil
		}
	}
	out := append([]string(nil), s.order...)
	sortStrings(out)
	return out
}
