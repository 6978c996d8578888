package handlers

import (
	"html/template"
	"net/http"
	"net/url"
	"strings"

	"github.com/gin-gonic/gin"

	"tandem/lti"
)

// allowPlatformFrames lets the registered platforms' origins frame this answer (the launch
// pages); every other page keeps frame-ancestors 'none'.
func (s *Server) allowPlatformFrames(c *gin.Context) {
	origins, err := s.lti.FrameAncestors(c.Request.Context())
	if err != nil || len(origins) == 0 {
		return
	}
	h := c.Writer.Header()
	csp := h.Get("Content-Security-Policy")
	h.Set("Content-Security-Policy", strings.Replace(csp, "frame-ancestors 'none'", "frame-ancestors "+strings.Join(origins, " "), 1))
	h.Del("X-Frame-Options")
}

// ShowLTISignedIn serves the UI's page a launch lands on, which the registered platforms may
// frame.
func (s *Server) ShowLTISignedIn(c *gin.Context) {
	s.allowPlatformFrames(c)
	s.serveUI(c)
}

// storageProof is what Tandem's launch page read back from the platform's storage, when the
// launch carries it.
func storageProof(c *gin.Context) (*lti.StorageProof, bool) {
	r := c.Request
	if _, ok := r.PostForm["lti_storage_secret"]; !ok {
		return nil, false
	}
	return &lti.StorageProof{Secret: r.PostFormValue("lti_storage_secret"), Nonce: r.PostFormValue("lti_storage_nonce")}, true
}

// fromTandem reports whether a form was posted by a page of this Tandem: the browser names
// Tandem's origin (browsers always send Origin with a POST) and, when it says, the same origin.
func fromTandem(c *gin.Context) bool {
	o := c.GetHeader("Origin")
	u, err := url.Parse(o)
	return o != "" && err == nil && u.Host != "" && sameOrigin(c)
}

// storagePage is the page that keeps a launch's values in the platform's storage (Mode put,
// on to the authentication request) or reads them back and posts the launch again (Mode get).
type storagePage struct {
	Mode           string
	Put            *lti.StoragePut
	Get            *lti.StorageNeeded
	IDToken, State string
}

var ltiStoragePage = template.Must(template.New("storage").Parse(`<!doctype html>
<html lang="{{.Lang}}"><head><meta charset="utf-8"><title>{{.T "lti.storage.title"}}</title>
<link rel="stylesheet" href="/assets/app.css"></head>
<body><main class="page"><h1>{{.T "lti.storage.title"}}</h1>
{{with .Page}}{{if .Put}}<div id="lti-storage" data-mode="put" data-target="{{.Put.Target}}" data-origin="{{.Put.Origin}}"
 data-origins="{{range $i, $o := .Put.Origins}}{{if $i}} {{end}}{{$o}}{{end}}"
 data-state-key="{{.Put.StateKey}}" data-state-value="{{.Put.StateValue}}" data-nonce-key="{{.Put.NonceKey}}"
 data-nonce-value="{{.Put.NonceValue}}" data-next="{{.Put.Next}}"></div>
<p>{{$.T "lti.storage.opening"}}</p>
{{else}}<form id="lti-storage" method="post" action="/lti/launch" data-mode="get" data-target="{{.Get.Target}}"
 data-origin="{{.Get.Origin}}" data-origins="{{range $i, $o := .Get.Origins}}{{if $i}} {{end}}{{$o}}{{end}}"
 data-state-key="{{.Get.StateKey}}" data-nonce-key="{{.Get.NonceKey}}">
<input type="hidden" name="id_token" value="{{.IDToken}}"><input type="hidden" name="state" value="{{.State}}">
<input type="hidden" name="lti_storage_secret" value=""><input type="hidden" name="lti_storage_nonce" value=""></form>
<p>{{$.T "lti.storage.confirming"}}</p>{{end}}{{end}}
<p id="lti-storage-failed" hidden>{{.T "lti.storage.failed"}}</p>
<script src="/assets/lti-storage.js"></script></main></body></html>
`))

// showStoragePage answers one of the platform-storage pages.
func showStoragePage(c *gin.Context, p storagePage) {
	c.Header("Content-Type", "text/html; charset=utf-8")
	c.Status(http.StatusOK)
	_ = ltiStoragePage.Execute(c.Writer, newLTIView(c.Request.Context(), p))
}
