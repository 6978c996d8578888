package testenv

import "net/http"

// SaveLanguage saves lang as u's interface language, as the language switcher does.
func (e *Env) SaveLanguage(u *User, lang string) {
	e.T.Helper()
	if r := e.Do(Request{Method: "PATCH", Path: "/api/v1/me", Token: u.AccessToken, Body: map[string]string{"language": lang}}); r.Status != http.StatusOK {
		e.T.Fatalf("language of %s: %d %s", u.Email, r.Status, r.Body)
	}
}
