package handlers

import (
	"errors"
	"html/template"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"tandem/errs"
	"tandem/signin"
)

// signInCookie binds an institutional sign-in to the browser that began it: the browser keeps
// a random secret, the sign-in's state keeps its hash.
const signInCookie = "tandem_signin"

// oidcRoutes adds institutional sign-in: the providers' list, the browser's start and return,
// the link of a provider to an existing account by its password, and, for a signed-in user,
// linking a provider from the account page and unlinking it.
func (s *Server) oidcRoutes(e *gin.Engine, api, authed *gin.RouterGroup) {
	api.GET("/auth/providers", s.ListSignInProviders)
	api.POST("/auth/oidc/links", s.AcceptOIDCLink)
	e.GET("/auth/oidc/:provider/start", s.StartOIDCSignIn)
	e.GET("/auth/oidc/callback", s.FinishOIDCSignIn)
	authed.GET("/me/oidc-links", s.ListMyOIDCLinks)
	authed.POST("/me/oidc-links", s.LinkOIDCProvider)
	authed.DELETE("/me/oidc-links/:provider", s.UnlinkOIDCProvider)
}

type signInProviderView struct {
	ID      string   `json:"id"`
	Name    string   `json:"name"`
	Domains []string `json:"domains"`
	OnlyWay bool     `json:"only_way_for_domains"`
}

// ListSignInProviders lists the identity providers people may sign in with.
func (s *Server) ListSignInProviders(c *gin.Context) {
	items := []signInProviderView{}
	for _, p := range s.signin.Providers() {
		d := p.Domains
		if d == nil {
			d = []string{}
		}
		items = append(items, signInProviderView{ID: p.ID, Name: p.Name, Domains: d, OnlyWay: p.OnlyWay})
	}
	c.JSON(http.StatusOK, gin.H{"items": items})
}

// StartOIDCSignIn sends the browser to its provider with a fresh state, nonce and PKCE
// challenge, bound to the browser by the sign-in cookie.
func (s *Server) StartOIDCSignIn(c *gin.Context) {
	browser, _ := c.Cookie(signInCookie)
	started, err := s.signin.Begin(c.Request.Context(), signin.Start{Provider: c.Param("provider"), Next: c.Query("next"), Browser: browser})
	if err != nil {
		s.signInFail(c, err)
		return
	}
	s.setSignInCookie(c, started.Browser)
	c.Header("Cache-Control", "no-store")
	c.Redirect(http.StatusFound, started.URL)
}

// FinishOIDCSignIn takes the browser back from its provider and, once the answer verifies,
// sends it to the UI with a single-use code after the #: to trade for a session, or to link
// an existing account by its password.
func (s *Server) FinishOIDCSignIn(c *gin.Context) {
	browser, _ := c.Cookie(signInCookie)
	done, err := s.signin.Finish(c.Request.Context(), signin.Return{State: c.Query("state"), Code: c.Query("code"),
		Error: c.Query("error"), Browser: browser})
	if err != nil {
		s.signInFail(c, err)
		return
	}
	frag := url.Values{"code": {done.Code}, "next": {done.Path}}
	page := "/sign-in/done#"
	if done.Link {
		page = "/sign-in/link#"
	}
	if done.AskDiscipline {
		frag.Set("ask", "discipline")
	}
	c.Header("Cache-Control", "no-store")
	c.Redirect(http.StatusSeeOther, page+frag.Encode())
}

func (s *Server) setSignInCookie(c *gin.Context, value string) {
	http.SetCookie(c.Writer, &http.Cookie{Name: signInCookie, Value: value, Path: "/auth/oidc/", MaxAge: int((30 * 24 * time.Hour).Seconds()),
		HttpOnly: true, Secure: strings.HasPrefix(s.baseURL, "https://"), SameSite: http.SameSiteLaxMode})
}

