package models

import "testing"

// The responses kept for retries lose the person's details only where they name the person,
// and only as whole JSON strings.
func TestRedactorTouchesOnlyWhatNamesThePerson(t *testing.T) {
	u := &User{ID: "01abc", Email: "ada.k@example.org", Name: "Ada & Co", Institution: "St Ada"}
	r := newJSONRedactor(u)
	for _, c := range []struct{ body, want string }{
		{`{"user_id":"01abc","name":"Ada \u0026 Co","institution":"St Ada"}`, `{"user_id":"01abc","name":"Erased learner","institution":""}`},
		{`{"email":"ADA.K@Example.org","note":"St Ada"}`, `{"email":"erased-01abc@erased.invalid","note":""}`},
		{`{"user_id":"02def","name":"Ada \u0026 Co","institution":"St Ada"}`, ``},
		{`{"user_id":"01abc","text":"Ada \u0026 Co wrote this"}`, ``},
	} {
		got, changed := r.redact([]byte(c.body))
		if c.want == "" {
			if changed || string(got) != c.body {
				t.Errorf("%s changed to %s", c.body, got)
			}
			continue
		}
		if !changed || string(got) != c.want {
			t.Errorf("%s\n got %s\nwant %s", c.body, got, c.want)
		}
	}
}
