package handlers_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"tandem/auth"
	"tandem/testenv"
)

// documentedOp is one operation of the served OpenAPI document.
type documentedOp struct {
	method, path string
	op           *openapi3.Operation
	params       openapi3.Parameters // the path item's and the operation's
	public       bool                // security: []
}

// documentedOps lists the served document's operations, sorted by method and path.
func documentedOps(t *testing.T, env *testenv.Env) []documentedOp {
	t.Helper()
	doc := env.OpenAPI()
	var ops []documentedOp
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			security := doc.Security
			if op.Security != nil {
				security = *op.Security
			}
			ops = append(ops, documentedOp{method: method, path: path, op: op, params: append(append(openapi3.Parameters{}, item.Parameters...), op.Parameters...),
				public: len(security) == 0})
		}
	}
	sort.Slice(ops, func(i, j int) bool { return ops[i].method+ops[i].path < ops[j].method+ops[j].path })
	return ops
}

// probeFixtures are real ids for path parameters, so that probes reach the code behind them.
type probeFixtures struct {
	admin *testenv.User
	ids   map[string]string // by the path segment before {id}
	named map[string]string // by parameter name
}

func newProbeFixtures(t *testing.T, env *testenv.Env) probeFixtures {
	t.Helper()
	admin := env.WithRole(auth.RoleAdmin, "other")
	orgID, programmeID, _ := society(t, env, admin, "Probing society (test)")
	env.Login(admin)
	cohort := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/cohorts", Token: admin.AccessToken,
		Body: map[string]any{"name": "Probed cohort", "tracks": []string{"clinicians"}}}).JSON(t)["id"].(string)
	cat := env.App.Catalog
	return probeFixtures{admin: admin,
		ids: map[string]string{"organisations": orgID, "issuers": orgID, "programmes": programmeID, "cohorts": cohort},
		named: map[string]string{"track": "clinicians", "module": cat.Lessons()[0].Module.Slug, "lesson": cat.Lessons()[0].Slug,
			"quiz": cat.Quizzes()[0].Slug, "serial": "TND-0000-0000-0000", "list": "1"},
	}
}

// fill puts a value in each path parameter of path: value(name, previous segment).
func fill(path string, value func(name, prev string) string) string {
	parts := strings.Split(path, "/")
	for i, p := range parts {
		if strings.HasPrefix(p, "{") {
			parts[i] = url.PathEscape(value(strings.Trim(p, "{}"), parts[i-1]))
		}
	}
	return strings.Join(parts, "/")
}

func (f probeFixtures) value(env *testenv.Env) func(name, prev string) string {
	return func(name, prev string) string {
		if name == "id" && f.ids[prev] != "" {
			return f.ids[prev]
		}
		if name == "slug" {
			switch prev {
			case "case-studies":
				return env.App.Catalog.CaseStudies()[0].Slug
			case "exercises":
				return env.App.Catalog.Exercises()[0].Slug
			case "labs":
				return env.App.Catalog.Labs()[0].Slug
			}
		}
		if v := f.named[name]; v != "" {
			return v
		}
		return "probe"
	}
}

// jsonBody is a plausible body for op: each top-level property of its JSON schema with a value
// of its type, so that a probe of one field gets past the others.
func jsonBody(op *openapi3.Operation) (map[string]any, map[string]bool) {
	if op.RequestBody == nil || op.RequestBody.Value.Content.Get("application/json") == nil {
		return nil, nil
	}
	schema := op.RequestBody.Value.Content.Get("application/json").Schema.Value
	body, strs := map[string]any{}, map[string]bool{}
	for name, p := range schema.Properties {
		v := p.Value
		switch {
		case len(v.Enum) > 0:
			body[name] = v.Enum[0]
		case v.Type.Is("string"):
			body[name], strs[name] = "Probe text", true
		case v.Type.Is("integer"), v.Type.Is("number"):
			body[name] = 1
		case v.Type.Is("boolean"):
			body[name] = false
		case v.Type.Is("array"):
			body[name] = []any{}
		default:
			body[name] = map[string]any{}
		}
	}
	return body, strs
}

// probes are the texts sent into every input; the first two no route may accept.
var probes = []struct {
	name, text string
	refused    bool
}{
	{"NUL", "a\x00b", true},
	{"invalid UTF-8", "a\xffb", true},
	{"bidi override", "\u202eecivreS yrroG", false},
	{"emoji", "Ada 😀 👩\u200d⚕\ufe0f", false},
}

