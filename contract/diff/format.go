package diff

import (
	"fmt"
	"io"
	"strings"
)

// WriteMarkdown prints changes, and the generated Go identifiers that come
// and go, as a Markdown section for a pull request comment: diff's own
// format beside findings.Write's.
func WriteMarkdown(w io.Writer, cs []Change, ids []IdentChange) error {
	var b strings.Builder
	n := Count(cs)
	fmt.Fprintf(&b, "## API changes\n\n%d breaking, %d warning, %d info\n", n[Breaking], n[Warning], n[Info])
	for _, l := range []Level{Breaking, Warning, Info} {
		if n[l] == 0 {
			continue
		}
		fmt.Fprintf(&b, "\n### %s\n\n| Operation | Change | Id |\n|---|---|---|\n", strings.ToUpper(string(l[:1]))+string(l[1:]))
		for _, c := range cs {
			if c.Level == l {
				fmt.Fprintf(&b, "| %s | %s | `%s` |\n", mdCell(c.Operation), mdCell(c.Message), c.ID)
			}
		}
	}
	if len(ids) > 0 {
		fmt.Fprintf(&b, "\n### Generated Go identifiers\n\n%d go-breaking\n\n| | Kind | Identifier | From |\n|---|---|---|---|\n", GoBreakingCount(ids))
		for _, id := range ids {
			sign := "removed"
			switch {
			case id.Added:
				sign = "added"
			case id.Changed():
				sign = "type " + mdCell(id.OldType) + " → " + mdCell(id.NewType)
			}
			fmt.Fprintf(&b, "| %s | %s | `%s` | %s |\n", sign, id.Kind, id.Name, mdCell(id.From))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// mdCell escapes text for a Markdown table cell: a contract's names must
// not end the cell, start HTML or break the row.
func mdCell(s string) string {
	s = strings.NewReplacer("\\", "\\\\", "|", "\\|", "\r", " ", "\n", " ", "<", "&lt;", ">", "&gt;", "`", "\\`").Replace(s)
	if s == "" {
		return "—"
	}
	return s
}
