package handlers

import (
	"html/template"
	"net/http"
	"net/url"

	"github.com/gin-gonic/gin"
)

// CreateLTIRegistrationLink makes a single-use link a platform administrator pastes into their
// platform to register Tandem (LTI Dynamic Registration).
func (s *Server) CreateLTIRegistrationLink(c *gin.Context) {
	link, err := s.lti.NewRegistrationLink(c.Request.Context(), caller(c))
	if err != nil {
		fail(c, err)
		return
	}
	c.Header("Cache-Control", "no-store")
	c.JSON(http.StatusCreated, link)
}

// ltiRegisteredPage tells the platform's administrator that Tandem is registered, and the
// platform that it may close the registration window.
var ltiRegisteredPage = template.Must(template.New("registered").Parse(`<!doctype html>
<html lang="{{.Lang}}"><head><meta charset="utf-8"><title>{{.T "lti.registered.title"}}</title>
<link rel="stylesheet" href="/assets/app.css"></head>
<body><main class="page"><h1>{{.T "lti.registered.title"}}</h1>
<p>{{.T "lti.registered.body" "Name" .Page.Name "Issuer" .Page.Issuer "ClientID" .Page.ClientID}}</p>
<script src="/assets/lti-close.js"></script></main></body></html>
`))

// RegisterLTIPlatform is the registration URL a platform opens for LTI Dynamic Registration, with the
// link's invite, its openid_configuration and its registration_token.
func (s *Server) RegisterLTIPlatform(c *gin.Context) {
	q := c.Request.URL.Query()
	reg, err := s.lti.DynamicRegistration(c.Request.Context(), q.Get("invite"), q.Get("openid_configuration"), q.Get("registration_token"))
	if err != nil {
		s.ltiFail(c, err)
		return
	}
	// The platform shows this page in a frame or a window of its own, and listens for its
	// message: only the registered platform's site (where its configuration is) may frame it,
	// and it keeps its opener.
	h := c.Writer.Header()
	h.Del("X-Frame-Options")
	h.Set("Cross-Origin-Opener-Policy", "unsafe-none")
	h.Set("Content-Security-Policy", "default-src 'self'; style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'self'; "+
		"form-action 'none'; frame-ancestors "+origin(q.Get("openid_configuration")))
	c.Header("Cache-Control", "no-store")
	c.Header("Content-Type", "text/html; charset=utf-8")
	c.Status(http.StatusOK)
	_ = ltiRegisteredPage.Execute(c.Writer, newLTIView(c.Request.Context(), reg))
}

// origin is the scheme and host of a URL.
func origin(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "'none'"
	}
	return u.Scheme + "://" + u.Host
}
