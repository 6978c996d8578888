package handlers

import (
	"errors"
	"html/template"
	"net/http"
	"net/url"
	"strings"

	"github.com/gin-gonic/gin"

	"tandem/errs"
	"tandem/i18n"
	"tandem/locale"
	"tandem/lti"
)

// ltiRoutes adds the LTI 1.3 tool's routes: the browser's login initiation and launch, the tool
// key set, the code exchange (also for institutional sign-in), and the platform registrations
// (platform admins).
func (s *Server) ltiRoutes(e *gin.Engine, api, authed *gin.RouterGroup, admin gin.HandlerFunc) {
	e.GET("/lti/login", s.StartLTILogin)
	e.POST("/lti/login", s.StartLTILogin)
	e.POST("/lti/launch", s.LaunchLTI)
	e.GET("/lti/signed-in", s.ShowLTISignedIn)
	e.POST("/lti/deep-links/:id/return", s.ReturnLTIDeepLink)
	e.GET("/lti/register", s.RegisterLTIPlatform)
	api.GET("/lti/jwks.json", s.GetLTIKeySet)
	api.POST("/lti/sessions", s.CreateLTISession)
	api.POST("/auth/exchange", s.ExchangeSignInCode)
	authed.GET("/lti/registrations", admin, s.ListLTIRegistrations)
	authed.POST("/lti/registrations", admin, s.CreateLTIRegistration)
	authed.GET("/lti/registrations/:id", admin, s.GetLTIRegistration)
	authed.PUT("/lti/registrations/:id", admin, s.UpdateLTIRegistration)
	authed.DELETE("/lti/registrations/:id", admin, s.DeleteLTIRegistration)
	authed.POST("/lti/keys/rotate", admin, s.RotateLTIKey)
	authed.POST("/lti/registration-links", admin, s.CreateLTIRegistrationLink)
	authed.GET("/lti/deep-links/:id", s.GetLTIDeepLink)
	authed.POST("/lti/deep-links/:id/response", s.AnswerLTIDeepLink)
	authed.GET("/lti/cohorts/:id/scores", s.ListLTIScores)
	authed.POST("/lti/cohorts/:id/scores/retry", s.RetryLTIScores)
	authed.POST("/lti/cohorts/:id/roster-sync", s.SyncLTIRoster)
}

// StartLTILogin answers a platform's OIDC login initiation (GET or POST) by sending the browser to
// the platform's authorisation endpoint; when the platform offers its storage, through a page
// that first keeps the launch's values there. Registered platforms may frame it.
func (s *Server) StartLTILogin(c *gin.Context) {
	s.allowPlatformFrames(c)
	r := c.Request
	browser := s.ltiBrowser(c)
	to, err := s.lti.Login(r.Context(), lti.LoginRequest{Issuer: r.FormValue("iss"), LoginHint: r.FormValue("login_hint"),
		TargetLinkURI: r.FormValue("target_link_uri"), MessageHint: r.FormValue("lti_message_hint"),
		ClientID: r.FormValue("client_id"), DeploymentID: r.FormValue("lti_deployment_id"),
		StorageTarget: r.FormValue("lti_storage_target"), Browser: browser})
	if err != nil {
		s.ltiFail(c, err)
		return
	}
	s.setLTIBrowserCookie(c, browser)
	c.Header("Cache-Control", "no-store")
	if to.Storage != nil {
		showStoragePage(c, storagePage{Mode: "put", Put: to.Storage})
		return
	}
	c.Redirect(http.StatusFound, to.URL)
}

// LaunchLTI takes the platform's launch (id_token and state, posted by the browser) and, once
// it verifies, sends the browser to the UI's sign-in page with a single-use code after the #,
// which never reaches a server or its logs. A launch without the binding cookie whose login
// used the platform's storage gets the page that reads it back and posts the launch again.
// Registered platforms may frame it.
func (s *Server) LaunchLTI(c *gin.Context) {
	s.allowPlatformFrames(c)
	r := c.Request
	in := lti.LaunchRequest{IDToken: r.PostFormValue("id_token"), State: r.PostFormValue("state")}
	in.Browser, _ = c.Cookie(ltiBrowserCookie)
	if proof, ok := storageProof(c); ok {
		if !fromTandem(c) {
			s.ltiFail(c, errCrossSite)
			return
		}
		in.Storage = proof
	}
	done, err := s.lti.Launch(r.Context(), in)
	var need *lti.StorageNeeded
	if errors.As(err, &need) {
		c.Header("Cache-Control", "no-store")
		showStoragePage(c, storagePage{Mode: "get", Get: need, IDToken: in.IDToken, State: in.State})
		return
	}
	if err != nil {
		s.ltiFail(c, err)
		return
	}
	frag := url.Values{"code": {done.Code}, "next": {done.Path}}
	if done.AskDiscipline {
		frag.Set("ask", "discipline")
	}
	c.Header("Cache-Control", "no-store")
	c.Redirect(http.StatusSeeOther, "/lti/signed-in#"+frag.Encode())
}

