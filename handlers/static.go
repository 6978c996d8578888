package handlers

import (
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"io/fs"
	"mime"
	"net/http"
	pathpkg "path"
	"regexp"
	"strings"

	"github.com/gin-gonic/gin"

	"tandem/errs"
)

// staticFiles serves the web UI. Files under /assets/ are served as they are; a GET of one of
// the UI's own routes (/lessons/x, /verify/y) gets index.html, so they survive a reload. Any
// other path is a JSON 404, so that a client calling a route Tandem does not have (a Caliper
// or xAPI endpoint) learns so instead of receiving a web page; only a browser asking
// for a page outside /api/ gets index.html with that 404, so the UI says the page is not found.
// Embedded files have no modification time, so each is served with an ETag (a hash of its
// content) that lets a browser revalidate instead of downloading again. Text files (scripts,
// styles, the page) go out gzip-encoded to browsers that accept it.
type staticFiles struct {
	fsys     fs.FS
	files    http.Handler
	index    []byte
	uiRoutes []*regexp.Regexp
	etags    map[string]string   // path inside fsys -> quoted ETag
	gzipped  map[string]*gzipped // path inside fsys -> its gzip encoding, for text files worth it
}

// compressible reports whether a file of the web UI is text that gzip shrinks.
func compressible(path string) bool {
	switch pathpkg.Ext(path) {
	case ".html", ".js", ".css", ".svg", ".json", ".txt":
		return true
	}
	return false
}

// uiRoute finds the route patterns in the UI's router table, route('/lessons/:slug', ...), in
// the form its router matches them: each :name one path segment, a trailing slash allowed.
var uiRoute = regexp.MustCompile(`\broute\('(/[^']*)'`)

func newStaticFiles(fsys fs.FS) (*staticFiles, error) {
	index, err := fs.ReadFile(fsys, "index.html")
	if err != nil {
		return nil, err
	}
	etags, gz := map[string]string{}, map[string]*gzipped{}
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
		if compressible(path) {
			if g := newGzipped(b, etags[path]); g != nil {
				gz[path] = g
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	app, err := fs.ReadFile(fsys, "assets/app.js")
	if err != nil {
		return nil, err
	}
	s := &staticFiles{fsys: fsys, files: http.FileServerFS(fsys), index: index, etags: etags, gzipped: gz}
	for _, m := range uiRoute.FindAllStringSubmatch(string(app), -1) {
		pattern := regexp.MustCompile(`:\w+`).ReplaceAllString(regexp.QuoteMeta(m[1]), `[^/]+`)
		s.uiRoutes = append(s.uiRoutes, regexp.MustCompile("^"+strings.TrimSuffix(pattern, "/")+"/?$"))
	}
	if len(s.uiRoutes) == 0 {
		return nil, errors.New("static: no routes found in assets/app.js")
	}
	return s, nil
}

// isUIRoute reports whether the UI's router draws a page for path.
func (s *staticFiles) isUIRoute(path string) bool {
	for _, r := range s.uiRoutes {
		if r.MatchString(path) {
			return true
		}
	}
	return false
}

func (s *Server) serveUI(c *gin.Context) {
	p := c.Request.URL.Path
	if c.Request.Method != http.MethodGet && c.Request.Method != http.MethodHead {
		fail(c, &errsNoRoute)
		return
	}
	if strings.HasPrefix(p, "/assets/") {
		name := strings.TrimPrefix(p, "/")
		etag, ok := s.ui.etags[name]
		if !ok {
			fail(c, errs.NotFound("File"))
			return
		}
		c.Header("Cache-Control", "public, max-age=300")
		if gz := s.ui.gzipped[name]; gz != nil {
			c.Header("Vary", "Accept-Encoding")
			// A range is of the identity encoding; the file server answers it.
			if c.GetHeader("Range") == "" && acceptsGzip(c.GetHeader("Accept-Encoding")) {
				serveGzipped(c, http.StatusOK, mime.TypeByExtension(pathpkg.Ext(name)), gz)
				return
			}
		}
		c.Header("ETag", etag) // the file server answers If-None-Match with 304
		s.ui.files.ServeHTTP(c.Writer, c.Request)
		return
	}
	status := http.StatusOK
	if !s.ui.isUIRoute(p) {
		apiLike := strings.HasPrefix(p, "/api/") || strings.HasPrefix(p, "/.well-known/")
		if apiLike || !strings.Contains(c.GetHeader("Accept"), "text/html") {
			fail(c, &errsNoRoute)
			return
		}
		status = http.StatusNotFound // a browser gets the UI, which says the page is not found
	}
	etag := s.ui.etags["index.html"]
	c.Header("Cache-Control", "no-cache")
	if gz := s.ui.gzipped["index.html"]; gz != nil {
		c.Header("Vary", "Accept-Encoding")
		if acceptsGzip(c.GetHeader("Accept-Encoding")) {
			serveGzipped(c, status, "text/html; charset=utf-8", gz)
			return
		}
	}
	c.Header("ETag", etag)
	if status == http.StatusOK && c.GetHeader("If-None-Match") == etag {
		c.Status(http.StatusNotModified)
		return
	}
	c.Data(status, "text/html; charset=utf-8", s.ui.index)
}

// serveGzipped answers with gz's body, or 304 when the client's copy of it is current (a
// status other than 200 is always sent whole). A HEAD request gets the headers alone.
func serveGzipped(c *gin.Context, status int, contentType string, gz *gzipped) {
	body, etag, header := gz.encoded()
	h := c.Writer.Header()
	setHeaders(h, header[:1])
	if status == http.StatusOK && etagMatches(c.GetHeader("If-None-Match"), etag) {
		c.Status(http.StatusNotModified)
		return
	}
	setHeaders(h, header)
	h.Set("Content-Type", contentType)
	c.Status(status)
	if c.Request.Method != http.MethodHead {
		_, _ = c.Writer.Write(body)
	}
}
