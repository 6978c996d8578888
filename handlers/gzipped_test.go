package handlers_test

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"tandem/testenv"
)

// rawGet sends a GET with the given headers and returns the answer as it came over the wire:
// a request that names Accept-Encoding itself gets its body undecoded from Go's client.
func rawGet(t *testing.T, env *testenv.Env, path string, header map[string]string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, env.URL+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := env.Client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, body
}

// gunzip decodes a gzip body, failing the test when it is not one.
func gunzip(t *testing.T, b []byte) []byte {
	t.Helper()
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("not gzip: %v (%.40q)", err, b)
	}
	out, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// A browser that accepts gzip gets a lesson compressed, the same JSON once decoded, with an
// ETag of its own that it can revalidate; a client that does not gets the bytes as they are.
func TestCatalogPagesGoOutGzippedToClientsThatAcceptIt(t *testing.T) {
	t.Parallel()
	env := testenv.Shared(t)
	// The largest lesson of the test catalogue; a page under a kilobyte goes out as it is.
	var path string
	var plainResp *http.Response
	var plain []byte
	for _, l := range env.App.Catalog.Lessons() {
		resp, body := rawGet(t, env, "/api/v1/lessons/"+l.Slug, map[string]string{"Accept-Encoding": "identity"})
		if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Encoding") != "" || !bytes.HasPrefix(body, []byte("{")) {
			t.Fatalf("identity: %d %q %.200q", resp.StatusCode, resp.Header.Get("Content-Encoding"), body)
		}
		if len(body) > len(plain) {
			path, plainResp, plain = "/api/v1/lessons/"+l.Slug, resp, body
		}
	}
	if len(plain) < 2048 {
		t.Fatalf("the largest test lesson has %d bytes", len(plain))
	}
	resp, zipped := rawGet(t, env, path, map[string]string{"Accept-Encoding": "br, gzip, deflate"})
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Encoding") != "gzip" {
		t.Fatalf("gzip: %d, Content-Encoding %q", resp.StatusCode, resp.Header.Get("Content-Encoding"))
	}
	if got := gunzip(t, zipped); !bytes.Equal(got, plain) {
		t.Fatalf("decoded lesson differs from the identity one (%d vs %d bytes)", len(got), len(plain))
	}
	if len(zipped) > len(plain)/2 {
		t.Errorf("lesson of %d bytes sent as %d", len(plain), len(zipped))
	}
	if cl := resp.Header.Get("Content-Length"); cl != strconv.Itoa(len(zipped)) {
		t.Errorf("Content-Length %q for %d bytes", cl, len(zipped))
	}
	if vary := resp.Header.Get("Vary"); !strings.Contains(vary, "Accept-Encoding") || !strings.Contains(vary, "Accept-Language") {
		t.Errorf("Vary %q", vary)
	}
	etag, plainETag := resp.Header.Get("ETag"), plainResp.Header.Get("ETag")
	if etag == "" || etag == plainETag {
		t.Fatalf("gzip ETag %q, identity ETag %q: each encoding needs its own", etag, plainETag)
	}

	again, body := rawGet(t, env, path, map[string]string{"Accept-Encoding": "gzip", "If-None-Match": etag})
	if again.StatusCode != http.StatusNotModified || len(body) != 0 || again.Header.Get("ETag") != etag {
		t.Errorf("revalidating the gzip copy: %d, %d bytes, ETag %q", again.StatusCode, len(body), again.Header.Get("ETag"))
	}
	other, _ := rawGet(t, env, path, map[string]string{"Accept-Encoding": "gzip", "If-None-Match": plainETag})
	if other.StatusCode != http.StatusOK || other.Header.Get("Content-Encoding") != "gzip" {
		t.Errorf("an identity copy revalidated by a gzip client: %d %q", other.StatusCode, other.Header.Get("Content-Encoding"))
	}
	refused, body := rawGet(t, env, path, map[string]string{"Accept-Encoding": "gzip;q=0, identity"})
	if refused.Header.Get("Content-Encoding") != "" || !bytes.Equal(body, plain) {
		t.Errorf("gzip;q=0 got Content-Encoding %q", refused.Header.Get("Content-Encoding"))
	}

	fr, frZipped := rawGet(t, env, path, map[string]string{"Accept-Encoding": "gzip", "Accept-Language": "fr"})
	_, frPlain := rawGet(t, env, path, map[string]string{"Accept-Language": "fr", "Accept-Encoding": "identity"})
	if fr.Header.Get("Content-Language") != "fr" || !bytes.Equal(gunzip(t, frZipped), frPlain) {
		t.Errorf("French lesson: Content-Language %q, gzip decodes to the French identity: %v",
			fr.Header.Get("Content-Language"), bytes.Equal(gunzip(t, frZipped), frPlain))
	}
}

