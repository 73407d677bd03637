// Package interop checks that toolkit's generated code and oapi-codegen's
// talk to each other: the contract is the interface, so a peer's client
// must work against toolkit's server and toolkit's client against a peer's
// server. Both packages are generated from contract.yaml (go generate
// here; oapi-codegen is pinned in bench/go.mod) and committed.
package interop

//go:generate go -C ../.. run ./cmd/toolkit gen --contract bench/interop/contract.yaml --out bench/interop/toolkitapi --package toolkitapi
//go:generate go tool oapi-codegen -config oapiapi/config.yaml contract.yaml
