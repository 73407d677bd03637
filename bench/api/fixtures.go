package api

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/contractfirst/toolkit/bench/api/handwritten"
)

// StoreID is the store every benchmark request names.
const StoreID = "acme-shop"

// Requests of the server benchmarks: the same method, target and body for
// every server.
const (
	GetTarget  = "/stores/" + StoreID + "/orders/12345?currency=EUR&includeLines=true&locale=en-GB"
	ListTarget = "/stores/" + StoreID + "/orders?limit=100&status=paid"
	PostTarget = "/stores/" + StoreID + "/orders"
)

// NewOrderJSON is the body of the POST benchmarks: about 1 KB with nested
// objects, arrays and enums, valid against the contract.
var NewOrderJSON = []byte(`{
  "customer": {"id": "cus_8f3a2b1c9d", "name": "Ada Lovelace", "email": "ada@example.com", "phone": "+44 20 7946 0958", "tier": "gold"},
  "shippingAddress": {"line1": "12 Analytical Row", "line2": "Flat 3", "city": "London", "postalCode": "NW1 6XE", "country": "GB"},
  "billingAddress": {"line1": "1 Engine Street", "city": "Cambridge", "postalCode": "CB2 1TN", "country": "GB"},
  "lines": [
    {"sku": "BOOK-0001", "description": "Sketch of the Analytical Engine", "quantity": 2, "unitPrice": 24.5, "discount": 0.1, "attributes": [{"name": "format", "value": "hardcover"}, {"name": "language", "value": "en"}]},
    {"sku": "PEN-0042", "description": "Fountain pen, fine nib", "quantity": 1, "unitPrice": 89.99, "gift": true, "attributes": [{"name": "colour", "value": "black"}]},
    {"sku": "INK-0007", "quantity": 5, "unitPrice": 6.25},
    {"sku": "CARD-0100", "description": "Punched cards, pack of 100", "quantity": 3, "unitPrice": 12, "discount": 0.05}
  ],
  "currency": "GBP",
  "paymentMethod": "card",
  "priority": 3,
  "tags": ["first-order", "gift-wrap", "express"],
  "notes": "Please leave the parcel with the neighbour at number 14 if nobody is at home."
}`)

// CreatedAt is the creation time every handler gives a new order.
var CreatedAt = time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)

// OrderJSON is the order GetOrder returns (with the requested id, store
// and currency), in JSON.
var OrderJSON = mustMarshal(sampleOrder(0))

// ListJSON is the page of 100 orders ListOrders returns, in JSON.
var ListJSON = mustMarshal(sampleList(100))

func ptr[T any](v T) *T { return &v }

// sampleOrder is the i-th order of the list: two lines, a few optional
// fields set, about 700 bytes of JSON.
func sampleOrder(i int) handwritten.Order {
	statuses := []string{"pending", "paid", "shipped", "delivered", "cancelled"}
	return handwritten.Order{
		ID:        int64(1000 + i),
		StoreID:   StoreID,
		Status:    statuses[i%len(statuses)],
		CreatedAt: CreatedAt.Add(time.Duration(i) * time.Minute),
		Customer: handwritten.Customer{
			ID:    fmt.Sprintf("cus_%06d", i),
			Name:  fmt.Sprintf("Customer %d", i),
			Email: fmt.Sprintf("customer%d@example.com", i),
			Tier:  ptr("standard"),
		},
		ShippingAddress: handwritten.Address{Line1: fmt.Sprintf("%d Market Street", i+1), City: "Springfield", PostalCode: ptr("12345"), Country: "US"},
		Lines: []handwritten.OrderLine{
			{SKU: "BOOK-0001", Description: ptr("Sketch of the Analytical Engine"), Quantity: 1, UnitPrice: 24.5,
				Attributes: []handwritten.Attribute{{Name: "format", Value: "paperback"}}},
			{SKU: "INK-0007", Quantity: int32(1 + i%4), UnitPrice: 6.25, Discount: ptr(0.1)},
		},
		Currency:      "USD",
		PaymentMethod: ptr("invoice"),
		Tags:          []string{"repeat-customer"},
		Total:         24.5 + float64(1+i%4)*6.25*0.9,
	}
}

func sampleList(n int) handwritten.OrderList {
	l := handwritten.OrderList{NextCursor: ptr("c2VlayAxMTAw")}
	for i := range n {
		l.Items = append(l.Items, sampleOrder(i))
	}
	return l
}

func mustMarshal(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return b
}

// mustUnmarshal decodes a fixture into an implementation's own types.
func mustUnmarshal(data []byte, v any) {
	if err := json.Unmarshal(data, v); err != nil {
		panic(fmt.Sprintf("fixture does not decode into %T: %v", v, err))
	}
}

// pageSize is how many orders ListOrders returns for a limit (default 20).
func pageSize(limit *int32, have int) int {
	n := 20
	if limit != nil {
		n = int(*limit)
	}
	return min(n, have)
}

// lineTotal is the work every CreateOrder handler does on each line.
func lineTotal(quantity int32, unitPrice float64, discount *float64) float64 {
	t := float64(quantity) * unitPrice
	if discount != nil {
		t *= 1 - *discount
	}
	return t
}
