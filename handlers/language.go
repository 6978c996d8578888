package handlers

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"tandem/errs"
	"tandem/i18n"
	"tandem/locale"
)

// contentLanguage is the Content-Language header of each supported language.
var contentLanguage = func() map[string][]headerValue {
	m := map[string][]headerValue{}
	for _, lang := range locale.Supported() {
		m[lang] = headerValues("Content-Language", lang)
	}
	return m
}()

// setLanguage puts the language negotiated from saved and the request's Accept-Language on the
// request's context and says it in Content-Language. requestContext gives every request the
// one its Accept-Language asks for; authenticate calls this with the user's saved choice.
func setLanguage(c *gin.Context, saved string) {
	lang := locale.Negotiate(saved, c.GetHeader("Accept-Language"))
	c.Request = c.Request.WithContext(locale.With(c.Request.Context(), lang))
	setHeaders(c.Writer.Header(), contentLanguage[lang])
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
