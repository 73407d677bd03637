package validate

import "time"

// withinBudget runs fn and waits for it at most d. kin-openapi's
// validation takes no context, and on a recursive oneOf/anyOf without a
// discriminator its time grows exponentially with the nesting of the
// value (issue 22): the budget keeps validate within its own --timeout.
// When the budget runs out, done is false and fn is abandoned (it ends
// on its own; its result is dropped). A d of 0 or less sets no budget.
func withinBudget(d time.Duration, fn func() error) (err error, done bool) {
	if d <= 0 {
		return fn(), true
	}
	ch := make(chan error, 1)
	go func() { ch <- fn() }()
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case err := <-ch:
		return err, true
	case <-t.C:
		return nil, false
	}
}
