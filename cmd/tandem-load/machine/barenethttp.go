package machine

import (
	"net/http"
	"strconv"
)

// BareNetHTTPServerArg runs this binary as the bare net/http child (see BareGinServerArg).
const BareNetHTTPServerArg = "__bare-nethttp-server"

// bareNetHTTP is Go's own net/http, no framework and no middleware, answering every lesson
// route with body: the floor under any Go server of those bytes on this machine. It sends what
// a careful handler of known bytes sends, their type and length.
func bareNetHTTP(body []byte) http.Handler {
	length := []string{strconv.Itoa(len(body))}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /api/v1/lessons/{lesson}", func(w http.ResponseWriter, _ *http.Request) {
		h := w.Header()
		h["Content-Type"] = []string{"application/json; charset=utf-8"}
		h["Content-Length"] = length
		_, _ = w.Write(body)
	})
	return mux
}

// StartBareNetHTTP serves bareNetHTTP(body) on a free loopback port in this process.
func StartBareNetHTTP(body []byte) (base string, stop func(), err error) {
	return startBare(bareNetHTTP(body))
}

// StartBareNetHTTPProcess serves bareNetHTTP(body) from a child process of this binary, with a
// Go runtime of its own like the real server.
func StartBareNetHTTPProcess(body []byte, dir string) (base string, pid int, stop func(), err error) {
	return startBareProcess(BareNetHTTPServerArg, body, dir)
}
