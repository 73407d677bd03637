package api

import (
	"context"

	"github.com/contractfirst/toolkit/bench/api/oapiapi"
)

// oapiService implements oapi-codegen's StrictServerInterface with the work
// every benchmarked service does.
type oapiService struct {
	order oapiapi.Order
	list  oapiapi.OrderList
}

var _ oapiapi.StrictServerInterface = (*oapiService)(nil)

func newOapiService() *oapiService {
	s := &oapiService{}
	mustUnmarshal(OrderJSON, &s.order)
	mustUnmarshal(ListJSON, &s.list)
	return s
}

func (s *oapiService) ListOrders(_ context.Context, req oapiapi.ListOrdersRequestObject) (oapiapi.ListOrdersResponseObject, error) {
	page := s.list
	page.Items = page.Items[:pageSize(req.Params.Limit, len(page.Items))]
	return oapiapi.ListOrders200JSONResponse(page), nil
}

func (s *oapiService) CreateOrder(_ context.Context, req oapiapi.CreateOrderRequestObject) (oapiapi.CreateOrderResponseObject, error) {
	b := req.Body
	o := oapiapi.Order{
		Id: 1, StoreId: req.StoreId, Status: oapiapi.OrderStatus("pending"), CreatedAt: CreatedAt,
		Customer: b.Customer, ShippingAddress: b.ShippingAddress, BillingAddress: b.BillingAddress,
		Lines: b.Lines, Currency: b.Currency, PaymentMethod: b.PaymentMethod, Priority: b.Priority,
		Tags: b.Tags, Notes: b.Notes,
	}
	for _, l := range b.Lines {
		o.Total += lineTotal(l.Quantity, l.UnitPrice, l.Discount)
	}
	return oapiapi.CreateOrder201JSONResponse(o), nil
}

func (s *oapiService) GetOrder(_ context.Context, req oapiapi.GetOrderRequestObject) (oapiapi.GetOrderResponseObject, error) {
	o := s.order
	o.Id, o.StoreId = req.OrderId, req.StoreId
	if req.Params.Currency != nil {
		o.Currency = *req.Params.Currency
	}
	return oapiapi.GetOrder200JSONResponse(o), nil
}
