package runtime

import (
	"fmt"
	"net/http"
)

// ResponseValidation says what the server does with a response that breaks the contract.
type ResponseValidation int

// The response validation modes.
const (
	// ResponseValidationOff sends responses unchecked (the default).
	ResponseValidationOff ResponseValidation = iota
	// ResponseValidationLog logs a response body that breaks the contract, naming
	// the JSON pointer, and sends it all the same.
	ResponseValidationLog
	// ResponseValidationReject logs it and answers 500 through the error handler
	// instead: a handler bug never reaches a client.
	ResponseValidationReject
)

// WithResponseValidation checks every response body a handler returns against the
// contract before it is sent; mode says what happens to one that breaks it.
func WithResponseValidation(mode ResponseValidation) ServerOption {
	return func(s *server) {
		s.responseValidation = mode
	}
}

// responseValid reports whether a response whose check returned err may be sent
// (err is computed only when response validation is on). It returns false when
// the response must not be sent: it has been answered with a 500.
func responseValid(s *server, w http.ResponseWriter, r *http.Request, err error) bool {
	if err == nil || s.responseValidation == ResponseValidationOff {
		return true
	}
	err = fmt.Errorf("response breaks the contract: %w", err)
	if s.responseValidation == ResponseValidationLog {
		s.logger.ErrorContext(r.Context(), "invalid response", "method", r.Method, "path", r.URL.Path, "error", err)
		return true
	}
	s.handlerError(w, r, err)
	return false
}
