// Package handwritten is the baseline make bench holds generated servers
// to: the three operations of bench/contract.yaml written by hand on
// net/http and encoding/json, validating the same constraints as the
// contract, the way a careful team would write it without a generator.
package handwritten

import (
	"errors"
	"fmt"
	"regexp"
	"time"
	"unicode/utf8"
)

// Address is the contract's Address.
type Address struct {
	Line1      string  `json:"line1"`
	Line2      *string `json:"line2,omitempty"`
	City       string  `json:"city"`
	PostalCode *string `json:"postalCode,omitempty"`
	Country    string  `json:"country"`
}

// Attribute is the contract's Attribute.
type Attribute struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

// Customer is the contract's Customer.
type Customer struct {
	ID    string  `json:"id"`
	Name  string  `json:"name"`
	Email string  `json:"email"`
	Phone *string `json:"phone,omitempty"`
	Tier  *string `json:"tier,omitempty"`
}

// OrderLine is the contract's OrderLine.
type OrderLine struct {
	SKU         string      `json:"sku"`
	Description *string     `json:"description,omitempty"`
	Quantity    int32       `json:"quantity"`
	UnitPrice   float64     `json:"unitPrice"`
	Discount    *float64    `json:"discount,omitempty"`
	Gift        *bool       `json:"gift,omitempty"`
	Attributes  []Attribute `json:"attributes,omitempty"`
}

// NewOrder is the body of createOrder.
type NewOrder struct {
	Customer        *Customer   `json:"customer"`
	ShippingAddress *Address    `json:"shippingAddress"`
	BillingAddress  *Address    `json:"billingAddress,omitempty"`
	Lines           []OrderLine `json:"lines"`
	Currency        string      `json:"currency"`
	PaymentMethod   *string     `json:"paymentMethod,omitempty"`
	Priority        *int32      `json:"priority,omitempty"`
	Tags            []string    `json:"tags,omitempty"`
	Notes           *string     `json:"notes,omitempty"`
}

// Order is the contract's Order.
type Order struct {
	ID              int64       `json:"id"`
	StoreID         string      `json:"storeId"`
	Status          string      `json:"status"`
	CreatedAt       time.Time   `json:"createdAt"`
	Customer        Customer    `json:"customer"`
	ShippingAddress Address     `json:"shippingAddress"`
	BillingAddress  *Address    `json:"billingAddress,omitempty"`
	Lines           []OrderLine `json:"lines"`
	Currency        string      `json:"currency"`
	PaymentMethod   *string     `json:"paymentMethod,omitempty"`
	Priority        *int32      `json:"priority,omitempty"`
	Tags            []string    `json:"tags,omitempty"`
	Notes           *string     `json:"notes,omitempty"`
	Total           float64     `json:"total"`
}

// OrderList is a page of orders.
type OrderList struct {
	Items      []Order `json:"items"`
	NextCursor *string `json:"nextCursor,omitempty"`
}

// Error is the body of every error response.
type Error struct {
	Code    int32  `json:"code"`
	Message string `json:"message"`
}

var (
	storeIDPattern = regexp.MustCompile(`^[a-z][a-z0-9-]*$`)
	localePattern  = regexp.MustCompile(`^[a-z]{2}(-[A-Z]{2})?$`)
	countryPattern = regexp.MustCompile(`^[A-Z]{2}$`)
	skuPattern     = regexp.MustCompile(`^[A-Z0-9-]{4,20}$`)
)

func oneOf(v string, allowed ...string) bool {
	for _, a := range allowed {
		if v == a {
			return true
		}
	}
	return false
}

func validCurrency(v string) bool { return oneOf(v, "EUR", "USD", "GBP", "JPY") }
func validStatus(v string) bool {
	return oneOf(v, "pending", "paid", "shipped", "delivered", "cancelled")
}

// length checks a string's length in characters against [min, max]
// (max < 0: no maximum).
func length(field, v string, min, max int) error {
	n := utf8.RuneCountInString(v)
	if n < min || max >= 0 && n > max {
		return fmt.Errorf("%s: length %d is outside [%d, %d]", field, n, min, max)
	}
	return nil
}

