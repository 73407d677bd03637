package handwritten

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
	"strconv"
)

// Handler is the service behind the hand-written server.
type Handler interface {
	ListOrders(ctx context.Context, storeID string, limit *int32, status, cursor *string) (*OrderList, error)
	CreateOrder(ctx context.Context, storeID string, body *NewOrder) (*Order, error)
	GetOrder(ctx context.Context, storeID string, orderID int64, currency *string, includeLines *bool, locale *string) (*Order, error)
}

// maxBody bounds request bodies, as the generated servers do.
const maxBody = 10 << 20

// NewServer routes the contract's three operations to h on a ServeMux.
func NewServer(h Handler) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /stores/{storeId}/orders", func(w http.ResponseWriter, r *http.Request) {
		storeID, ok := storeParam(w, r)
		if !ok {
			return
		}
		q := r.URL.Query()
		var limit *int32
		if s := q.Get("limit"); s != "" {
			n, err := strconv.ParseInt(s, 10, 32)
			if err != nil || n < 1 || n > 100 {
				writeError(w, http.StatusBadRequest, "query limit: must be an integer in [1, 100]")
				return
			}
			v := int32(n)
			limit = &v
		}
		var status, cursor *string
		if s, ok := q["status"]; ok {
			if !validStatus(s[0]) {
				writeError(w, http.StatusBadRequest, "query status: not one of the allowed values")
				return
			}
			status = &s[0]
		}
		if s, ok := q["cursor"]; ok {
			if err := length("query cursor", s[0], 0, 64); err != nil {
				writeError(w, http.StatusBadRequest, err.Error())
				return
			}
			cursor = &s[0]
		}
		resp, err := h.ListOrders(r.Context(), storeID, limit, status, cursor)
		if err != nil {
			writeError(w, http.StatusInternalServerError, err.Error())
			return
		}
		writeJSON(w, http.StatusOK, resp)
	})
	mux.HandleFunc("POST /stores/{storeId}/orders", func(w http.ResponseWriter, r *http.Request) {
		storeID, ok := storeParam(w, r)
		if !ok {
			return
		}
		if mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); mt != "application/json" {
			writeError(w, http.StatusUnsupportedMediaType, "Content-Type must be application/json")
			return
		}
		data, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBody))
		if err != nil {
			var tooBig *http.MaxBytesError
			if errors.As(err, &tooBig) {
				writeError(w, http.StatusRequestEntityTooLarge, "request body is too large")
				return
			}
			writeError(w, http.StatusBadRequest, "reading body: "+err.Error())
			return
		}
		var body NewOrder
		if err := json.Unmarshal(data, &body); err != nil {
			writeError(w, http.StatusBadRequest, "body: "+err.Error())
			return
		}
		if err := body.Validate(); err != nil {
			writeError(w, http.StatusBadRequest, "body "+err.Error())
			return
		}
		resp, err := h.CreateOrder(r.Context(), storeID, &body)
		if err != nil {
			writeError(w, http.StatusInternalServerError, err.Error())
			return
		}
		writeJSON(w, http.StatusCreated, resp)
	})
	mux.HandleFunc("GET /stores/{storeId}/orders/{orderId}", func(w http.ResponseWriter, r *http.Request) {
		storeID, ok := storeParam(w, r)
		if !ok {
			return
		}
		orderID, err := strconv.ParseInt(r.PathValue("orderId"), 10, 64)
		if err != nil || orderID < 1 {
			writeError(w, http.StatusBadRequest, "path orderId: must be an integer of at least 1")
			return
		}
		q := r.URL.Query()
		var currency, locale *string
		var includeLines *bool
		if s, ok := q["currency"]; ok {
			if !validCurrency(s[0]) {
				writeError(w, http.StatusBadRequest, "query currency: not one of the allowed values")
				return
			}
			currency = &s[0]
		}
		if s, ok := q["includeLines"]; ok {
			b, err := strconv.ParseBool(s[0])
			if err != nil {
				writeError(w, http.StatusBadRequest, "query includeLines: must be true or false")
				return
			}
			includeLines = &b
		}
		if s, ok := q["locale"]; ok {
			if err := length("query locale", s[0], 2, 5); err != nil {
				writeError(w, http.StatusBadRequest, err.Error())
				return
			}
			if !localePattern.MatchString(s[0]) {
				writeError(w, http.StatusBadRequest, "query locale: does not match the pattern")
				return
			}
			locale = &s[0]
		}
		resp, err := h.GetOrder(r.Context(), storeID, orderID, currency, includeLines, locale)
		if err != nil {
			writeError(w, http.StatusInternalServerError, err.Error())
			return
		}
		writeJSON(w, http.StatusOK, resp)
	})
	return mux
}

// storeParam reads and validates the storeId path parameter, answering 400
// when it breaks the contract.
func storeParam(w http.ResponseWriter, r *http.Request) (string, bool) {
	s := r.PathValue("storeId")
	if err := length("path storeId", s, 3, 32); err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return "", false
	}
	if !storeIDPattern.MatchString(s) {
		writeError(w, http.StatusBadRequest, "path storeId: does not match the pattern")
		return "", false
	}
	return s, true
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		writeError(w, http.StatusInternalServerError, "encoding response: "+err.Error())
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	w.Write(b)
}

func writeError(w http.ResponseWriter, status int, msg string) {
	b, _ := json.Marshal(Error{Code: int32(status), Message: msg})
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	w.Write(b)
}
