package handlers

import (
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/gin-gonic/gin"

	"tandem/errs"
	"tandem/textinput"
)

// FuzzRefuseInvalidText: whatever path and query a client sends, a route sees only valid
// UTF-8 without NUL characters, and anything else is a 400 invalid_text.
func FuzzRefuseInvalidText(f *testing.F) {
	for _, s := range [][2]string{{"/api/v1/attempts/%00", ""}, {"/a", "quiz=%00"}, {"/a", "after=%FF"}, {"/%C0%80", "x=1&%00=2"}, {"/ok", "a=b&c=%E2%80%AE"}} {
		f.Add(s[0], s[1])
	}
	gin.SetMode(gin.ReleaseMode)
	e := gin.New()
	reached := false
	e.Use(refuseInvalidText)
	e.NoRoute(func(c *gin.Context) {
		reached = true
		for name, values := range c.Request.URL.Query() {
			for _, v := range append(values, name, c.Request.URL.Path) {
				if textinput.Problem(v) != "" {
					f.Fatalf("a route saw %q", v)
				}
			}
		}
		c.Status(http.StatusNoContent)
	})
	f.Fuzz(func(t *testing.T, rawPath, rawQuery string) {
		path, err := url.PathUnescape(rawPath)
		if err != nil || !strings.HasPrefix(path, "/") {
			return
		}
		req := httptest.NewRequest(http.MethodGet, "/", nil)
		req.URL.Path, req.URL.RawPath, req.URL.RawQuery = path, rawPath, rawQuery
		w := httptest.NewRecorder()
		reached = false
		e.ServeHTTP(w, req)
		if !reached {
			var body errorBody
			if w.Code != http.StatusBadRequest || json.Unmarshal(w.Body.Bytes(), &body) != nil || body.Error.Code != "invalid_text" {
				t.Fatalf("refused %q?%q with %d %s", rawPath, rawQuery, w.Code, w.Body)
			}
		}
	})
}

// FuzzBind: whatever body a client sends, bind either fills the request with valid text or
// returns a client error, never a server error.
func FuzzBind(f *testing.F) {
	for _, s := range []string{`{"name":"Ada","tags":["a"]}`, `{"name":"\u0000"}`, "{\"name\":\"\xff\"}", `{"name":"\ud800"}`, `{"n":`, ``, `{"tags":{"a":1}}`} {
		f.Add([]byte(s))
	}
	gin.SetMode(gin.ReleaseMode)
	f.Fuzz(func(t *testing.T, body []byte) {
		var req struct {
			Name string            `json:"name" binding:"max=200"`
			Tags []string          `json:"tags"`
			More map[string]string `json:"more"`
		}
		c, _ := gin.CreateTestContext(httptest.NewRecorder())
		c.Request = httptest.NewRequest(http.MethodPost, "/", strings.NewReader(string(body)))
		err := bind(c, &req)
		if err != nil {
			var e *errs.Error
			if !errors.As(err, &e) || e.Status >= 500 {
				t.Fatalf("bind(%q): %v", body, err)
			}
			return
		}
		texts := append([]string{req.Name}, req.Tags...)
		for k, v := range req.More {
			texts = append(texts, k, v)
		}
		for _, s := range texts {
			if textinput.Problem(s) != "" || strings.ContainsRune(s, '\ufffd') && !strings.Contains(string(body), "\ufffd") && !strings.Contains(strings.ToLower(string(body)), `\ufffd`) {
				t.Fatalf("bind(%q) accepted %q", body, s)
			}
		}
	})
}
