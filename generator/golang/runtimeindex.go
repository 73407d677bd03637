package golang

import (
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
)

// Parsing the runtime folder (parseRuntime: go/parser over 330 KB of
// source, then a walk of every declaration) took 15–20 ms of CPU in every
// gen process, a sixth of gen's whole CPU time on a 10 KB contract. What
// it finds is the same for every run of one binary, so it is kept in
// runtimeindex.txt, written by the tests (go test ./generator/golang -run
// TestRuntimeIndex -update) and read in well under a millisecond. The
// index names the hash of the runtime files it describes: when the folder
// has changed since (a merge, an edit without -update), the index is not
// used and the folder is parsed as before, so a stale index costs time,
// never a wrong copy; TestRuntimeIndex fails until it is rewritten.

//go:embed runtimeindex.txt
var runtimeIndexText string

// The index is lines of tab-separated fields, lists space-separated:
//
//	hash   HEX                  the runtime files' hash (readRuntimeFiles)
//	file   NAME                 a file copied from, in order
//	reserved NAMES
//	standins NAMES
//	decl   FILE START END RECV NAME NAMES OF USES PKGS
//
// where FILE indexes the file lines and START, END are the declaration's
// byte offsets in it.

// readRuntimeFiles reads the runtime files parseRuntime reads (those
// copied and the stand-ins), by name, and hashes their names and contents
// in name order. loadRuntime checks the index's hash and takes the
// declarations' text from the same bytes, so each file is read (copied out
// of the binary) once per process, not once for the hash and again for
// the text.
func readRuntimeFiles() (srcs map[string][]byte, hash string, err error) {
	entries, err := runtimeFS.ReadDir("runtime")
	if err != nil {
		return nil, "", err
	}
	srcs = map[string][]byte{}
	h := sha256.New()
	for _, e := range entries {
		if !copiedFile(e.Name()) && e.Name() != standInFile {
			continue
		}
		src, err := runtimeFS.ReadFile("runtime/" + e.Name())
		if err != nil {
			return nil, "", err
		}
		fmt.Fprintf(h, "%s %d\n", e.Name(), len(src))
		h.Write(src)
		srcs[e.Name()] = src
	}
	return srcs, hex.EncodeToString(h.Sum(nil)), nil
}

// encodeRuntimeIndex writes rt as the index of the runtime files whose
// hash is hash.
func encodeRuntimeIndex(rt *runtimeSource, hash string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "hash\t%s\n", hash)
	for _, f := range rt.files {
		fmt.Fprintf(&b, "file\t%s\n", f)
	}
	fmt.Fprintf(&b, "reserved\t%s\n", strings.Join(rt.reserved, " "))
	standIns := slices.Sorted(maps.Keys(rt.standIns))
	fmt.Fprintf(&b, "standins\t%s\n", strings.Join(standIns, " "))
	for _, d := range rt.decls {
		fmt.Fprintf(&b, "decl\t%d\t%d\t%d\t%s\t%s\t%s\t%s\t%s\t%s\n", d.file, d.start, d.start+len(d.text), d.recv, d.name,
			strings.Join(d.names, " "), strings.Join(d.of, " "), strings.Join(d.uses, " "), strings.Join(d.pkgs, " "))
	}
	return b.String()
}

// decodeRuntimeIndex reads an index written by encodeRuntimeIndex,
// provided it describes the runtime files whose hash is hash; ok is false
// when it describes others. The declarations' text is taken from byName,
// the files as readRuntimeFiles read them.
func decodeRuntimeIndex(text, hash string, byName map[string][]byte) (rt *runtimeSource, ok bool, err error) {
	rt = &runtimeSource{standIns: map[string]bool{}}
	var srcs [][]byte // the file lines' contents, in order
	list := func(s string) []string {
		if s == "" {
			return nil
		}
		return strings.Split(s, " ")
	}
	for n, line := range strings.Split(strings.TrimSuffix(text, "\n"), "\n") {
		kind, rest, _ := strings.Cut(line, "\t")
		bad := func(what string) error {
			return fmt.Errorf("runtimeindex.txt:%d: %s", n+1, what)
		}
		switch kind {
		case "hash":
			if rest != hash {
				return nil, false, nil
			}
			ok = true
		case "file":
			src, found := byName[rest]
			if !found {
				return nil, false, bad(fmt.Sprintf("no runtime file %q", rest))
			}
			rt.files = append(rt.files, rest)
			srcs = append(srcs, src)
		case "reserved":
			rt.reserved = list(rest)
		case "standins":
			for _, s := range list(rest) {
				rt.standIns[s] = true
			}
		case "decl":
			f := strings.Split(rest, "\t")
			if len(f) != 9 {
				return nil, false, bad("want 9 fields")
			}
			var pos [3]int
			for i := range pos {
				if pos[i], err = strconv.Atoi(f[i]); err != nil {
					return nil, false, bad(err.Error())
				}
			}
			if pos[0] < 0 || pos[0] >= len(srcs) || pos[1] < 0 || pos[1] > pos[2] || pos[2] > len(srcs[pos[0]]) {
				return nil, false, bad("offsets out of range")
			}
			rt.decls = append(rt.decls, &runtimeDecl{
				file: pos[0], start: pos[1], text: srcs[pos[0]][pos[1]:pos[2]:pos[2]],
				recv: f[3], name: f[4], names: list(f[5]), of: list(f[6]), uses: list(f[7]), pkgs: list(f[8]),
			})
		default:
			return nil, false, bad(fmt.Sprintf("unknown line %q", kind))
		}
		if !ok {
			return nil, false, bad("does not start with the hash")
		}
	}
	return rt, ok, nil
}