// The web UI's scripts, styles and page go out gzipped to a browser; a range request, a HEAD
// and a client without gzip get what the file server sends.
func TestWebUIFilesGoOutGzipped(t *testing.T) {
	t.Parallel()
	env := testenv.Shared(t)
	const path = "/assets/app.css"
	plainResp, plain := rawGet(t, env, path, map[string]string{"Accept-Encoding": "identity"})
	if plainResp.StatusCode != http.StatusOK || plainResp.Header.Get("Content-Encoding") != "" || len(plain) < 1024 {
		t.Fatalf("identity: %d %q, %d bytes", plainResp.StatusCode, plainResp.Header.Get("Content-Encoding"), len(plain))
	}
	resp, zipped := rawGet(t, env, path, map[string]string{"Accept-Encoding": "gzip"})
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Encoding") != "gzip" ||
		!strings.HasPrefix(resp.Header.Get("Content-Type"), "text/css") || resp.Header.Get("Cache-Control") != "public, max-age=300" {
		t.Fatalf("gzip: %d, headers %v", resp.StatusCode, resp.Header)
	}
	if !bytes.Equal(gunzip(t, zipped), plain) || len(zipped) >= len(plain)/2 {
		t.Fatalf("%d bytes gzipped to %d, decoding to the file: %v", len(plain), len(zipped), bytes.Equal(gunzip(t, zipped), plain))
	}
	if resp.Header.Get("Vary") != "Accept-Encoding" || plainResp.Header.Get("Vary") != "Accept-Encoding" {
		t.Errorf("Vary: gzip %q, identity %q", resp.Header.Get("Vary"), plainResp.Header.Get("Vary"))
	}
	etag := resp.Header.Get("ETag")
	if etag == "" || etag == plainResp.Header.Get("ETag") {
		t.Fatalf("gzip ETag %q, identity %q", etag, plainResp.Header.Get("ETag"))
	}
	if r, _ := rawGet(t, env, path, map[string]string{"Accept-Encoding": "gzip", "If-None-Match": etag}); r.StatusCode != http.StatusNotModified {
		t.Errorf("revalidation: %d", r.StatusCode)
	}
	if r, b := rawGet(t, env, path, map[string]string{"Accept-Encoding": "gzip", "Range": "bytes=0-9"}); r.StatusCode != http.StatusPartialContent ||
		r.Header.Get("Content-Encoding") != "" || !bytes.Equal(b, plain[:10]) {
		t.Errorf("range: %d %q %q", r.StatusCode, r.Header.Get("Content-Encoding"), b)
	}

	req, _ := http.NewRequest(http.MethodHead, env.URL+path, nil)
	req.Header.Set("Accept-Encoding", "gzip")
	head, err := env.Client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	head.Body.Close()
	if head.StatusCode != http.StatusOK || head.Header.Get("Content-Length") != strconv.Itoa(len(zipped)) {
		t.Errorf("HEAD: %d, Content-Length %q", head.StatusCode, head.Header.Get("Content-Length"))
	}

	const uiPage = "/lessons/clin-eval-sensitivity-specificity"
	_, index := rawGet(t, env, uiPage, map[string]string{"Accept": "text/html", "Accept-Encoding": "identity"})
	page, html := rawGet(t, env, uiPage, map[string]string{"Accept": "text/html", "Accept-Encoding": "gzip"})
	if page.StatusCode != http.StatusOK || page.Header.Get("Content-Encoding") != "gzip" || !bytes.Equal(gunzip(t, html), index) {
		t.Errorf("UI page: %d %q", page.StatusCode, page.Header.Get("Content-Encoding"))
	}
	if r, _ := rawGet(t, env, uiPage, map[string]string{"Accept": "text/html", "Accept-Encoding": "gzip", "If-None-Match": page.Header.Get("ETag")}); r.StatusCode != http.StatusNotModified {
		t.Errorf("UI page revalidation: %d", r.StatusCode)
	}
	missing, html := rawGet(t, env, "/no/such/page", map[string]string{"Accept": "text/html", "Accept-Encoding": "gzip"})
	if missing.StatusCode != http.StatusNotFound || missing.Header.Get("Content-Encoding") != "gzip" || !bytes.Equal(gunzip(t, html), index) {
		t.Errorf("UI page not found: %d %q", missing.StatusCode, missing.Header.Get("Content-Encoding"))
	}
}
