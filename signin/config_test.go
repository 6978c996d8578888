package signin

import (
	"strings"
	"testing"
)

func TestParseProviders(t *testing.T) {
	for _, c := range []struct {
		name, raw, problem string
	}{
		{"none", "", ""},
		{"one", `[{"id":"uni","name":"Uni","issuer":"https://login.uni.example","client_id":"t","domains":["@Uni.Example"]}]`, ""},
		{"loopback http", `[{"id":"dev","name":"Dev","issuer":"http://127.0.0.1:9998","client_id":"t"}]`, ""},
		{"plain http", `[{"id":"uni","name":"Uni","issuer":"http://login.uni.example","client_id":"t"}]`, "https URL"},
		{"bad id", `[{"id":"Uni!","name":"Uni","issuer":"https://a.example","client_id":"t"}]`, "id must be"},
		{"no client", `[{"id":"uni","name":"Uni","issuer":"https://a.example"}]`, "client_id"},
		{"only way without domains", `[{"id":"uni","name":"Uni","issuer":"https://a.example","client_id":"t","only_way_for_domains":true}]`, "needs domains"},
		{"twice", `[{"id":"uni","name":"A","issuer":"https://a.example","client_id":"t"},{"id":"uni","name":"B","issuer":"https://b.example","client_id":"u"}]`, "used twice"},
		{"unknown field", `[{"id":"uni","name":"Uni","issuer":"https://a.example","client_id":"t","secret":"x"}]`, "unknown field"},
		{"bad domain", `[{"id":"uni","name":"Uni","issuer":"https://a.example","client_id":"t","domains":["a b"]}]`, "not a domain"},
	} {
		got, err := ParseProviders(c.raw)
		switch {
		case c.problem == "" && err != nil:
			t.Errorf("%s: %v", c.name, err)
		case c.problem != "" && (err == nil || !strings.Contains(err.Error(), c.problem)):
			t.Errorf("%s: got %v, want an error about %q", c.name, err, c.problem)
		case c.name == "one" && (len(got) != 1 || !got[0].admits("ada@uni.example") || got[0].admits("ada@sub.uni.example")):
			t.Errorf("%s: domains %v", c.name, got[0].Domains)
		}
	}
}
