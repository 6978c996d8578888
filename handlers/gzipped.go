package handlers

import (
	"bytes"
	"compress/gzip"
	"strconv"
	"strings"
	"sync"
)

// minGzipBytes is the smallest fixed answer worth compressing: below it, gzip's own header and
// the Content-Encoding header cost about what compression saves.
const minGzipBytes = 1024

// gzipped is the gzip encoding of a fixed answer (a catalogue page, a file of the web UI),
// made the first time a client that accepts gzip asks for it and kept for every later one. The
// catalogue's pages and the web UI's files go out at about a third of their size.
type gzipped struct {
	once   sync.Once
	src    []byte // the identity encoding
	etag   string // the identity encoding's, quoted
	body   []byte // the gzip encoding, with its ETag and its headers
	gzETag string
	header []headerValue // ETag first, then Content-Length and Content-Encoding
}

// newGzipped returns the lazy gzip encoding of body, whose own ETag is etag, or nil when body is
// too small to be worth it.
func newGzipped(body []byte, etag string) *gzipped {
	if len(body) < minGzipBytes {
		return nil
	}
	return &gzipped{src: body, etag: etag}
}

// encoded returns the compressed body, its ETag and its headers. The ETag is the identity
// encoding's with "-gzip" inside the quotes: the two encodings are different representations,
// so a cache must not answer a revalidation of one with the other.
func (g *gzipped) encoded() (body []byte, etag string, header []headerValue) {
	g.once.Do(func() {
		var b bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&b, gzip.BestCompression) // the level is valid
		_, _ = zw.Write(g.src)                                 // writes to a bytes.Buffer do not fail
		_ = zw.Close()
		g.body, g.gzETag = b.Bytes(), strings.TrimSuffix(g.etag, `"`)+`-gzip"`
		g.header = headerValues("ETag", g.gzETag, "Content-Length", strconv.Itoa(len(g.body)), "Content-Encoding", "gzip")
	})
	return g.body, g.gzETag, g.header
}
