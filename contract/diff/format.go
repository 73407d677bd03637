package diff

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// Formats lists the output formats Write accepts.
var Formats = []string{"text", "json", "markdown"}

// Write prints changes, and the generated Go identifiers that come and go,
// in format.
func Write(w io.Writer, format string, cs []Change, ids []IdentChange) error {
	switch format {
	case "", "text":
		for _, c := range cs {
			loc := c.File
			if c.Line > 0 {
				loc = fmt.Sprintf("%s:%d:%d", c.File, c.Line, c.Col)
			}
			op := ""
			if c.Operation != "" {
				op = c.Operation + ": "
			}
			if _, err := fmt.Fprintf(w, "%s: %s: %s%s [%s]\n", loc, c.Level, op, c.Message, c.ID); err != nil {
				return err
			}
		}
		for _, id := range ids {
			line := fmt.Sprintf("go - %s %s (from %q)", id.Kind, id.Name, id.From)
			switch {
			case id.Added:
				line = fmt.Sprintf("go + %s %s (from %q)", id.Kind, id.Name, id.From)
			case id.Changed():
				line = fmt.Sprintf("go ~ %s %s: %s → %s (from %q)", id.Kind, id.Name, id.OldType, id.NewType, id.From)
			}
			if _, err := fmt.Fprintln(w, line); err != nil {
				return err
			}
		}
		n := Count(cs)
		_, err := fmt.Fprintf(w, "%d breaking, %d warning, %d info; %d go-breaking\n", n[Breaking], n[Warning], n[Info], GoBreakingCount(ids))
		return err
	case "json":
		if cs == nil {
			cs = []Change{}
		}
		if ids == nil {
			ids = []IdentChange{}
		}
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(struct {
			Changes       []Change      `json:"changes"`
			GoIdentifiers []IdentChange `json:"goIdentifiers"`
		}{cs, ids})
	case "markdown":
		n := Count(cs)
		fmt.Fprintf(w, "## API changes\n\n%d breaking, %d warning, %d info\n", n[Breaking], n[Warning], n[Info])
		for _, l := range []Level{Breaking, Warning, Info} {
			if n[l] == 0 {
				continue
			}
			fmt.Fprintf(w, "\n### %s\n\n| Operation | Change | Id |\n|---|---|---|\n", strings.ToUpper(string(l[:1]))+string(l[1:]))
			for _, c := range cs {
				if c.Level == l {
					fmt.Fprintf(w, "| %s | %s | `%s` |\n", mdCell(c.Operation), mdCell(c.Message), c.ID)
				}
			}
		}
		if len(ids) > 0 {
			fmt.Fprintf(w, "\n### Generated Go identifiers\n\n%d go-breaking\n\n| | Kind | Identifier | From |\n|---|---|---|---|\n", GoBreakingCount(ids))
			for _, id := range ids {
				sign := "removed"
				switch {
				case id.Added:
					sign = "added"
				case id.Changed():
					sign = "type " + mdCell(id.OldType) + " → " + mdCell(id.NewType)
				}
				fmt.Fprintf(w, "| %s | %s | `%s` | %s |\n", sign, id.Kind, id.Name, mdCell(id.From))
			}
		}
		return nil
	}
	return fmt.Errorf("unknown format %q (want %s)", format, strings.Join(Formats, ", "))
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