// TestProbeEveryDocumentedInput sends a NUL, invalid UTF-8, a bidirectional override and
// emoji into every path parameter, query parameter and top-level JSON string field of every
// documented operation, on both databases: none is a 500, and NUL and invalid UTF-8 never get
// through.
func TestProbeEveryDocumentedInput(t *testing.T) {
	env := testenv.New(t)
	f := newProbeFixtures(t, env)
	base := f.value(env)
	check := func(what string, resp *testenv.Response, refused bool) {
		t.Helper()
		switch {
		case resp.Status >= 500:
			t.Errorf("%s: %d %s", what, resp.Status, resp.Body)
		case refused && (resp.Status != http.StatusBadRequest || resp.ErrorCode() != "invalid_text") && resp.Status < 300:
			t.Errorf("%s: accepted with %d %s", what, resp.Status, resp.Body)
		}
	}
	for _, o := range documentedOps(t, env) {
		if o.path == "/api/v1/me/sessions" && o.method == http.MethodDelete {
			continue // ends the prober's own sessions, and has no input
		}
		token := f.admin.AccessToken
		body, strs := jsonBody(o.op)
		for _, p := range probes {
			for _, param := range o.params {
				pv := param.Value
				switch pv.In {
				case "path":
					path := fill(o.path, func(name, prev string) string {
						if name == pv.Name {
							return p.text
						}
						return base(name, prev)
					})
					resp := env.Do(testenv.Request{Method: o.method, Path: path, Token: token, Body: body})
					check(o.method+" "+o.path+" {"+pv.Name+"} "+p.name, resp, p.refused)
				case "query":
					path := fill(o.path, base) + "?" + url.QueryEscape(pv.Name) + "=" + url.QueryEscape(p.text)
					resp := env.Do(testenv.Request{Method: o.method, Path: path, Token: token, Body: body})
					check(o.method+" "+o.path+" ?"+pv.Name+" "+p.name, resp, p.refused)
					if p.refused && resp.ErrorCode() != "invalid_text" {
						t.Errorf("%s %s ?%s %s: %d %s", o.method, o.path, pv.Name, p.name, resp.Status, resp.Body)
					}
				}
			}
			for field := range strs {
				probe := map[string]any{}
				for k, v := range body {
					probe[k] = v
				}
				probe[field] = "PROBE"
				raw, _ := json.Marshal(probe)
				// json.Marshal would escape the probe's bytes; send them as they are.
				text, _ := json.Marshal(p.text)
				if p.name == "invalid UTF-8" {
					text = []byte(`"` + p.text + `"`)
				}
				raw = bytes.Replace(raw, []byte(`"PROBE"`), text, 1)
				resp := env.Do(testenv.Request{Method: o.method, Path: fill(o.path, base), Token: token, Body: raw})
				check(o.method+" "+o.path+" ."+field+" "+p.name, resp, p.refused)
			}
		}
		if resp := env.Do(testenv.Request{Method: http.MethodGet, Path: "/api/v1/me", Token: f.admin.AccessToken}); resp.Status == http.StatusUnauthorized {
			env.Login(f.admin) // a probe ended the session (a password change, a logout)
		}
	}
}

// Every answer of an authenticated route, whoever asks and whatever the outcome, carries
// Cache-Control: no-store; the walk covers every operation the document says needs a token.
func TestAuthenticatedAnswersAreNotStored(t *testing.T) {
	env := testenv.New(t)
	f := newProbeFixtures(t, env)
	learner := env.Learner("medicine")
	walked := 0
	for _, o := range documentedOps(t, env) {
		if o.public {
			continue
		}
		walked++
		body, _ := jsonBody(o.op)
		for _, token := range []string{f.admin.AccessToken, learner.AccessToken, ""} {
			resp := env.Do(testenv.Request{Method: o.method, Path: fill(o.path, f.value(env)), Token: token, Body: body})
			if got := resp.Header.Get("Cache-Control"); got != "no-store" {
				t.Errorf("%s %s: %d with Cache-Control %q", o.method, o.path, resp.Status, got)
			}
		}
		env.Login(f.admin)
		env.Login(learner)
	}
	if walked < 60 {
		t.Fatalf("walked %d authenticated operations", walked)
	}
}
