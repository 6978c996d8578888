package main

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"strings"
	"sync/atomic"
	"syscall"
	"time"
)

// RequestTimeout bounds one request, so a run always ends even against a stuck server.
const RequestTimeout = 30 * time.Second

// Budget is the number of requests a phase may still send; a negative start means no bound.
type Budget struct{ left atomic.Int64 }

// NewBudget returns a budget of n requests, or an unbounded one when n <= 0.
func NewBudget(n int64) *Budget {
	b := &Budget{}
	b.Refill(n)
	return b
}

// Refill gives the budget n requests again (no bound when n <= 0). Each phase starts with a
// full budget, so a fast early phase never leaves a later one without requests.
func (b *Budget) Refill(n int64) {
	if n <= 0 {
		n = -1
	}
	b.left.Store(n)
}

// Take spends one request and reports whether one was left.
func (b *Budget) Take() bool {
	for {
		n := b.left.Load()
		if n < 0 {
			return true
		}
		if n == 0 {
			return false
		}
		if b.left.CompareAndSwap(n, n-1) {
			return true
		}
	}
}

// Spent reports whether no request is left.
func (b *Budget) Spent() bool { return b.left.Load() == 0 }

// ErrBudget says the phase's request budget is spent.
var ErrBudget = errors.New("request budget spent")

// NewHTTPClient returns a keep-alive client that holds up to conns idle connections, like a
// fleet of browsers each keeping its connection open.
func NewHTTPClient(conns int) *http.Client {
	tr := &http.Transport{
		Proxy:               nil,
		DialContext:         (&net.Dialer{Timeout: 5 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
		MaxIdleConns:        conns + 16,
		MaxIdleConnsPerHost: conns + 16,
		IdleConnTimeout:     90 * time.Second,
		DisableCompression:  true,
		ForceAttemptHTTP2:   false,
	}
	return &http.Client{Transport: tr, Timeout: RequestTimeout,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

// Client sends requests for one worker and records each outcome under its route template.
type Client struct {
	HTTP   *http.Client
	Base   string
	Rec    *Recorder
	Budget *Budget
}

// Call is one request. Route is the template it is reported under, e.g.
// "GET /api/v1/lessons/:lesson"; ClientAddr, when set, is sent as X-Forwarded-For.
type Call struct {
	Route      string
	Method     string
	Path       string
	Token      string
	Body       []byte
	Header     map[string]string
	ClientAddr string
}

// Response is a finished request.
type Response struct {
	Status int
	Header http.Header
	Body   []byte
}

// Do sends call and records its latency and status, or the kind of transport failure.
func (c *Client) Do(call Call) (*Response, error) {
	if c.Budget != nil && !c.Budget.Take() {
		return nil, ErrBudget
	}
	var body io.Reader
	if call.Body != nil {
		body = bytes.NewReader(call.Body)
	}
	ctx, cancel := context.WithTimeout(context.Background(), RequestTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, call.Method, c.Base+call.Path, body)
	if err != nil {
		return nil, err
	}
	if call.Body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	req.Header.Set("Accept", "application/json")
	if call.Token != "" {
		req.Header.Set("Authorization", "Bearer "+call.Token)
	}
	if call.ClientAddr != "" {
		req.Header.Set("X-Forwarded-For", call.ClientAddr)
	}
	for k, v := range call.Header {
		req.Header.Set(k, v)
	}
	start := time.Now()
	resp, err := c.HTTP.Do(req)
	if err != nil {
		c.Rec.Failure(call.Route, failureKind(err))
		return nil, err
	}
	out, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	elapsed := time.Since(start)
	if err != nil {
		c.Rec.Failure(call.Route, failureKind(err))
		return nil, err
	}
	c.Rec.Response(call.Route, resp.StatusCode, elapsed)
	return &Response{Status: resp.StatusCode, Header: resp.Header, Body: out}, nil
}

// failureKind names why a request got no response, for the error table.
func failureKind(err error) string {
	msg := err.Error()
	switch {
	case errors.Is(err, syscall.ECONNREFUSED):
		return "connection_refused"
	case errors.Is(err, syscall.ECONNRESET):
		return "connection_reset"
	case errors.Is(err, context.DeadlineExceeded), strings.Contains(msg, "Client.Timeout"):
		return "timeout"
	case strings.Contains(msg, "server closed idle connection"):
		return "closed_idle_connection"
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return "eof"
	}
	return "other"
}
