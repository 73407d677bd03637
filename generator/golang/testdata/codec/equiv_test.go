package api

import (
	"bytes"
	"fmt"
	"reflect"
	"testing"
)

// TestCodecMatchesReflection runs codecCases, which the generator test
// writes beside this file (codec_equiv_test.go in generator/golang): the
// generated decodeJSON and encodeJSON of each object type against
// encoding/json's reflection on the same struct, over random valid values.
func TestCodecMatchesReflection(t *testing.T) {
	for _, c := range codecCases {
		for _, doc := range c.docs {
			if err := c.check([]byte(doc)); err != nil {
				t.Errorf("%s: %v", c.name, err)
			}
		}
	}
}

// compareCodec checks one document: where reflection decodes it, the
// generated decoder must decode it to the same value, and both must encode
// that value to the same bytes.
func compareCodec(errOurs, errRefl error, ours, refl any, marshalOurs, marshalRefl func() ([]byte, error)) error {
	if errRefl != nil {
		return nil // not a document the struct tags can express
	}
	if errOurs != nil {
		return fmt.Errorf("generated decoder refused a valid value: %v", errOurs)
	}
	if !reflect.DeepEqual(ours, refl) {
		return fmt.Errorf("decoded differently:\n generated  %#v\n reflection %#v", ours, refl)
	}
	a, errA := marshalOurs()
	b, errB := marshalRefl()
	if errA != nil || errB != nil || !bytes.Equal(a, b) {
		return fmt.Errorf("encoded differently:\n generated  %s (%v)\n reflection %s (%v)", a, errA, b, errB)
	}
	return nil
}
