package runtime

import "strconv"

// Response headers under response validation: the generated server checks
// the headers a handler sets before it sends them (WithResponseValidation),
// the generated client the headers it received (WithResponseChecks). Both
// sides call the same checks, so a header one side refuses the other does
// too.

// headerError is a declared response header that breaks the contract: a
// required one missing, or a value outside its schema.
type headerError struct {
	name string
	err  error
}

// Error names the header, then what is wrong with it.
func (e *headerError) Error() string {
	return "response header " + strconv.Quote(e.name) + ": " + e.err.Error()
}

// Unwrap gives the check's own error (a *ValidationError for a schema's
// constraints).
func (e *headerError) Unwrap() error { return e.err }

// errHeaderMissing is the check error of a required header not sent.
var errHeaderMissing = &ValidationError{Message: "is required but missing"}

// checkHeader checks the declared response header name holding v: when
// present is false (a required header not sent) it is missing; otherwise
// check, when there is one, decides.
func checkHeader[T any](name string, present bool, check func(T) error, v T) error {
	if !present {
		return &headerError{name: name, err: errHeaderMissing}
	}
	if check == nil {
		return nil
	}
	if err := check(v); err != nil {
		return &headerError{name: name, err: err}
	}
	return nil
}

// checkOptHeader checks an optional header held by pointer: nil is absent,
// which is allowed.
func checkOptHeader[T any](name string, check func(T) error, v *T) error {
	if v == nil {
		return nil
	}
	return checkHeader(name, true, check, *v)
}

// checkListHeader checks a header holding a list: empty is not sent,
// which is missing when required and allowed otherwise.
func checkListHeader[T any](name string, required bool, check func([]T) error, v []T) error {
	if len(v) == 0 && !required {
		return nil
	}
	return checkHeader(name, len(v) > 0, check, v)
}

// checkMapHeader checks a header holding a map (an object of any names):
// empty is not sent, which is missing when required and allowed otherwise.
func checkMapHeader[M ~map[string]T, T any](name string, required bool, check func(M) error, v M) error {
	if len(v) == 0 && !required {
		return nil
	}
	return checkHeader(name, len(v) > 0, check, v)
}

// firstError returns the first non-nil error of errs: the checks of one
// response, headers then body, in the order the contract lists them.
func firstError(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}
