package api

import (
	"encoding/json"
	"fmt"
	"net/http"

	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/legacy"

	"github.com/contractfirst/toolkit/bench/api/oapiapi"
)

// newOapiValidated is oapi-codegen's server the way its documentation
// has users check requests against the contract: kin-openapi's
// openapi3filter in front of the generated handler, as
// oapi-codegen/nethttp-middleware's OapiRequestValidator does (written out
// here with the router kin-openapi ships, so the bench module needs no
// other dependency).
func newOapiValidated() (http.Handler, error) {
	doc, err := oapiapi.GetSwagger()
	if err != nil {
		return nil, fmt.Errorf("embedded spec: %w", err)
	}
	// Match paths whatever host serves them, as the middleware advises.
	doc.Servers = nil
	router, err := legacy.NewRouter(doc)
	if err != nil {
		return nil, fmt.Errorf("router: %w", err)
	}
	next := oapiapi.Handler(oapiapi.NewStrictHandler(newOapiService(), nil))
	return requestValidator(router, next), nil
}

func requestValidator(router routers.Router, next http.Handler) http.Handler {
	opts := &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		route, pathParams, err := router.FindRoute(r)
		if err != nil {
			writeValidationError(w, http.StatusNotFound, err)
			return
		}
		in := &openapi3filter.RequestValidationInput{Request: r, PathParams: pathParams, Route: route, Options: opts}
		if err := openapi3filter.ValidateRequest(r.Context(), in); err != nil {
			writeValidationError(w, http.StatusBadRequest, err)
			return
		}
		next.ServeHTTP(w, r)
	})
}

func writeValidationError(w http.ResponseWriter, status int, err error) {
	b, _ := json.Marshal(oapiapi.Error{Code: int32(status), Message: err.Error()})
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	w.Write(b)
}
