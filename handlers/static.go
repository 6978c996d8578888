package handlers

import (
	"io/fs"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"tandem/errs"
)

// staticFiles serves the web UI. Files under /assets/ are served as they are; any other GET
// that is not an API route gets index.html, so the UI's own routes (/lessons/x, /verify/y)
// survive a reload.
type staticFiles struct {
	fsys  fs.FS
	files http.Handler
	index []byte
}

func newStaticFiles(fsys fs.FS) (*staticFiles, error) {
	index, err := fs.ReadFile(fsys, "index.html")
	if err != nil {
		return nil, err
	}
	return &staticFiles{fsys: fsys, files: http.FileServerFS(fsys), index: index}, nil
}

func (s *Server) serveUI(c *gin.Context) {
	p := c.Request.URL.Path
	apiLike := strings.HasPrefix(p, "/api/") || strings.HasPrefix(p, "/.well-known/")
	if apiLike || (c.Request.Method != http.MethodGet && c.Request.Method != http.MethodHead) {
		fail(c, &errsNoRoute)
		return
	}
	if strings.HasPrefix(p, "/assets/") {
		if _, err := fs.Stat(s.ui.fsys, strings.TrimPrefix(p, "/")); err != nil {
			fail(c, errs.NotFound("File"))
			return
		}
		c.Header("Cache-Control", "public, max-age=300")
		s.ui.files.ServeHTTP(c.Writer, c.Request)
		return
	}
	c.Header("Cache-Control", "no-cache")
	c.Data(http.StatusOK, "text/html; charset=utf-8", s.ui.index)
}
