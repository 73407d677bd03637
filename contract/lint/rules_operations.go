package lint

import (
	"fmt"
	"strings"
	"unicode"
)

func init() {
	register(
		&Rule{ID: "OPERATION_ID_PRESENT", Category: "OPERATIONS", Severity: Error,
			Description: "Every operation has an operationId: generated method names come from it.", Hint: "add an operationId naming what the operation does, e.g. getPet", Aliases: []string{"operation-operationId"}, Check: checkOperationIDPresent},
		&Rule{ID: "OPERATION_ID_UNIQUE", Category: "OPERATIONS", Severity: Error,
			Description: "operationIds are unique: two operations cannot share a generated method.", Hint: "rename one of the operations", Aliases: []string{"operation-operationId-unique"}, Check: checkOperationIDUnique},
		&Rule{ID: "OPERATION_ID_CASING", Category: "STYLE", Severity: Warning,
			Description: "operationIds all use the casing most of them use (camelCase, PascalCase, snake_case or kebab-case).", Hint: "rename the operationId to the casing the others use", Check: checkOperationIDCasing},
		&Rule{ID: "OPERATION_SUCCESS_RESPONSE", Category: "OPERATIONS", Severity: Error,
			Description: "Every operation documents a 2xx or 3xx response.", Hint: "document the 2xx (or 3xx) response the operation gives on success", Aliases: []string{"operation-success-response"}, Check: checkSuccessResponse},
		&Rule{ID: "OPERATION_ERROR_RESPONSE", Category: "OPERATIONS", Severity: Warning,
			Description: "Every operation documents its error responses (4xx, 5xx or default).", Hint: "add a 4xx response or a default response describing errors", Check: checkErrorResponse},
		&Rule{ID: "OPERATION_DESCRIPTION", Category: "DOCUMENTATION", Severity: Warning,
			Description: "Every operation has a description, as Spectral's operation-description asks (a summary alone is not enough): it becomes the generated doc comment.", Hint: "add a description saying what the operation does", Aliases: []string{"operation-description"}, Check: checkOperationDescription},
	)
}

func checkOperationIDPresent(c *Context) {
	eachOperation(c.Root, func(path string, _ *Node, method string, op *Node) {
		if strings.TrimSpace(op.Str("operationId")) == "" {
			c.Report(op, fmt.Sprintf("%s %s has no operationId; add one such as %q", strings.ToUpper(method), path, suggestID(method, path)))
		}
	})
}

func suggestID(method, path string) string {
	var b strings.Builder
	b.WriteString(method)
	for _, seg := range strings.Split(path, "/") {
		seg = strings.Trim(seg, "{}")
		for _, w := range strings.FieldsFunc(seg, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
			b.WriteString(strings.ToUpper(w[:1]) + w[1:])
		}
	}
	return b.String()
}

func checkOperationIDUnique(c *Context) {
	first := map[string]string{}
	eachOperation(c.Root, func(path string, _ *Node, method string, op *Node) {
		id := op.Str("operationId")
		if id == "" {
			return
		}
		where := strings.ToUpper(method) + " " + path
		if prev, ok := first[id]; ok {
			c.Report(op.Get("operationId"), fmt.Sprintf("operationId %q of %s is already used by %s; rename one of them", id, where, prev))
			return
		}
		first[id] = where
	})
}

// casing classifies an identifier: camel, pascal, snake, kebab, or "" when
// it is a single lowercase word that fits several styles.
func casing(s string) string {
	switch {
	case strings.Contains(s, "_") && !strings.Contains(s, "-"):
		return "snake_case"
	case strings.Contains(s, "-") && !strings.Contains(s, "_"):
		return "kebab-case"
	case strings.ContainsAny(s, "-_. /"):
		return "mixed"
	case s != "" && unicode.IsUpper([]rune(s)[0]):
		return "PascalCase"
	case strings.IndexFunc(s, unicode.IsUpper) > 0:
		return "camelCase"
	}
	return ""
}

// compatible reports whether an id of style got fits the majority style.
func compatible(got, want string) bool {
	return got == "" || got == want
}

func checkOperationIDCasing(c *Context) {
	type idAt struct {
		id string
		n  *Node
	}
	var ids []idAt
	count := map[string]int{}
	eachOperation(c.Root, func(_ string, _ *Node, _ string, op *Node) {
		if n := op.Get("operationId"); n != nil && n.Y.Value != "" {
			ids = append(ids, idAt{n.Y.Value, n})
			if s := casing(n.Y.Value); s != "" {
				count[s]++
			}
		}
	})
	major, best := "", 0
	for _, s := range []string{"camelCase", "PascalCase", "snake_case", "kebab-case", "mixed"} {
		if count[s] > best {
			major, best = s, count[s]
		}
	}
	if major == "" {
		return
	}
	for _, x := range ids {
		if s := casing(x.id); !compatible(s, major) {
			c.Report(x.n, fmt.Sprintf("operationId %q is %s but most operationIds are %s; rename it to match", x.id, s, major))
		}
	}
}

func checkSuccessResponse(c *Context) {
	eachOperation(c.Root, func(path string, _ *Node, method string, op *Node) {
		ok := false
		op.Get("responses").Pairs(func(code string, _ *yamlNode, _ *Node) {
			if strings.HasPrefix(code, "2") || strings.HasPrefix(code, "3") {
				ok = true
			}
		})
		if !ok {
			at := op.Get("responses")
			if at == nil {
				at = op
			}
			c.Report(at, fmt.Sprintf("%s %s documents no 2xx or 3xx response; add the response a successful call returns", strings.ToUpper(method), path))
		}
	})
}

func checkErrorResponse(c *Context) {
	eachOperation(c.Root, func(path string, _ *Node, method string, op *Node) {
		ok := false
		op.Get("responses").Pairs(func(code string, _ *yamlNode, _ *Node) {
			if code == "default" || strings.HasPrefix(code, "4") || strings.HasPrefix(code, "5") {
				ok = true
			}
		})
		if !ok {
			at := op.Get("responses")
			if at == nil {
				at = op
			}
			c.Report(at, fmt.Sprintf("%s %s documents no error response; add 4xx responses or a default response", strings.ToUpper(method), path))
		}
	})
}

func checkOperationDescription(c *Context) {
	eachOperation(c.Root, func(path string, _ *Node, method string, op *Node) {
		if strings.TrimSpace(op.Str("description")) == "" {
			c.Report(op.At("description"), fmt.Sprintf("%s %s has no description; add a sentence saying what it does", strings.ToUpper(method), path))
		}
	})
}
