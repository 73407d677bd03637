// Package api holds the servers and clients that make bench compares: code
// generated from ../contract.yaml by toolkit (toolkitapi), oapi-codegen
// (oapiapi) and ogen (ogenapi), a hand-written net/http server (handwritten),
// and for each one a handler doing the same trivial work, so the benchmarks
// in this package measure what the generated code adds.
package api

//go:generate go -C ../.. run ./cmd/toolkit gen --contract bench/contract.yaml --out bench/api/toolkitapi --package toolkitapi
//go:generate go tool oapi-codegen -config oapiapi/config.yaml ../contract.yaml
//go:generate go tool ogen -package ogenapi -target ogenapi -clean ../contract.yaml
