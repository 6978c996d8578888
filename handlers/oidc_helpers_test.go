package handlers_test

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"tandem/testenv"
	"tandem/testenv/oidcop"
)

// oidcSite is Tandem with two institutional providers served by one real OpenID provider on
// loopback: "uni" admits addresses at uni.example only (and is their only way in), "open"
// admits anyone.
type oidcSite struct {
	env *testenv.Env
	op  *oidcop.Provider
	tag string // makes this site's addresses unique in the package's database
}

func newOIDCSite(t testing.TB) *oidcSite {
	t.Helper()
	b := make([]byte, 4)
	_, _ = rand.Read(b)
	s := &oidcSite{tag: hex.EncodeToString(b)}
	s.op = oidcop.New(t)
	providers, _ := json.Marshal([]map[string]any{
		{"id": "uni", "name": "University of Example", "issuer": s.op.Issuer, "client_id": "tandem-uni", "client_secret": "uni-secret",
			"domains": []string{"uni.example"}, "only_way_for_domains": true},
		{"id": "open", "name": "Example ID", "issuer": s.op.Issuer, "client_id": "tandem-open", "client_secret": "open-secret"},
	})
	cfg := testenv.Config(t)
	cfg.OIDCProviders = string(providers)
	s.env = testenv.NewAtOwnURLWith(t, cfg)
	s.op.AddClient("tandem-uni", "uni-secret", s.env.URL+"/auth/oidc/callback")
	s.op.AddClient("tandem-open", "open-secret", s.env.URL+"/auth/oidc/callback")
	return s
}

// email is a test user's address at this site.
func (s *oidcSite) email(local, domain string) string { return local + "-" + s.tag + "@" + domain }

// person adds a user to the provider, with an address of this site at domain; username is
// also the local part of the address and the subject.
func (s *oidcSite) person(username, first, last, domain string, verified bool) string {
	email := s.email(username, domain)
	s.op.AddUser(oidcop.User{ID: username + "-" + s.tag, Username: username, First: first, Last: last, Email: email, EmailVerified: verified})
	return email
}

// oidcBrowser is one browser: its own cookies, following the provider's redirects and
// stopping where the provider sends it back to Tandem.
type oidcBrowser struct {
	t      testing.TB
	site   *oidcSite
	jar    *cookiejar.Jar
	client *http.Client
}

func (s *oidcSite) browser(t testing.TB) *oidcBrowser {
	jar, _ := cookiejar.New(nil)
	b := &oidcBrowser{t: t, site: s, jar: jar}
	b.client = &http.Client{Jar: jar, CheckRedirect: func(req *http.Request, _ []*http.Request) error {
		if strings.HasPrefix(req.URL.String(), s.env.URL) {
			return http.ErrUseLastResponse
		}
		return nil
	}}
	return b
}

// start opens Tandem's start URL for provider and returns the authorisation request it
// redirects to.
func (b *oidcBrowser) start(provider string) *url.URL {
	b.t.Helper()
	noFollow := &http.Client{Jar: b.jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := noFollow.Get(b.site.env.URL + "/auth/oidc/" + provider + "/start?next=/modules/clin-data")
	if err != nil {
		b.t.Fatal(err)
	}
	resp.Body.Close()
	loc, _ := url.Parse(resp.Header.Get("Location"))
	if resp.StatusCode != http.StatusFound || loc == nil || !strings.HasPrefix(loc.String(), b.site.op.Issuer) {
		b.t.Fatalf("start: %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	q := loc.Query()
	if q.Get("code_challenge_method") != "S256" || q.Get("code_challenge") == "" || q.Get("state") == "" || q.Get("nonce") == "" {
		b.t.Fatalf("authorisation request without PKCE, state or nonce: %v", q)
	}
	return loc
}

var authRequestID = regexp.MustCompile(`name="id" value="([^"]+)"`)

// signIn goes through the provider's log-in page as username and returns where the provider
// sends the browser back to Tandem.
func (b *oidcBrowser) signIn(auth *url.URL, username string) *url.URL {
	b.t.Helper()
	resp, err := b.client.Get(auth.String())
	if err != nil {
		b.t.Fatal(err)
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	m := authRequestID.FindSubmatch(page)
	if m == nil {
		b.t.Fatalf("the provider showed no log-in form: %d %s", resp.StatusCode, page)
	}
	resp, err = b.client.PostForm(b.site.op.Issuer+"/login/username", url.Values{"id": {string(m[1])}, "username": {username}, "password": {oidcop.Password}})
	if err != nil {
		b.t.Fatal(err)
	}
	resp.Body.Close()
	back, _ := url.Parse(resp.Header.Get("Location"))
	if back == nil || !strings.HasPrefix(back.String(), b.site.env.URL+"/auth/oidc/callback?") {
		b.t.Fatalf("the provider did not send the browser back: %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	return back
}

// finished is Tandem's answer to the browser's return: the status, the error code, and for a
// redirect its page and the values after the #.
type finished struct {
	status int
	code   string
	page   string
	frag   url.Values
}

// finish returns to Tandem at back, with this browser's cookies.
func (b *oidcBrowser) finish(back *url.URL) finished {
	b.t.Helper()
	noFollow := &http.Client{Jar: b.jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := noFollow.Get(back.String())
	if err != nil {
		b.t.Fatal(err)
	}
	defer resp.Body.Close()
	out := finished{status: resp.StatusCode}
	if resp.StatusCode == http.StatusSeeOther {
		page, frag, _ := strings.Cut(resp.Header.Get("Location"), "#")
		out.page = page
		out.frag, _ = url.ParseQuery(frag)
		return out
	}
	var body struct {
		Error struct {
			Code string `json:"code"`
		} `json:"error"`
	}
	_ = json.NewDecoder(resp.Body).Decode(&body)
	out.code = body.Error.Code
	return out
}

// through signs in as username with provider, from start to Tandem's answer.
func (b *oidcBrowser) through(provider, username string) finished {
	b.t.Helper()
	return b.finish(b.signIn(b.start(provider), username))
}

// session trades a sign-in's code for a session and returns its user.
func (s *oidcSite) session(t testing.TB, f finished) map[string]any {
	t.Helper()
	return s.tokens(t, f)["user"].(map[string]any)
}

// tokens trades a sign-in's code for a session and returns it.
func (s *oidcSite) tokens(t testing.TB, f finished) map[string]any {
	t.Helper()
	if f.status != http.StatusSeeOther || f.page != "/sign-in/done" {
		t.Fatalf("sign-in: %d %s %q", f.status, f.code, f.page)
	}
	resp := s.env.Do(testenv.Request{Method: "POST", Path: "/api/v1/auth/exchange", Body: map[string]any{"code": f.frag.Get("code")}})
	if resp.Status != http.StatusOK {
		t.Fatalf("session: %d %s", resp.Status, resp.Body)
	}
	return resp.JSON(t)
}

// oidcUser is a provider's user with a verified address.
func oidcUser(id, username, email string) oidcop.User {
	return oidcop.User{ID: id, Username: username, First: "Linked", Last: "Person", Email: email, EmailVerified: true}
}
