package api

import (
	"context"

	"github.com/contractfirst/toolkit/bench/api/toolkitapi"
)

// toolkitService implements toolkitapi.Handler with the work every
// benchmarked service does.
type toolkitService struct {
	order toolkitapi.Order
	list  toolkitapi.OrderList
}

var _ toolkitapi.Handler = (*toolkitService)(nil)

func newToolkitService() *toolkitService {
	s := &toolkitService{}
	mustUnmarshal(OrderJSON, &s.order)
	mustUnmarshal(ListJSON, &s.list)
	return s
}

func (s *toolkitService) ListOrders(_ context.Context, req toolkitapi.ListOrdersRequest) (toolkitapi.ListOrdersResponse, error) {
	page := s.list
	page.Items = page.Items[:pageSize(req.Limit, len(page.Items))]
	return toolkitapi.ListOrders200Response{Body: page}, nil
}

func (s *toolkitService) CreateOrder(_ context.Context, req toolkitapi.CreateOrderRequest) (toolkitapi.CreateOrderResponse, error) {
	b := &req.Body
	o := toolkitapi.Order{
		ID: 1, StoreID: req.StoreID, Status: toolkitapi.OrderStatus("pending"), CreatedAt: CreatedAt,
		Customer: b.Customer, ShippingAddress: b.ShippingAddress, BillingAddress: b.BillingAddress,
		Lines: b.Lines, Currency: b.Currency, PaymentMethod: b.PaymentMethod, Priority: b.Priority,
		Tags: b.Tags, Notes: b.Notes,
	}
	for _, l := range b.Lines {
		o.Total += lineTotal(l.Quantity, l.UnitPrice, l.Discount)
	}
	return toolkitapi.CreateOrder201Response{Body: o}, nil
}

func (s *toolkitService) GetOrder(_ context.Context, req toolkitapi.GetOrderRequest) (toolkitapi.GetOrderResponse, error) {
	o := s.order
	o.ID, o.StoreID = req.OrderID, req.StoreID
	if req.Currency != nil {
		o.Currency = *req.Currency
	}
	return toolkitapi.GetOrder200Response{Body: o}, nil
}
