package api

import (
	"context"

	"github.com/contractfirst/toolkit/bench/api/handwritten"
)

// handwrittenService implements handwritten.Handler with the work every
// benchmarked service does.
type handwrittenService struct {
	order handwritten.Order
	list  handwritten.OrderList
}

var _ handwritten.Handler = (*handwrittenService)(nil)

func newHandwrittenService() *handwrittenService {
	s := &handwrittenService{}
	mustUnmarshal(OrderJSON, &s.order)
	mustUnmarshal(ListJSON, &s.list)
	return s
}

func (s *handwrittenService) ListOrders(_ context.Context, _ string, limit *int32, _, _ *string) (*handwritten.OrderList, error) {
	page := s.list
	page.Items = page.Items[:pageSize(limit, len(page.Items))]
	return &page, nil
}

func (s *handwrittenService) CreateOrder(_ context.Context, storeID string, b *handwritten.NewOrder) (*handwritten.Order, error) {
	o := &handwritten.Order{
		ID: 1, StoreID: storeID, Status: "pending", CreatedAt: CreatedAt,
		Customer: *b.Customer, ShippingAddress: *b.ShippingAddress, BillingAddress: b.BillingAddress,
		Lines: b.Lines, Currency: b.Currency, PaymentMethod: b.PaymentMethod, Priority: b.Priority,
		Tags: b.Tags, Notes: b.Notes,
	}
	for _, l := range b.Lines {
		o.Total += lineTotal(l.Quantity, l.UnitPrice, l.Discount)
	}
	return o, nil
}

func (s *handwrittenService) GetOrder(_ context.Context, storeID string, orderID int64, currency *string, _ *bool, _ *string) (*handwritten.Order, error) {
	o := s.order
	o.ID, o.StoreID = orderID, storeID
	if currency != nil {
		o.Currency = *currency
	}
	return &o, nil
}
