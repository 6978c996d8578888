package testenv

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/legacy"

	"tandem/app"
	"tandem/config"
)

// Env is one Tandem app served on loopback for a test.
type Env struct {
	T      testing.TB
	App    *app.App
	Config config.Config
	URL    string
	Client *http.Client
	router routers.Router
	doc    *openapi3.T
	// mailsFrom is how many mails were in the log when the app started (when the test asked
	// for it, for the shared app): the earlier ones are other tests' or other runs'.
	mailsFrom int
}

// New starts the app with Config(t), closed when the test ends.
func New(t testing.TB) *Env {
	t.Helper()
	return NewWith(t, Config(t))
}

// NewWith starts the app with cfg.
func NewWith(t testing.TB, cfg config.Config) *Env {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("testenv: listen: %v", err)
	}
	return serve(t, cfg, l)
}

// NewAtOwnURL starts the app with Config(t) and, as its base URL, the loopback address it is
// served at, so that the URLs in what it publishes (credentials' keys, lists, achievements)
// lead back to it: what an outside client fetches is what the test serves.
func NewAtOwnURL(t testing.TB) *Env {
	t.Helper()
	return NewAtOwnURLWith(t, Config(t))
}

// NewAtOwnURLWith is NewAtOwnURL with cfg (its BaseURL replaced by the served address).
func NewAtOwnURLWith(t testing.TB, cfg config.Config) *Env {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("testenv: listen: %v", err)
	}
	cfg.BaseURL = "http://" + l.Addr().String()
	return serve(t, cfg, l)
}

// NewLogged starts the app with cfg and keeps every record it logs, at every level, in the
// returned buffer.
func NewLogged(t testing.TB, cfg config.Config) (*Env, *LogBuffer) {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("testenv: listen: %v", err)
	}
	buf := &LogBuffer{}
	return serveLogged(t, cfg, l, slog.NewTextHandler(buf, &slog.HandlerOptions{Level: slog.LevelDebug})), buf
}

func serve(t testing.TB, cfg config.Config, l net.Listener) *Env {
	t.Helper()
	return serveLogged(t, cfg, l, Logger().Handler())
}

func serveLogged(t testing.TB, cfg config.Config, l net.Listener, logs slog.Handler) *Env {
	t.Helper()
	from := mailCount()
	e, stop, err := start(cfg, l, logs)
	if err != nil {
		t.Fatalf("testenv: open app: %v", err)
	}
	t.Cleanup(stop)
	e.T, e.mailsFrom = t, from
	e.router, e.doc = e.loadOpenAPI()
	return e
}

// start opens the app with cfg and serves it on l; stop closes both.
func start(cfg config.Config, l net.Listener, logs slog.Handler) (e *Env, stop func(), err error) {
	a, err := app.Open(context.Background(), cfg, slog.New(&mailbox{next: logs}))
	if err != nil {
		_ = l.Close()
		return nil, nil, err
	}
	srv := &httptest.Server{Listener: l, Config: &http.Server{Handler: a.Handler()}}
	srv.Start()
	stop = func() {
		srv.Close()
		_ = a.Close()
	}
	return &Env{App: a, Config: cfg, URL: srv.URL, Client: srv.Client()}, stop, nil
}

// registerDecoders teaches the contract checker the non-JSON bodies Tandem serves.
var registerDecoders sync.Once

// contract is an OpenAPI document served and the contract checker's router for it.
type contract struct {
	router routers.Router
	doc    *openapi3.T
}

// contracts holds the contract of each OpenAPI document served, so that the tests of a
// process parse the document once, not once per server or per test that reads it.
var contracts struct {
	sync.Mutex
	byDoc map[[sha256.Size]byte]contract
}

// OpenAPI returns the OpenAPI document the server serves, parsed once per process: tests
// read it and must not change it.
func (e *Env) OpenAPI() *openapi3.T { return e.doc }

func (e *Env) loadOpenAPI() (routers.Router, *openapi3.T) {
	e.T.Helper()
	r, doc, err := contractOf(e)
	if err != nil {
		e.T.Fatalf("testenv: %v", err)
	}
	return r, doc
}

