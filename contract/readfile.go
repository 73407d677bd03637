package contract

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// DefaultMaxContractSize is the size above which a contract file is
// refused when ReadLimits.MaxSize is zero: the largest public contracts
// (GitHub's, 13 MB) fit five times over.
const DefaultMaxContractSize = 64 << 20

// ReadLimits confine what loading a contract reads. A contract is
// untrusted input: a $ref must not hang on a FIFO, grow without end on
// /dev/zero, or copy a file from elsewhere on the machine (/etc/passwd,
// ../../secrets) into generated code, docs or messages.
type ReadLimits struct {
	// MaxSize is the largest file read, in bytes; 0 means
	// DefaultMaxContractSize.
	MaxSize int64
	// AllowDirs are folders $refs may read besides the contract's own
	// root (the git work tree holding it, else its folder).
	AllowDirs []string
	// AllowRemote lets $refs read http and https URLs (--allow-remote-refs):
	// off by default, as a contract must not make toolkit fetch from the
	// network unasked. Each fetch is capped at MaxSize and RemoteTimeout.
	AllowRemote bool
	// RemoteTimeout bounds each fetch; 0 means DefaultRemoteTimeout.
	RemoteTimeout time.Duration
}

// DefaultRemoteTimeout bounds the fetch of one remote $ref when
// ReadLimits.RemoteTimeout is zero.
const DefaultRemoteTimeout = 30 * time.Second

// errRemoteRefused is the refusal of a remote $ref without the opt-in.
var errRemoteRefused = errors.New("remote references are not read unless allowed with --allow-remote-refs (or allow-remote-refs: true in toolkit.yaml)")

// reader reads the files of one contract within its ReadLimits.
type reader struct {
	max     int64
	first   string   // the contract itself, given by the user: not confined
	roots   []string // folders $refs may read, absolute, symlinks resolved
	remote  bool     // http(s) URLs may be read
	timeout time.Duration
}

// newReader sets up the reads of the contract at path: its root folder
// is the git work tree containing it, else its own folder.
func newReader(path string, lim ReadLimits) *reader {
	r := &reader{max: lim.MaxSize, remote: lim.AllowRemote, timeout: lim.RemoteTimeout}
	if r.max <= 0 {
		r.max = DefaultMaxContractSize
	}
	if r.timeout <= 0 {
		r.timeout = DefaultRemoteTimeout
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		abs = path
	}
	r.first = abs
	dir := realPath(filepath.Dir(abs))
	r.roots = append(r.roots, workTree(dir))
	for _, d := range lim.AllowDirs {
		if a, err := filepath.Abs(d); err == nil {
			r.roots = append(r.roots, realPath(a))
		}
	}
	return r
}

// realPath resolves symlinks where it can, so that a link inside the root
// cannot lead outside it unnoticed.
func realPath(p string) string {
	if r, err := filepath.EvalSymlinks(p); err == nil {
		return r
	}
	return filepath.Clean(p)
}

// workTree returns the top of the git work tree holding dir (the folder
// with a .git entry), or dir itself outside of one.
func workTree(dir string) string {
	for d := dir; ; {
		if _, err := os.Lstat(filepath.Join(d, ".git")); err == nil {
			return d
		}
		parent := filepath.Dir(d)
		if parent == d {
			return dir
		}
		d = parent
	}
}

