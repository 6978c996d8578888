package handlers

import (
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"tandem/auth"
)

// ltiBrowserCookie binds an LTI launch to the browser whose login initiation began it.
const ltiBrowserCookie = "tandem_lti"

// ltiBrowser is the browser's binding secret: the one its cookie carries, else a new one.
func (s *Server) ltiBrowser(c *gin.Context) string {
	if v, err := c.Cookie(ltiBrowserCookie); err == nil && len(v) >= 32 && len(v) <= 128 {
		return v
	}
	secret, _ := auth.NewSecret()
	return secret
}

// setLTIBrowserCookie keeps the binding secret in the browser. The launch is a cross-site POST
// from the platform, so over https the cookie is SameSite=None and Partitioned (CHIPS): inside
// the platform's frame a browser that blocks third-party cookies still keeps it for that
// platform. Over plain http (development) it can only be Lax, which same-site launches send.
func (s *Server) setLTIBrowserCookie(c *gin.Context, value string) {
	ck := &http.Cookie{Name: ltiBrowserCookie, Value: value, Path: "/lti/", MaxAge: int((30 * 24 * time.Hour).Seconds()),
		HttpOnly: true, SameSite: http.SameSiteLaxMode}
	if strings.HasPrefix(s.baseURL, "https://") {
		ck.Secure, ck.SameSite, ck.Partitioned = true, http.SameSiteNoneMode, true
	}
	http.SetCookie(c.Writer, ck)
}
