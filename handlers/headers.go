package handlers

import "net/http"

// headerValue is one response header whose value is built once, at start-up. Responses share
// its slice instead of allocating one each: its capacity is its length, so Header.Add on the
// same name copies rather than writes into it, and net/http copies the header before sending.
type headerValue struct {
	name   string
	values []string
}

// headerValues pairs up names and values ("ETag", etag, ...), with names in canonical form.
func headerValues(namesAndValues ...string) []headerValue {
	out := make([]headerValue, 0, len(namesAndValues)/2)
	for i := 0; i+1 < len(namesAndValues); i += 2 {
		out = append(out, headerValue{name: http.CanonicalHeaderKey(namesAndValues[i]), values: []string{namesAndValues[i+1]}[:1:1]})
	}
	return out
}

// setHeaders sets every header of hv on h.
func setHeaders(h http.Header, hv []headerValue) {
	for _, v := range hv {
		h[v.name] = v.values
	}
}
