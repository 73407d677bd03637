package api

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/contractfirst/toolkit/bench/api/toolkitapi"
)

// This file prototypes, by hand, the decoder make bench's findings propose
// for generator/golang: instead of one map[string]json.RawMessage and one
// json.Unmarshal per object and per array item (each re-scanning its bytes),
// decode the whole body once into private mirror types that have no
// UnmarshalJSON and hold required fields as pointers, then check presence
// and copy into the public types. Errors would fall back to the precise
// decoder to name their JSON pointer. BenchmarkDecodeNewOrder measures the
// gain on the bench contract's 1 KB body; delete this file once the
// generator decodes in one pass.

type wAttribute struct {
	Name  *string `json:"name"`
	Value *string `json:"value"`
}
type wLine struct {
	Attributes  []wAttribute `json:"attributes"`
	Description *string      `json:"description"`
	Discount    *float64     `json:"discount"`
	Gift        *bool        `json:"gift"`
	Quantity    *int32       `json:"quantity"`
	SKU         *string      `json:"sku"`
	UnitPrice   *float64     `json:"unitPrice"`
}
type wAddress struct {
	City       *string `json:"city"`
	Country    *string `json:"country"`
	Line1      *string `json:"line1"`
	Line2      *string `json:"line2"`
	PostalCode *string `json:"postalCode"`
}
type wCustomer struct {
	Email *string          `json:"email"`
	ID    *string          `json:"id"`
	Name  *string          `json:"name"`
	Phone *string          `json:"phone"`
	Tier  *toolkitapi.Tier `json:"tier"`
}
type wNewOrder struct {
	BillingAddress  *wAddress                 `json:"billingAddress"`
	Currency        *toolkitapi.Currency      `json:"currency"`
	Customer        *wCustomer                `json:"customer"`
	Lines           []wLine                   `json:"lines"`
	Notes           *string                   `json:"notes"`
	PaymentMethod   *toolkitapi.PaymentMethod `json:"paymentMethod"`
	Priority        *int32                    `json:"priority"`
	ShippingAddress *wAddress                 `json:"shippingAddress"`
	Tags            []string                  `json:"tags"`
}

var errMissing = errors.New("missing")

func req[T any](p *T) (T, error) {
	if p == nil {
		var z T
		return z, errMissing
	}
	return *p, nil
}

func (w *wAddress) to() (a toolkitapi.Address, err error) {
	if a.City, err = req(w.City); err != nil {
		return
	}
	if a.Country, err = req(w.Country); err != nil {
		return
	}
	if a.Line1, err = req(w.Line1); err != nil {
		return
	}
	a.Line2, a.PostalCode = w.Line2, w.PostalCode
	return
}

func decodeOnePass(data []byte) (toolkitapi.NewOrder, error) {
	var w wNewOrder
	var o toolkitapi.NewOrder
	if err := json.Unmarshal(data, &w); err != nil {
		return o, err
	}
	var err error
	if w.Customer == nil || w.ShippingAddress == nil || w.Currency == nil || w.Lines == nil {
		return o, errMissing
	}
	o.Currency = *w.Currency
	c := w.Customer
	if o.Customer.Email, err = req(c.Email); err != nil {
		return o, err
	}
	if o.Customer.ID, err = req(c.ID); err != nil {
		return o, err
	}
	if o.Customer.Name, err = req(c.Name); err != nil {
		return o, err
	}
	o.Customer.Phone, o.Customer.Tier = c.Phone, c.Tier
	if o.ShippingAddress, err = w.ShippingAddress.to(); err != nil {
		return o, err
	}
	if w.BillingAddress != nil {
		b, err := w.BillingAddress.to()
		if err != nil {
			return o, err
		}
		o.BillingAddress = &b
	}
	o.Lines = make([]toolkitapi.OrderLine, len(w.Lines))
	for i, l := range w.Lines {
		ol := &o.Lines[i]
		if ol.SKU, err = req(l.SKU); err != nil {
			return o, err
		}
		if ol.Quantity, err = req(l.Quantity); err != nil {
			return o, err
		}
		if ol.UnitPrice, err = req(l.UnitPrice); err != nil {
			return o, err
		}
		ol.Description, ol.Discount, ol.Gift = l.Description, l.Discount, l.Gift
		if l.Attributes != nil {
			ol.Attributes = make([]toolkitapi.Attribute, len(l.Attributes))
			for j, a := range l.Attributes {
				if ol.Attributes[j].Name, err = req(a.Name); err != nil {
					return o, err
				}
				if ol.Attributes[j].Value, err = req(a.Value); err != nil {
					return o, err
				}
			}
		}
	}
	o.Notes, o.PaymentMethod, o.Priority, o.Tags = w.Notes, w.PaymentMethod, w.Priority, w.Tags
	return o, nil
}

func TestOnePassSame(t *testing.T) {
	var a toolkitapi.NewOrder
	if err := json.Unmarshal(NewOrderJSON, &a); err != nil {
		t.Fatal(err)
	}
	b, err := decodeOnePass(NewOrderJSON)
	if err != nil {
		t.Fatal(err)
	}
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	if string(ja) != string(jb) {
		t.Fatalf("%s\n%s", ja, jb)
	}
}

func BenchmarkDecodeNewOrder(b *testing.B) {
	b.Run("impl=current", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			var o toolkitapi.NewOrder
			if err := json.Unmarshal(NewOrderJSON, &o); err != nil {
				b.Fatal(err)
			}
			if err := o.Validate(); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("impl=onepass", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			o, err := decodeOnePass(NewOrderJSON)
			if err != nil {
				b.Fatal(err)
			}
			if err := o.Validate(); err != nil {
				b.Fatal(err)
			}
		}
	})
}