// signInErrorPage is what a browser sees when a sign-in fails.
var signInErrorPage = template.Must(template.New("signin").Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Sign-in failed · Tandem</title>
<link rel="stylesheet" href="/assets/app.css"></head>
<body><main class="page narrow"><h1>Tandem could not sign you in</h1><p>{{.Message}}</p>
<p><a href="/login">Back to the log-in page</a></p>
<p>If this keeps happening, tell Tandem's administrator: error <code>{{.Code}}</code>.</p></main></body></html>
`))

// signInFail answers a failed start or return: an HTML page for a browser, else the JSON error.
func (s *Server) signInFail(c *gin.Context, err error) {
	var e *errs.Error
	if !errors.As(err, &e) || !strings.Contains(c.GetHeader("Accept"), "text/html") {
		fail(c, err)
		return
	}
	if e.Status >= 500 {
		logger(c).Error("sign-in failed", slog.String("code", e.Code), slog.Any("err", err))
	}
	c.Status(e.Status)
	c.Header("Content-Type", "text/html; charset=utf-8")
	c.Header("Cache-Control", "no-store")
	_ = signInErrorPage.Execute(c.Writer, e)
	c.Abort()
}

type acceptLinkRequest struct {
	Code     string `json:"code" binding:"required"`
	Password string `json:"password" binding:"required"`
}

// AcceptOIDCLink links a provider to the existing account that has the provider's address,
// once that account's password is given, and signs it in.
func (s *Server) AcceptOIDCLink(c *gin.Context) {
	var req acceptLinkRequest
	if err := bind(c, &req); err != nil {
		fail(c, err)
		return
	}
	if refuseCrossSite(c) {
		return
	}
	linked, err := s.signin.AcceptLink(c.Request.Context(), req.Code, req.Password)
	if err != nil {
		fail(c, err)
		return
	}
	sess, err := s.accounts.SignInWithHandoff(c.Request.Context(), linked.Code)
	if err != nil {
		fail(c, err)
		return
	}
	c.Header("Cache-Control", "no-store")
	view := viewOfSession(sess)
	if wantsCookie(c) {
		setSessionCookies(c, sess.RefreshToken, int(s.accounts.RefreshTTL().Seconds()))
		view.RefreshToken = ""
	}
	c.JSON(http.StatusOK, gin.H{"session": view, "next": linked.Path})
}

type oidcLinkView struct {
	Provider string    `json:"provider"`
	Name     string    `json:"name"`
	LinkedAt time.Time `json:"linked_at"`
}

// ListMyOIDCLinks lists the identity providers linked to the caller's account.
func (s *Server) ListMyOIDCLinks(c *gin.Context) {
	links, err := s.signin.LinkedProviders(c.Request.Context(), caller(c))
	if err != nil {
		fail(c, err)
		return
	}
	items := make([]oidcLinkView, 0, len(links))
	for _, l := range links {
		items = append(items, oidcLinkView{Provider: l.Provider, Name: l.Name, LinkedAt: l.LinkedAt.UTC()})
	}
	c.JSON(http.StatusOK, gin.H{"items": items})
}

type linkProviderRequest struct {
	Provider string `json:"provider" binding:"required"`
}

// LinkOIDCProvider begins linking a provider to the caller's account: it binds the browser
// (cookie) and answers the provider's URL for the UI to open.
func (s *Server) LinkOIDCProvider(c *gin.Context) {
	var req linkProviderRequest
	if err := bind(c, &req); err != nil {
		fail(c, err)
		return
	}
	if !s.signin.Configured(req.Provider) {
		fail(c, errs.Invalid(map[string]string{"provider": "is not a sign-in provider of this Tandem"}))
		return
	}
	browser, _ := c.Cookie(signInCookie)
	started, err := s.signin.Begin(c.Request.Context(), signin.Start{Provider: req.Provider, Next: "/account", Browser: browser,
		LinkUserID: callerID(c)})
	if err != nil {
		fail(c, err)
		return
	}
	s.setSignInCookie(c, started.Browser)
	c.JSON(http.StatusOK, gin.H{"redirect_url": started.URL})
}

type unlinkProviderRequest struct {
	Password string `json:"password"`
}

// UnlinkOIDCProvider removes a provider's link from the caller's account, as long as it keeps
// another way in (its password, given in the body, or another link).
func (s *Server) UnlinkOIDCProvider(c *gin.Context) {
	var req unlinkProviderRequest
	if c.Request.ContentLength != 0 {
		if err := bind(c, &req); err != nil {
			fail(c, err)
			return
		}
	}
	if err := s.signin.Unlink(c.Request.Context(), callerID(c), c.Param("provider"), req.Password); err != nil {
		fail(c, err)
		return
	}
	c.Status(http.StatusNoContent)
}
