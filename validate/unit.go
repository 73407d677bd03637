package validate

// checkUnit describes a check that looks past a single answer (coverage,
// state, auth, timing): its id and what it guards against. Each lives
// in its own file, check_<id>.go, with its function and its test.
type checkUnit struct {
	ID      string
	Purpose string
}

// checkUnits lists the units in report order.
var checkUnits = []checkUnit{
	{CheckPositiveData, "an operation answers some valid request with a 2xx"},
	{CheckAuth, "the credentials given are accepted, and stay accepted for the whole run"},
	{CheckUnsupportedMethod, "a method the contract does not declare on a path gets 405, not 2xx or 5xx"},
	{CheckUseAfterFree, "after a 2xx DELETE, a GET of the same resource gets 404 or 410"},
	{CheckResourceAvailability, "after a 2xx create, the new resource can be read"},
	{CheckIgnoredAuth, "a secured operation refuses a request without credentials and one with a wrong credential"},
	{CheckMaxResponseTime, "every answer comes within --max-response-time"},
}

func unitIDs() []string {
	ids := make([]string, len(checkUnits))
	for i, u := range checkUnits {
		ids[i] = u.ID
	}
	return ids
}

// isUnit reports whether a check id is one of the units, which are
// listed in reports only where they ran.
func isUnit(id string) bool {
	for _, u := range checkUnits {
		if u.ID == id {
			return true
		}
	}
	return false
}
