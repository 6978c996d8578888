package handlers_test

import (
	"net/http"
	"testing"

	"tandem/testenv"
)

// The UI's files carry ETags, so a browser revalidates them with a 304 instead of downloading
// every module again when its cache expires; a changed file has another tag.
func TestUIFilesRevalidateWithETags(t *testing.T) {
	t.Parallel()
	env := testenv.Shared(t)
	tags := map[string]string{}
	for _, path := range []string{"/assets/app.js", "/assets/dom.js", "/lessons/anything"} {
		first := env.Do(testenv.Request{Method: "GET", Path: path})
		etag := first.Header.Get("ETag")
		if first.Status != http.StatusOK || len(etag) < 10 || len(first.Body) == 0 {
			t.Fatalf("%s: %d, ETag %q, %d bytes", path, first.Status, etag, len(first.Body))
		}
		tags[path] = etag
		again := env.Do(testenv.Request{Method: "GET", Path: path, Header: map[string]string{"If-None-Match": etag}})
		if again.Status != http.StatusNotModified || len(again.Body) != 0 {
			t.Errorf("%s revalidated: %d with %d bytes, want 304 and nothing", path, again.Status, len(again.Body))
		}
		stale := env.Do(testenv.Request{Method: "GET", Path: path, Header: map[string]string{"If-None-Match": `"stale"`}})
		if stale.Status != http.StatusOK || len(stale.Body) != len(first.Body) {
			t.Errorf("%s with a stale tag: %d, %d bytes", path, stale.Status, len(stale.Body))
		}
	}
	if tags["/assets/app.js"] == tags["/assets/dom.js"] {
		t.Error("two different files share an ETag")
	}
	if dir := env.Do(testenv.Request{Method: "GET", Path: "/assets/pages/"}); dir.Status != http.StatusNotFound {
		t.Errorf("a folder of the UI is listed: %d", dir.Status)
	}
}