// ltiErrorPage is what a browser sees when a launch fails.
var ltiErrorPage = template.Must(template.New("lti").Parse(`<!doctype html>
<html lang="{{.Lang}}"><head><meta charset="utf-8"><title>{{.T "lti.error.title"}}</title>
<link rel="stylesheet" href="/assets/app.css"></head>
<body><main class="page"><h1>{{.T "lti.error.title"}}</h1><p>{{.Page.Message}}</p>
<p>{{.WithTag "lti.error.hint" "Code" "<code>" .Page.Code "</code>"}}</p></main></body></html>
`))

// ltiFail answers a failed login or launch: an HTML page for a browser, else the JSON error.
func (s *Server) ltiFail(c *gin.Context, err error) {
	var e *errs.Error
	if !errors.As(err, &e) || !strings.Contains(c.GetHeader("Accept"), "text/html") {
		fail(c, err)
		return
	}
	c.Status(e.Status)
	c.Header("Content-Type", "text/html; charset=utf-8")
	c.Header("Cache-Control", "no-store")
	ctx := c.Request.Context()
	_ = ltiErrorPage.Execute(c.Writer, newLTIView(ctx, i18n.Default().Error(locale.From(ctx), e)))
	c.Abort()
}

// GetLTIKeySet publishes Tandem's tool keys.
func (s *Server) GetLTIKeySet(c *gin.Context) {
	set, err := s.lti.ToolJWKS(c.Request.Context())
	if err != nil {
		fail(c, err)
		return
	}
	c.Header("Cache-Control", "public, max-age=300")
	c.JSON(http.StatusOK, set)
}

type exchangeRequest struct {
	Code string `json:"code" binding:"required"`
}

// CreateLTISession is the former name of ExchangeSignInCode, kept for clients that still call
// it; its answers say it is deprecated and name the route that replaces it.
func (s *Server) CreateLTISession(c *gin.Context) {
	c.Header("Deprecation", "true")
	c.Header("Link", `</api/v1/auth/exchange>; rel="successor-version"`)
	s.ExchangeSignInCode(c)
}

// ExchangeSignInCode trades the single-use code of an LTI launch or an institutional sign-in
// for a token pair.
func (s *Server) ExchangeSignInCode(c *gin.Context) {
	var req exchangeRequest
	if err := bind(c, &req); err != nil {
		fail(c, err)
		return
	}
	if refuseCrossSite(c) {
		return
	}
	sess, err := s.accounts.SignInWithHandoff(c.Request.Context(), req.Code)
	if err != nil {
		fail(c, err)
		return
	}
	s.respondSession(c, sess)
}

// ltiRegistrationRequest is checked field by field by the domain, so every problem is named.
type ltiRegistrationRequest struct {
	Name          string   `json:"name"`
	Issuer        string   `json:"issuer"`
	ClientID      string   `json:"client_id"`
	DeploymentIDs []string `json:"deployment_ids"`
	AuthURL       string   `json:"auth_url"`
	TokenURL      string   `json:"token_url"`
	KeySetURL     string   `json:"key_set_url"`
}

func (r ltiRegistrationRequest) input() lti.RegistrationInput {
	return lti.RegistrationInput{Name: r.Name, Issuer: r.Issuer, ClientID: r.ClientID, DeploymentIDs: r.DeploymentIDs,
		AuthURL: r.AuthURL, TokenURL: r.TokenURL, KeySetURL: r.KeySetURL}
}

// ListLTIRegistrations lists the registered platforms.
func (s *Server) ListLTIRegistrations(c *gin.Context) {
	regs, err := s.lti.Registrations(c.Request.Context())
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"items": regs})
}

// CreateLTIRegistration registers a platform.
func (s *Server) CreateLTIRegistration(c *gin.Context) {
	s.saveLTIRegistration(c, "", http.StatusCreated)
}

