package handlers

import (
	"crypto/sha256"
	"encoding/base64"
	"io/fs"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"tandem/errs"
)

// staticFiles serves the web UI. Files under /assets/ are served as they are; any other GET
// that is not an API route gets index.html, so the UI's own routes (/lessons/x, /verify/y)
// survive a reload. Embedded files have no modification time, so each is served with an
// ETag (a hash of its content) that lets a browser revalidate instead of downloading again.
type staticFiles struct {
	fsys  fs.FS
	files http.Handler
	index []byte
	etags map[string]string // path inside fsys -> quoted ETag
}

func newStaticFiles(fsys fs.FS) (*staticFiles, error) {
	index, err := fs.ReadFile(fsys, "index.html")
	if err != nil {
		return nil, err
	}
	etags := map[string]string{}
	err = fs.WalkDir(fsys, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(fsys, path)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(b)
		etags[path] = `"` + base64.RawURLEncoding.EncodeToString(sum[:12]) + `"`
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &staticFiles{fsys: fsys, files: http.FileServerFS(fsys), index: index, etags: etags}, nil
}

func (s *Server) serveUI(c *gin.Context) {
	p := c.Request.URL.Path
	apiLike := strings.HasPrefix(p, "/api/") || strings.HasPrefix(p, "/.well-known/")
	if apiLike || (c.Request.Method != http.MethodGet && c.Request.Method != http.MethodHead) {
		fail(c, &errsNoRoute)
		return
	}
	if strings.HasPrefix(p, "/assets/") {
		etag, ok := s.ui.etags[strings.TrimPrefix(p, "/")]
		if !ok {
			fail(c, errs.NotFound("File"))
			return
		}
		c.Header("Cache-Control", "public, max-age=300")
		c.Header("ETag", etag) // the file server answers If-None-Match with 304
		s.ui.files.ServeHTTP(c.Writer, c.Request)
		return
	}
	etag := s.ui.etags["index.html"]
	c.Header("Cache-Control", "no-cache")
	c.Header("ETag", etag)
	if c.GetHeader("If-None-Match") == etag {
		c.Status(http.StatusNotModified)
		return
	}
	c.Data(http.StatusOK, "text/html; charset=utf-8", s.ui.index)
}
