package machine

import (
	"bytes"
	"io"
	"net/http"
	"testing"
)

// The bare net/http baseline answers a lesson route with exactly the bytes it was given, with
// their length, and nothing else.
func TestBareNetHTTPServesTheSameBytes(t *testing.T) {
	body := []byte(`{"slug":"a-lesson","html":"<p>` + string(bytes.Repeat([]byte("x"), 10000)) + `</p>"}`)
	base, stop, err := StartBareNetHTTP(body)
	if err != nil {
		t.Fatal(err)
	}
	defer stop()
	resp, err := http.Get(base + "/api/v1/lessons/a-lesson")
	if err != nil {
		t.Fatal(err)
	}
	got, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !bytes.Equal(got, body) || resp.ContentLength != int64(len(body)) ||
		resp.Header.Get("Content-Type") != "application/json; charset=utf-8" {
		t.Fatalf("lesson: %d, %d bytes (length %d), %q", resp.StatusCode, len(got), resp.ContentLength, resp.Header.Get("Content-Type"))
	}
	if resp, err := http.Get(base + "/api/v1/tracks"); err != nil || resp.StatusCode != http.StatusNotFound {
		t.Fatalf("another route: %v %v", resp, err)
	}
}