func optLength(field string, v *string, max int) error {
	if v == nil {
		return nil
	}
	return length(field, *v, 0, max)
}

func (a *Address) validate(field string) error {
	if err := length(field+"/line1", a.Line1, 1, 200); err != nil {
		return err
	}
	if err := optLength(field+"/line2", a.Line2, 200); err != nil {
		return err
	}
	if err := length(field+"/city", a.City, 1, 100); err != nil {
		return err
	}
	if err := optLength(field+"/postalCode", a.PostalCode, 16); err != nil {
		return err
	}
	if !countryPattern.MatchString(a.Country) {
		return errors.New(field + "/country: must be two capital letters")
	}
	return nil
}

func (c *Customer) validate() error {
	if err := length("/customer/id", c.ID, 1, 64); err != nil {
		return err
	}
	if err := length("/customer/name", c.Name, 1, 200); err != nil {
		return err
	}
	if err := length("/customer/email", c.Email, 0, 254); err != nil {
		return err
	}
	if err := optLength("/customer/phone", c.Phone, 32); err != nil {
		return err
	}
	if c.Tier != nil && !oneOf(*c.Tier, "standard", "gold", "platinum") {
		return errors.New("/customer/tier: not one of the allowed values")
	}
	return nil
}

func (l *OrderLine) validate(i int) error {
	field := fmt.Sprintf("/lines/%d", i)
	if !skuPattern.MatchString(l.SKU) {
		return errors.New(field + "/sku: does not match the pattern")
	}
	if err := optLength(field+"/description", l.Description, 500); err != nil {
		return err
	}
	if l.Quantity < 1 || l.Quantity > 1000 {
		return errors.New(field + "/quantity: must be in [1, 1000]")
	}
	if l.UnitPrice < 0 {
		return errors.New(field + "/unitPrice: must not be negative")
	}
	if l.Discount != nil && (*l.Discount < 0 || *l.Discount > 1) {
		return errors.New(field + "/discount: must be in [0, 1]")
	}
	if len(l.Attributes) > 20 {
		return errors.New(field + "/attributes: at most 20 items")
	}
	for j, a := range l.Attributes {
		if err := length(fmt.Sprintf("%s/attributes/%d/name", field, j), a.Name, 1, 64); err != nil {
			return err
		}
		if err := length(fmt.Sprintf("%s/attributes/%d/value", field, j), a.Value, 0, 256); err != nil {
			return err
		}
	}
	return nil
}

// Validate checks every constraint the contract puts on a NewOrder.
func (o *NewOrder) Validate() error {
	if o.Customer == nil {
		return errors.New("/customer: required")
	}
	if err := o.Customer.validate(); err != nil {
		return err
	}
	if o.ShippingAddress == nil {
		return errors.New("/shippingAddress: required")
	}
	if err := o.ShippingAddress.validate("/shippingAddress"); err != nil {
		return err
	}
	if o.BillingAddress != nil {
		if err := o.BillingAddress.validate("/billingAddress"); err != nil {
			return err
		}
	}
	if len(o.Lines) < 1 || len(o.Lines) > 50 {
		return errors.New("/lines: must have 1 to 50 items")
	}
	for i := range o.Lines {
		if err := o.Lines[i].validate(i); err != nil {
			return err
		}
	}
	if !validCurrency(o.Currency) {
		return errors.New("/currency: not one of the allowed values")
	}
	if o.PaymentMethod != nil && !oneOf(*o.PaymentMethod, "card", "invoice", "paypal", "transfer") {
		return errors.New("/paymentMethod: not one of the allowed values")
	}
	if o.Priority != nil && (*o.Priority < 0 || *o.Priority > 9) {
		return errors.New("/priority: must be in [0, 9]")
	}
	if len(o.Tags) > 10 {
		return errors.New("/tags: at most 10 items")
	}
	for i, t := range o.Tags {
		if err := length(fmt.Sprintf("/tags/%d", i), t, 1, 32); err != nil {
			return err
		}
	}
	return optLength("/notes", o.Notes, 500)
}
