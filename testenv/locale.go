package testenv

import (
	"net/http"

	"tandem/locale"
)

// withLanguage puts the language an Accept-Language header asks for on each request's
// context, as the server's own language middleware does, so that tests of translated
// content can ask for a language the way a browser does.
func withLanguage(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if accept := r.Header.Get("Accept-Language"); accept != "" {
			r = r.WithContext(locale.With(r.Context(), locale.Negotiate("", accept)))
		}
		next.ServeHTTP(w, r)
	})
}
