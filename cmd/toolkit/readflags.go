package main

import (
	"github.com/spf13/cobra"

	"github.com/contractfirst/toolkit/contract"
)

// addReadFlags gives every command that loads a contract the flags that
// widen its confined reads: they are persistent flags of the root, so
// each command reads them the same way through env.reads.
func addReadFlags(root *cobra.Command, e *env) {
	fl := root.PersistentFlags()
	fl.Var(&sizeFlag{&e.reads.MaxSize}, "max-contract-size", "largest contract file read, e.g. 128MB (default 64MB)")
	fl.StringSliceVar(&e.reads.AllowDirs, "allow-ref-dir", nil, "folder $refs may read besides the contract's git work tree or folder (repeatable)")
	fl.BoolVar(&e.reads.AllowRemote, "allow-remote-refs", false, "let $refs read http and https URLs (each within --max-contract-size and 30s)")
}

// readsFor is the read limits of one generate entry: the flags', and the
// entry's allow-remote-refs (over which gen has laid the flag when given,
// so --allow-remote-refs=false turns off the file's true).
func (e *env) readsFor(en genEntry) contract.ReadLimits {
	r := e.reads
	r.AllowRemote = r.AllowRemote || en.AllowRemoteRefs
	return r
}

// sizeFlag is a byte count written as 64MB, 512KB or a plain number.
type sizeFlag struct{ n *int64 }

func (f *sizeFlag) String() string {
	if f.n == nil || *f.n == 0 {
		return ""
	}
	return contract.FormatSize(*f.n)
}

func (f *sizeFlag) Set(s string) error {
	n, err := contract.ParseSize(s)
	if err != nil {
		return err
	}
	*f.n = n
	return nil
}

func (f *sizeFlag) Type() string { return "size" }
