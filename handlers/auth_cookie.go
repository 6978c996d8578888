package handlers

import (
	"net"
	"net/http"
	"net/url"
	"strings"

	"github.com/gin-gonic/gin"

	"tandem/auth"
	"tandem/errs"
)

// The web UI keeps its refresh token in a cookie rather than in script-readable storage, so a
// new tab or a restarted browser resumes the session and no script can read the token. It asks
// for that with the SessionModeHeader; clients that send the token in the body (API.md) are
// served as before and never get a cookie.
const (
	// SessionModeHeader, set to "cookie", asks login, refresh and logout to keep the refresh
	// token in the RefreshCookie. A page on another site cannot send it without a CORS
	// preflight, which this server never grants: together with the Origin check it is the CSRF
	// protection of every request a cookie authenticates.
	SessionModeHeader = "X-Tandem-Session"
	// RefreshCookie holds the refresh token: HttpOnly, SameSite=Strict, sent only to the
	// refresh route.
	RefreshCookie = "tandem_refresh"
	// SignedInCookie tells the UI's scripts that a refresh cookie exists (it holds no secret),
	// so a visitor who never signed in is not sent to the refresh route on every page.
	SignedInCookie = "tandem_signed_in"
	refreshPath    = "/api/v1/auth/refresh"
)

// wantsCookie reports whether the client asked for a cookie session.
func wantsCookie(c *gin.Context) bool {
	return c.GetHeader(SessionModeHeader) == "cookie"
}

var errCrossSite = errs.Forbidden("This request must come from Tandem's own pages.")

// sameOrigin reports whether a cookie-mode request comes from a page of this server: the
// browser's Origin (when sent) names this host, and Sec-Fetch-Site (when sent) says
// same-origin.
func sameOrigin(c *gin.Context) bool {
	if site := c.GetHeader("Sec-Fetch-Site"); site != "" && site != "same-origin" {
		return false
	}
	origin := c.GetHeader("Origin")
	if origin == "" {
		return true
	}
	u, err := url.Parse(origin)
	return err == nil && u.Host != "" && strings.EqualFold(u.Host, c.Request.Host)
}

// secureCookies reports whether cookies must carry Secure: always, except for plain HTTP to a
// loopback host (http://localhost:8080 while developing), where a browser would drop them.
func secureCookies(c *gin.Context) bool {
	if c.Request.TLS != nil || strings.EqualFold(c.GetHeader("X-Forwarded-Proto"), "https") {
		return true
	}
	host := c.Request.Host
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	if strings.EqualFold(host, "localhost") || strings.HasSuffix(strings.ToLower(host), ".localhost") {
		return false
	}
	ip := net.ParseIP(host)
	return ip == nil || !ip.IsLoopback()
}

// setSessionCookies stores a refresh token in the browser for as long as it lives.
func setSessionCookies(c *gin.Context, refreshToken string, maxAge int) {
	secure := secureCookies(c)
	http.SetCookie(c.Writer, &http.Cookie{Name: RefreshCookie, Value: refreshToken, Path: refreshPath, MaxAge: maxAge,
		HttpOnly: true, Secure: secure, SameSite: http.SameSiteStrictMode})
	http.SetCookie(c.Writer, &http.Cookie{Name: SignedInCookie, Value: "1", Path: "/", MaxAge: maxAge,
		Secure: secure, SameSite: http.SameSiteStrictMode})
}

// clearSessionCookies makes the browser forget both cookies.
func clearSessionCookies(c *gin.Context) {
	secure := secureCookies(c)
	http.SetCookie(c.Writer, &http.Cookie{Name: RefreshCookie, Path: refreshPath, MaxAge: -1,
		HttpOnly: true, Secure: secure, SameSite: http.SameSiteStrictMode})
	http.SetCookie(c.Writer, &http.Cookie{Name: SignedInCookie, Path: "/", MaxAge: -1,
		Secure: secure, SameSite: http.SameSiteStrictMode})
}

// respondSession answers a sign-in or refresh: in cookie mode the refresh token goes into the
// cookie and is left out of the body; otherwise the body carries the pair as API.md says.
func (s *Server) respondSession(c *gin.Context, sess *auth.Session) {
	c.Header("Cache-Control", "no-store")
	view := viewOfSession(sess)
	if wantsCookie(c) {
		setSessionCookies(c, sess.RefreshToken, int(s.accounts.RefreshTTL().Seconds()))
		view.RefreshToken = ""
	}
	c.JSON(http.StatusOK, view)
}

// refuseCrossSite fails a cookie-mode request that does not come from this server's pages
// and reports whether it did; handlers that answer with a session call it before acting.
func refuseCrossSite(c *gin.Context) bool {
	if wantsCookie(c) && !sameOrigin(c) {
		fail(c, errCrossSite)
		return true
	}
	return false
}

// cookieRefreshToken returns the refresh token of a cookie-mode request after its CSRF checks.
func cookieRefreshToken(c *gin.Context) (string, error) {
	if !wantsCookie(c) || !sameOrigin(c) {
		return "", errCrossSite
	}
	token, err := c.Cookie(RefreshCookie)
	if err != nil || token == "" {
		return "", errs.Unauthorized("invalid_refresh_token", "The refresh token is not valid. Please log in again.")
	}
	return token, nil
}