// UpdateLTIRegistration replaces a platform's registration.
func (s *Server) UpdateLTIRegistration(c *gin.Context) {
	s.saveLTIRegistration(c, c.Param("id"), http.StatusOK)
}

func (s *Server) saveLTIRegistration(c *gin.Context, id string, status int) {
	var req ltiRegistrationRequest
	if err := bind(c, &req); err != nil {
		fail(c, err)
		return
	}
	reg, err := s.lti.SaveRegistration(c.Request.Context(), caller(c), id, req.input())
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(status, reg)
}

// GetLTIRegistration returns one platform's registration.
func (s *Server) GetLTIRegistration(c *gin.Context) {
	reg, err := s.lti.Registration(c.Request.Context(), c.Param("id"))
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, reg)
}

// DeleteLTIRegistration removes a platform's registration.
func (s *Server) DeleteLTIRegistration(c *gin.Context) {
	if err := s.lti.DeleteRegistration(c.Request.Context(), caller(c), c.Param("id")); err != nil {
		fail(c, err)
		return
	}
	c.Status(http.StatusNoContent)
}

// RotateLTIKey makes a new tool key the one Tandem signs with.
func (s *Server) RotateLTIKey(c *gin.Context) {
	if err := s.lti.RotateToolKey(c.Request.Context(), caller(c)); err != nil {
		fail(c, err)
		return
	}
	c.Status(http.StatusNoContent)
}

// GetLTIDeepLink shows the caller's open deep-linking request and what can be picked.
func (s *Server) GetLTIDeepLink(c *gin.Context) {
	v, err := s.lti.DeepLink(c.Request.Context(), caller(c), c.Param("id"))
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, v)
}

type deepLinkPick struct {
	Kind string `json:"kind" binding:"required"`
	Slug string `json:"slug" binding:"required"`
}

type deepLinkResponseRequest struct {
	Items []deepLinkPick `json:"items" binding:"required,dive"`
}

// AnswerLTIDeepLink signs the response that adds the picked items to the platform's course.
func (s *Server) AnswerLTIDeepLink(c *gin.Context) {
	var req deepLinkResponseRequest
	if err := bind(c, &req); err != nil {
		fail(c, err)
		return
	}
	picks := make([]lti.Pick, 0, len(req.Items))
	for _, p := range req.Items {
		picks = append(picks, lti.Pick{Kind: p.Kind, Slug: p.Slug})
	}
	answer, err := s.lti.AnswerDeepLink(c.Request.Context(), caller(c), c.Param("id"), picks)
	if err != nil {
		fail(c, err)
		return
	}
	c.Header("Cache-Control", "no-store")
	c.JSON(http.StatusOK, answer)
}

// ltiReturnPage posts a deep-linking response to the platform.
var ltiReturnPage = template.Must(template.New("return").Parse(`<!doctype html>
<html lang="{{.Lang}}"><head><meta charset="utf-8"><title>{{.T "lti.return.title"}}</title>
<link rel="stylesheet" href="/assets/app.css"></head>
<body><main class="page"><h1>{{.T "lti.return.title"}}</h1>
<form method="post" action="{{.Page.Action}}" data-autopost><input type="hidden" name="JWT" value="{{.Page.JWT}}">
<p>{{.WithTag "lti.return.body" "Continue" "<button type=\"submit\">" (.T "lti.return.continue") "</button>"}}</p></form>
<script src="/assets/autopost.js"></script></main></body></html>
`))

// ReturnLTIDeepLink takes a deep-linking response Tandem signed (posted by the UI, same
// origin) and answers the page that posts it on to the platform's return URL; that page alone
// may send a form there.
func (s *Server) ReturnLTIDeepLink(c *gin.Context) {
	to, err := s.lti.ReturnURL(c.Request.Context(), c.Param("id"), c.Request.PostFormValue("jwt"))
	if err != nil {
		s.ltiFail(c, err)
		return
	}
	u, _ := url.Parse(to)
	c.Header("Content-Security-Policy", "default-src 'self'; style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'self'; "+
		"form-action "+u.Scheme+"://"+u.Host+"; frame-ancestors 'none'")
	c.Header("Cache-Control", "no-store")
	c.Header("Content-Type", "text/html; charset=utf-8")
	c.Status(http.StatusOK)
	_ = ltiReturnPage.Execute(c.Writer, newLTIView(c.Request.Context(),
		map[string]string{"Action": to, "JWT": c.Request.PostFormValue("jwt")}))
}
