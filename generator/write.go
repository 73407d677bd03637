package generator

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
)

// Write puts files into dir. Every file is written to a temporary file
// beside its target and renamed over it, so a reader never sees half a
// file; names are checked before anything is written, so a bad name
// leaves the folder untouched. User-owned files are created only when
// absent, and a Go file already in the way that does not carry Go's
// generated-code line is the user's: Write refuses before writing
// anything rather than overwrite it. Nothing outside dir is touched.
func Write(dir string, files []File) error {
	targets := make([]string, len(files))
	olds := make([][]byte, len(files))
	for i, f := range files {
		p, err := target(dir, f.Name)
		if err != nil {
			return err
		}
		targets[i] = p
		if f.UserOwned {
			continue
		}
		old, err := os.ReadFile(p)
		switch {
		case err == nil:
			if strings.HasSuffix(p, ".go") && !generatedGo.Match(old) {
				return fmt.Errorf("%s exists and is not generated code (it has no \"// Code generated ... DO NOT EDIT.\" line): not overwriting it; move it or generate into another folder", p)
			}
			olds[i] = old
		case !errors.Is(err, os.ErrNotExist):
			return err
		}
	}
	for i, f := range files {
		p := targets[i]
		if f.UserOwned {
			if _, err := os.Lstat(p); err == nil {
				continue
			} else if !errors.Is(err, os.ErrNotExist) {
				return err
			}
		} else if olds[i] != nil && bytes.Equal(olds[i], f.Data) {
			continue // unchanged: keep the file's modification time
		}
		if err := writeAtomic(p, f.Data); err != nil {
			return err
		}
	}
	return nil
}

// generatedGo matches the line by which Go tools recognise generated code.
var generatedGo = regexp.MustCompile(`(?m)^// Code generated .* DO NOT EDIT\.$`)

// target resolves a file name inside dir, refusing absolute names and
// names that climb out of it.
func target(dir, name string) (string, error) {
	if name == "" || filepath.IsAbs(name) || strings.Contains(name, "\\") {
		return "", fmt.Errorf("output file name %q: must be a relative slash-separated path", name)
	}
	clean := filepath.Clean(filepath.FromSlash(name))
	if clean == ".." || strings.HasPrefix(clean, ".."+string(filepath.Separator)) {
		return "", fmt.Errorf("output file name %q: leaves the output folder", name)
	}
	return filepath.Join(dir, clean), nil
}

// WriteFile writes one file atomically (a temporary file renamed into
// place), creating its folder: a failed write leaves the old file intact.
func WriteFile(path string, data []byte) error { return writeAtomic(path, data) }

// writeAtomic writes data to path through a temporary file and a rename.
func writeAtomic(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // a no-op after the rename
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
