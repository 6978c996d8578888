package xapi_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync"
	"testing"

	"tandem/testenv"
)

// Faults an lrsProxy plays instead of passing a request on.
const (
	hang       = -1 // hold the request until the client gives up
	loseAnswer = -2 // pass the request on, then drop the connection: the LRS stored it, Tandem never hears so
)

// lrsProxy stands on loopback in front of the real LRS and plays the faults of a real network
// and of other LRSs: answers it gives instead of the LRS, held requests, lost answers, and an
// LRS that answers 409 to an identical resend (xAPI allows 409 or 204). It counts the
// statements the LRS stored through it.
type lrsProxy struct {
	t      testing.TB
	target string
	srv    *httptest.Server

	mu               sync.Mutex
	faults           []int
	hold             chan struct{}
	stored           map[string]int
	auth             string
	conflictOnResend bool
}

func newLRSProxy(t testing.TB, lrs *testenv.LRS, faults ...int) *lrsProxy {
	p := &lrsProxy{t: t, target: lrs.Endpoint, faults: faults, stored: map[string]int{}}
	p.srv = httptest.NewServer(p)
	t.Cleanup(p.srv.Close)
	return p
}

// Endpoint is the statements resource as Tandem sees it.
func (p *lrsProxy) Endpoint() string { return p.srv.URL + "/xAPI/statements" }

func (p *lrsProxy) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if p.hold != nil {
		<-p.hold
	}
	body, _ := io.ReadAll(r.Body)
	ids := statementIDs(body)
	p.mu.Lock()
	p.auth = r.Header.Get("Authorization") + " " + r.Header.Get("X-Experience-API-Version")
	fault := 0
	if len(p.faults) > 0 {
		fault, p.faults = p.faults[0], p.faults[1:]
	}
	resend := false
	for _, id := range ids {
		resend = resend || p.stored[id] > 0
	}
	p.mu.Unlock()
	switch {
	case fault > 0:
		http.Error(w, "injected by the test", fault)
		return
	case fault == hang:
		<-r.Context().Done()
		return
	case r.Method == http.MethodPost && resend && p.conflictOnResend:
		http.Error(w, `{"message":"statement id already stored"}`, http.StatusConflict)
		return
	}
	status, header, answer := p.pass(r, body)
	if r.Method == http.MethodPost && status/100 == 2 {
		p.mu.Lock()
		for _, id := range ids {
			p.stored[id]++
		}
		p.mu.Unlock()
	}
	if fault == loseAnswer {
		conn, _, err := http.NewResponseController(w).Hijack()
		if err == nil {
			_ = conn.Close()
		}
		return
	}
	for k, v := range header {
		w.Header()[k] = v
	}
	w.WriteHeader(status)
	_, _ = w.Write(answer)
}

// pass sends the request on to the LRS and returns its answer.
func (p *lrsProxy) pass(r *http.Request, body []byte) (int, http.Header, []byte) {
	u, _ := url.Parse(p.target)
	u.RawQuery = r.URL.RawQuery
	req, err := http.NewRequest(r.Method, u.String(), bytes.NewReader(body))
	if err != nil {
		p.t.Errorf("proxy: %v", err)
		return http.StatusBadGateway, nil, nil
	}
	req.Header = r.Header.Clone()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return http.StatusBadGateway, nil, []byte(err.Error())
	}
	defer resp.Body.Close()
	answer, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header, answer
}

// statementIDs reads the ids of the statements in a POST body (one statement or a batch).
func statementIDs(body []byte) []string {
	var batch []struct {
		ID string `json:"id"`
	}
	if json.Unmarshal(body, &batch) != nil {
		var one struct {
			ID string `json:"id"`
		}
		if json.Unmarshal(body, &one) != nil || one.ID == "" {
			return nil
		}
		return []string{one.ID}
	}
	ids := make([]string, 0, len(batch))
	for _, s := range batch {
		ids = append(ids, s.ID)
	}
	return ids
}

// storedCounts returns how often the LRS stored each statement id through the proxy.
func (p *lrsProxy) storedCounts() map[string]int {
	p.mu.Lock()
	defer p.mu.Unlock()
	out := make(map[string]int, len(p.stored))
	for k, v := range p.stored {
		out[k] = v
	}
	return out
}
