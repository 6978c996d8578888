package handlers

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"tandem/errs"
	"tandem/i18n"
	"tandem/locale"
)

// negotiateLanguage gives every request its language from Accept-Language (else English);
// authenticate then applies the signed-in user's saved choice, which wins.
func negotiateLanguage(c *gin.Context) {
	setLanguage(c, "")
	c.Next()
}

// setLanguage puts the language negotiated from saved and the request's Accept-Language on the
// request's context and says it in Content-Language.
func setLanguage(c *gin.Context, saved string) {
	lang := locale.Negotiate(saved, c.GetHeader("Accept-Language"))
	c.Request = c.Request.WithContext(locale.With(c.Request.Context(), lang))
	c.Header("Content-Language", lang)
}

// GetMessages serves one language's interface messages to the web UI, with an ETag.
func (s *Server) GetMessages(c *gin.Context) {
	body, etag, ok := i18n.Default().Web(c.Param("lang"))
	if !ok {
		fail(c, errs.NotFound("Language"))
		return
	}
	c.Header("ETag", etag)
	c.Header("Cache-Control", "public, no-cache")
	if etagMatches(c.GetHeader("If-None-Match"), etag) {
		c.Status(http.StatusNotModified)
		return
	}
	c.Data(http.StatusOK, "application/json; charset=utf-8", body)
}
