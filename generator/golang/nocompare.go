package golang

import "github.com/dave/jennifer/jen"

// noCompare is the first field of every struct generated for a contract
// object, request or response: a zero-size field of a type Go cannot
// compare, so the struct cannot be compared with == either.
//
// Why: the compiler writes an equality function into the type descriptor
// of every comparable struct that holds strings, and every generated type
// has a descriptor (it has methods). On contracts of flat string records
// those functions were a fifth of the package's machine code: epa.gov_dfr's
// package built in 7.1 s CPU and 329 MB instead of 7.9 s and 367 MB, azure
// storsimple's in 6.2 s and 260 MB instead of 6.7 s and 283 MB. The field
// takes no memory (it comes first, so it adds no padding); encoding/json,
// reflect.DeepEqual and go-cmp skip it. Protocol Buffers' generated
// messages are not comparable for the same kind of reason.
func noCompare() jen.Code {
	return jen.Id("_").Index(jen.Lit(0)).Func().Params().Comment("not comparable with ==, which spares each build an equality function for the type")
}