// read returns the bytes of the file at path. The contract itself may be
// any readable file (a pipe from a shell works); every other file must be
// a regular file inside one of the roots. Every read stops at the size cap.
func (r *reader) read(path string) ([]byte, error) {
	if isURL(path) {
		return r.fetch(path)
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	if abs != r.first {
		if err := r.confined(abs); err != nil {
			return nil, err
		}
	}
	f, err := os.Open(abs)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if abs != r.first {
		// Checked again on the open file: it may have been swapped
		// since the Stat in confined.
		if err != nil || !fi.Mode().IsRegular() {
			return nil, errors.New("not a regular file")
		}
	}
	var size int64
	if err == nil && fi.Mode().IsRegular() {
		size = fi.Size()
	}
	return r.capped(f, size)
}

// capped reads src to its end, refusing more than the size cap. size is
// what src is expected to hold (0: unknown): the buffer is made that
// large up front instead of growing by doubling (GitHub's 12 MB
// description: 0.19 s of CPU in io.ReadAll, most of it clearing memory).
func (r *reader) capped(src io.Reader, size int64) ([]byte, error) {
	data, err := readAll(io.LimitReader(src, r.max+1), min(size, r.max)+1)
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > r.max {
		return nil, fmt.Errorf("larger than the limit of %s (raise it with --max-contract-size)", FormatSize(r.max))
	}
	return data, nil
}

// isURL reports whether a $ref's file part (or a file key) is a URL
// rather than a path.
func isURL(s string) bool {
	return strings.Contains(s, "://")
}

// fetch reads a remote $ref's document: only with AllowRemote, only over
// http or https, within the timeout and the size cap. Messages show the
// URL without its userinfo.
func (r *reader) fetch(raw string) ([]byte, error) {
	if !r.remote {
		return nil, errRemoteRefused
	}
	u, err := url.Parse(raw)
	if err != nil {
		return nil, fmt.Errorf("not a URL: %v", err)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, fmt.Errorf("only http and https URLs can be referenced, not %s", u.Scheme)
	}
	if u.User != nil {
		// The URL would name the file in every position and message.
		return nil, errors.New("a $ref URL must not carry credentials (user:password@)")
	}
	ctx, cancel := context.WithTimeout(context.Background(), r.timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		if ctx.Err() != nil {
			return nil, fmt.Errorf("fetching %s: no answer within %s", u.Redacted(), r.timeout)
		}
		return nil, fmt.Errorf("fetching %s: %v", u.Redacted(), errors.Unwrap(err))
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("fetching %s: HTTP %s", u.Redacted(), resp.Status)
	}
	data, err := r.capped(resp.Body, 0) // a server's Content-Length is not trusted to size a buffer
	if err != nil {
		if ctx.Err() != nil {
			return nil, fmt.Errorf("fetching %s: not read within %s", u.Redacted(), r.timeout)
		}
		return nil, fmt.Errorf("fetching %s: %v", u.Redacted(), err)
	}
	return data, nil
}

// confined refuses a file outside every root, and anything that is not a
// regular file, before opening it: opening a FIFO would block.
func (r *reader) confined(abs string) error {
	real := realPath(abs)
	inside := false
	for _, root := range r.roots {
		if within(real, root) {
			inside = true
			break
		}
	}
	if !inside {
		return fmt.Errorf("%s lies outside %s: a contract reads only files under its own folder or git work tree (widen with --allow-ref-dir)", abs, r.roots[0])
	}
	fi, err := os.Stat(real)
	if err != nil {
		return err
	}
	if !fi.Mode().IsRegular() {
		return errors.New("not a regular file")
	}
	return nil
}

// within reports whether p is root or lies below it.
func within(p, root string) bool {
	rel, err := filepath.Rel(root, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

// FormatSize writes n bytes in the largest whole unit ("64 MB").
func FormatSize(n int64) string {
	for _, u := range []struct {
		name string
		size int64
	}{{"GB", 1 << 30}, {"MB", 1 << 20}, {"KB", 1 << 10}} {
		if n >= u.size && n%u.size == 0 {
			return fmt.Sprintf("%d %s", n/u.size, u.name)
		}
	}
	return fmt.Sprintf("%d bytes", n)
}

// ParseSize reads a size such as "64MB", "512KB", "1GB" or a plain number
// of bytes, for --max-contract-size.
func ParseSize(s string) (int64, error) {
	t := strings.ToUpper(strings.TrimSpace(s))
	mult := int64(1)
	for _, u := range []struct {
		suffix string
		size   int64
	}{{"GB", 1 << 30}, {"MB", 1 << 20}, {"KB", 1 << 10}, {"B", 1}} {
		if strings.HasSuffix(t, u.suffix) {
			t, mult = strings.TrimSpace(strings.TrimSuffix(t, u.suffix)), u.size
			break
		}
	}
	var n int64
	if _, err := fmt.Sscanf(t, "%d", &n); err != nil || n <= 0 || fmt.Sprint(n) != t || n > (1<<62)/mult {
		return 0, fmt.Errorf("invalid size %q: want a positive number of bytes, KB, MB or GB (e.g. 64MB)", s)
	}
	return n * mult, nil
}

// readAll is io.ReadAll starting from a buffer of capacity size.
func readAll(src io.Reader, size int64) ([]byte, error) {
	b := make([]byte, 0, max(size, 512))
	for {
		n, err := src.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if err == io.EOF {
			return b, nil
		}
		if err != nil {
			return b, err
		}
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)]
		}
	}
}
