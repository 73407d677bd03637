package golang

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/dave/jennifer/jen"

	"github.com/contractfirst/toolkit/contract"
	"github.com/contractfirst/toolkit/generator"
)

// modelTypes returns every *contract.Type reachable from v, each once.
func modelTypes(v reflect.Value, seen map[uintptr]bool, out *[]*contract.Type) {
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() || seen[v.Pointer()] {
			return
		}
		seen[v.Pointer()] = true
		if t, ok := v.Interface().(*contract.Type); ok {
			*out = append(*out, t)
		}
		modelTypes(v.Elem(), seen, out)
	case reflect.Interface:
		if !v.IsNil() {
			modelTypes(v.Elem(), seen, out)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				modelTypes(v.Field(i), seen, out)
			}
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			modelTypes(v.Index(i), seen, out)
		}
	case reflect.Map:
		for it := v.MapRange(); it.Next(); {
			modelTypes(it.Value(), seen, out)
		}
	}
}

// TestIsGoStringAsRendered: isGoString says "string" exactly where
// typeExpr renders as string, with and without canonical names, for every
// type of the shared contracts and of those $TOOLKIT_IDENT_CORPUS names.
func TestIsGoStringAsRendered(t *testing.T) {
	paths, _ := filepath.Glob("../../testdata/contracts/*/openapi.*")
	paths = append(paths, filepath.SplitList(os.Getenv("TOOLKIT_IDENT_CORPUS"))...)
	yes, no := 0, 0
	for _, p := range paths {
		_, m, err := contract.Open(p, contract.LoadOptions{})
		if err != nil {
			continue // the broken ones
		}
		g := newGen(m, generator.Options{Package: "api"})
		var types []*contract.Type
		modelTypes(reflect.ValueOf(m), map[uintptr]bool{}, &types)
		for _, canonical := range []bool{false, true} {
			g.canonical = canonical
			for _, ty := range types {
				want := g.typeExpr(ty).GoString() == "string"
				if got := g.isGoString(ty); got != want {
					t.Errorf("%s: %#v (canonical %v): isGoString %v, rendered %q", p, ty.Name, canonical, got, g.typeExpr(ty).GoString())
				}
				if want {
					yes++
				} else {
					no++
				}
			}
		}
	}
	t.Logf("%d contracts, %d string types, %d others", len(paths), yes, no)
	if yes == 0 || no == 0 {
		t.Errorf("%d string types and %d others: one side never ran", yes, no)
	}
}

func TestIsNil(t *testing.T) {
	for _, tc := range []struct {
		c    jen.Code
		want bool
	}{
		{nil, true},
		{jen.Nil(), true},
		{jen.Id("nil"), true}, // renders as nil too
		{jen.Id("check1"), false},
		{jen.Nil().Dot("x"), false},
		{jen.Id("Pet").Dot("Validate"), false},
		{jen.Lit("nil"), false},
	} {
		if got := isNil(tc.c); got != tc.want {
			t.Errorf("isNil(%#v) = %v, want %v", tc.c, got, tc.want)
		}
	}
}