// contractOf returns the contract checker's router for the document e serves, and the document.
func contractOf(e *Env) (routers.Router, *openapi3.T, error) {
	registerDecoders.Do(func() {
		for _, ct := range []string{"application/vc+jwt", "application/pdf", "image/svg+xml"} {
			openapi3filter.RegisterBodyDecoder(ct, openapi3filter.PlainBodyDecoder)
		}
	})
	resp, err := e.Client.Get(e.URL + "/api/v1/openapi.json")
	if err != nil {
		return nil, nil, fmt.Errorf("fetch openapi: %w", err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	sum := sha256.Sum256(body)
	contracts.Lock()
	defer contracts.Unlock()
	if c, ok := contracts.byDoc[sum]; ok {
		return c.router, c.doc, nil
	}
	doc, err := openapi3.NewLoader().LoadFromData(body)
	if err != nil {
		return nil, nil, fmt.Errorf("load openapi: %w", err)
	}
	r, err := legacy.NewRouter(doc)
	if err != nil {
		return nil, nil, fmt.Errorf("openapi router: %w", err)
	}
	if contracts.byDoc == nil {
		contracts.byDoc = map[[sha256.Size]byte]contract{}
	}
	contracts.byDoc[sum] = contract{router: r, doc: doc}
	return r, doc, nil
}

// Response is a finished request.
type Response struct {
	Status int
	Header http.Header
	Body   []byte
	Close  bool // the server closes the connection after this response
}

// JSON decodes the body into a generic map.
func (r *Response) JSON(t testing.TB) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(r.Body, &m); err != nil {
		t.Fatalf("response is not a JSON object (%d): %s", r.Status, r.Body)
	}
	return m
}

// Decode decodes the body into v.
func (r *Response) Decode(t testing.TB, v any) {
	t.Helper()
	if err := json.Unmarshal(r.Body, v); err != nil {
		t.Fatalf("decode response (%d): %v: %s", r.Status, err, r.Body)
	}
}

// ErrorCode returns error.code of a JSON error body, or "".
func (r *Response) ErrorCode() string {
	var body struct {
		Error struct {
			Code string `json:"code"`
		} `json:"error"`
	}
	_ = json.Unmarshal(r.Body, &body)
	return body.Error.Code
}

// clients counts the addresses ClientAddress has handed out.
var clients atomic.Uint64

// ClientAddress returns an IP address (IPv6, in the documentation prefix) in a /64 that no
// other call in this process returns, for a test to send as X-Forwarded-For: the rate-limit
// counts kept per client address (per /64 for IPv6) live in the package's database, which
// outlives each run of a test (go test -count).
func ClientAddress() string {
	n := clients.Add(1)
	return fmt.Sprintf("2001:db8:%x:%x::1", n>>16&0xffff, n&0xffff)
}

// Request describes a call; Body is marshalled to JSON unless it is already []byte or a string.
type Request struct {
	Method string
	Path   string
	Token  string
	Body   any
	Header map[string]string
}

// Do performs req and checks the response against the OpenAPI document: the route must be
// documented, and the status and body must be the documented ones.
func (e *Env) Do(req Request) *Response {
	e.T.Helper()
	var body io.Reader
	switch b := req.Body.(type) {
	case nil:
	case []byte:
		body = bytes.NewReader(b)
	case string:
		body = strings.NewReader(b)
	default:
		raw, err := json.Marshal(b)
		if err != nil {
			e.T.Fatalf("marshal request: %v", err)
		}
		body = bytes.NewReader(raw)
	}
	hr, err := http.NewRequest(req.Method, e.URL+req.Path, body)
	if err != nil {
		e.T.Fatalf("new request: %v", err)
	}
	if body != nil {
		hr.Header.Set("Content-Type", "application/json")
	}
	if req.Token != "" {
		hr.Header.Set("Authorization", "Bearer "+req.Token)
	}
	for k, v := range req.Header {
		hr.Header.Set(k, v)
	}
	resp, err := e.Client.Do(hr)
	if err != nil {
		e.T.Fatalf("%s %s: %v", req.Method, req.Path, err)
	}
	defer resp.Body.Close()
	out, _ := io.ReadAll(resp.Body)
	r := &Response{Status: resp.StatusCode, Header: resp.Header, Body: out, Close: resp.Close}
	e.checkContract(hr, r)
	return r
}

func (e *Env) checkContract(hr *http.Request, r *Response) {
	e.T.Helper()
	if r.Status == http.StatusNotFound && strings.Contains(string(r.Body), `"route_not_found"`) ||
		r.Status == http.StatusMethodNotAllowed {
		return // unknown routes have no operation to check against
	}
	if p := hr.URL.Path; !strings.HasPrefix(p, "/api/") && !strings.HasPrefix(p, "/.well-known/") {
		return // the web UI's pages and files are not part of the API
	}
	route, params, err := e.router.FindRoute(hr)
	if err != nil {
		e.T.Errorf("contract: %s %s is not in the OpenAPI document: %v", hr.Method, hr.URL.Path, err)
		return
	}
	in := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: &openapi3filter.RequestValidationInput{Request: hr, PathParams: params, Route: route},
		Status:                 r.Status,
		Header:                 r.Header,
		Options:                &openapi3filter.Options{IncludeResponseStatus: true},
	}
	in.SetBodyBytes(r.Body)
	if err := openapi3filter.ValidateResponse(context.Background(), in); err != nil {
		e.T.Errorf("contract: %s %s answered %d not as documented: %v\nbody: %.500s", hr.Method, hr.URL.Path, r.Status, err, r.Body)
	}
}
