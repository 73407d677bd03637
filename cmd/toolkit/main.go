// Command toolkit is a contract-first toolchain for Go: it generates types,
// a typed net/http server, a typed client and docs from an OpenAPI contract,
// and checks a running service against that contract.
package main

import (
	"os"

	_ "github.com/contractfirst/toolkit/internal/startheap" // fewer collector cycles in a short run
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
