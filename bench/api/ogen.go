package api

import (
	"context"
	"net/http"

	"github.com/contractfirst/toolkit/bench/api/ogenapi"
)

// ogenService implements ogen's Handler with the work every benchmarked
// service does.
type ogenService struct {
	order ogenapi.Order
	list  ogenapi.OrderList
}

var _ ogenapi.Handler = (*ogenService)(nil)

func newOgenService() *ogenService {
	s := &ogenService{}
	mustUnmarshal(OrderJSON, &s.order)
	mustUnmarshal(ListJSON, &s.list)
	return s
}

func (s *ogenService) ListOrders(_ context.Context, params ogenapi.ListOrdersParams) (*ogenapi.OrderList, error) {
	page := s.list
	var limit *int32
	if v, ok := params.Limit.Get(); ok {
		limit = &v
	}
	page.Items = page.Items[:pageSize(limit, len(page.Items))]
	return &page, nil
}

func (s *ogenService) CreateOrder(_ context.Context, b *ogenapi.NewOrder, params ogenapi.CreateOrderParams) (*ogenapi.Order, error) {
	o := &ogenapi.Order{
		ID: 1, StoreId: params.StoreId, Status: ogenapi.OrderStatus("pending"), CreatedAt: CreatedAt,
		Customer: b.Customer, ShippingAddress: b.ShippingAddress, BillingAddress: b.BillingAddress,
		Lines: b.Lines, Currency: b.Currency, PaymentMethod: b.PaymentMethod, Priority: b.Priority,
		Tags: b.Tags, Notes: b.Notes,
	}
	for _, l := range b.Lines {
		var discount *float64
		if d, ok := l.Discount.Get(); ok {
			discount = &d
		}
		o.Total += lineTotal(l.Quantity, l.UnitPrice, discount)
	}
	return o, nil
}

func (s *ogenService) GetOrder(_ context.Context, params ogenapi.GetOrderParams) (*ogenapi.Order, error) {
	o := s.order
	o.ID, o.StoreId = params.OrderId, params.StoreId
	if c, ok := params.Currency.Get(); ok {
		o.Currency = c
	}
	return &o, nil
}

func (s *ogenService) NewError(_ context.Context, err error) *ogenapi.ErrorStatusCode {
	return &ogenapi.ErrorStatusCode{StatusCode: http.StatusInternalServerError, Response: ogenapi.Error{Code: http.StatusInternalServerError, Message: err.Error()}}
}
