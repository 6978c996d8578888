package handlers

import (
	"compress/gzip"
	"io"
	"strings"
	"sync"

	"github.com/gin-gonic/gin"
)

// compress gzips the answers of routes that can run to megabytes (a large cohort's dashboard
// is 8.5 MB of JSON for 5,000 learners; a learner's export or statements grow with their
// history) for clients that accept gzip. Answers are compressed as they are written. The
// precomputed catalogue pages and the UI's files, 70 KB at most (the glossary), are left as
// they are.
func compress(c *gin.Context) {
	if !acceptsGzip(c.GetHeader("Accept-Encoding")) {
		c.Next()
		return
	}
	c.Header("Vary", "Accept-Encoding")
	gz := gzipWriters.Get().(*gzip.Writer)
	w := &gzipWriter{ResponseWriter: c.Writer, gz: gz}
	gz.Reset(c.Writer)
	c.Writer = w
	c.Header("Content-Encoding", "gzip")
	defer func() {
		if w.wrote {
			_ = gz.Close()
		} else if !w.Written() {
			w.Header().Del("Content-Encoding")
		}
		// Whatever is written after this (a recovered panic's answer) goes out uncompressed,
		// never through a writer back in the pool.
		c.Writer = w.ResponseWriter
		gz.Reset(io.Discard)
		gzipWriters.Put(gz)
	}()
	c.Next()
}

var gzipWriters = sync.Pool{New: func() any {
	gz, _ := gzip.NewWriterLevel(io.Discard, gzip.BestSpeed)
	return gz
}}

// gzipWriter sends what the handler writes through gz.
type gzipWriter struct {
	gin.ResponseWriter
	gz    *gzip.Writer
	wrote bool
}

func (w *gzipWriter) WriteHeader(code int) {
	w.Header().Del("Content-Length")
	w.ResponseWriter.WriteHeader(code)
}

func (w *gzipWriter) Write(b []byte) (int, error) {
	w.wrote = true
	w.Header().Del("Content-Length")
	return w.gz.Write(b)
}

func (w *gzipWriter) WriteString(s string) (int, error) { return w.Write([]byte(s)) }

// acceptsGzip reports whether an Accept-Encoding header accepts gzip (or anything) with a
// quality above zero.
func acceptsGzip(header string) bool {
	if header == "" {
		return false
	}
	for _, part := range strings.Split(header, ",") {
		coding, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		coding = strings.ToLower(strings.TrimSpace(coding))
		if coding != "gzip" && coding != "*" {
			continue
		}
		q := strings.ReplaceAll(strings.ToLower(params), " ", "")
		return !strings.HasPrefix(q, "q=0") || strings.HasPrefix(q, "q=0.") && strings.Trim(q[4:], "0") != ""
	}
	return false
}
