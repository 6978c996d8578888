package handlers

import (
	"net/http"
	"net/url"

	"github.com/gin-gonic/gin"

	"tandem/errs"
	"tandem/textinput"
)

// invalidText is the 400 for text no route accepts: a NUL character, which PostgreSQL cannot
// store, or bytes that are not UTF-8, which would otherwise be silently replaced. where names
// the part of the request: "path", "query.<name>" or "body".
func invalidText(where, problem string) *errs.Error {
	return &errs.Error{Status: http.StatusBadRequest, Code: "invalid_text",
		Message: "The request's " + where + " " + problem + ".", Details: map[string]any{"where": where}}
}

// refuseInvalidText answers 400 invalid_text for a request whose path or query holds a NUL
// character or invalid UTF-8, before any route sees it (bodies are checked by bind).
func refuseInvalidText(c *gin.Context) {
	if p := textinput.Problem(c.Request.URL.Path); p != "" {
		fail(c, invalidText("path", p))
		return
	}
	if c.Request.URL.RawQuery == "" {
		c.Next()
		return
	}
	query, _ := url.ParseQuery(c.Request.URL.RawQuery)
	for name, values := range query {
		if p := textinput.Problem(name); p != "" {
			fail(c, invalidText("query", p))
			return
		}
		for _, v := range values {
			if p := textinput.Problem(v); p != "" {
				fail(c, invalidText("query."+name, p))
				return
			}
		}
	}
	c.Next()
}
