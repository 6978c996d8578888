package xapi

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"
	"unicode"
)

// requestTimeout bounds one request to the LRS.
const requestTimeout = 30 * time.Second

// lrs is the statements resource of a Learning Record Store.
type lrs struct {
	endpoint string
	username string
	password string
	client   *http.Client
}

// answer is an LRS's reply: its status and the start of its body.
type answer struct {
	status int
	body   []byte
}

// stored reports whether the LRS stored what was sent.
func (a answer) stored() bool { return a.status/100 == 2 }

// refused reports whether the LRS refused the statements themselves (xAPI Communication 2.1.2
// and 3.2: a batch is refused whole when any of its statements is), as opposed to refusing the
// request for reasons an operator or time must fix.
func (a answer) refused() bool {
	switch a.status {
	case http.StatusBadRequest, http.StatusConflict, http.StatusRequestEntityTooLarge, http.StatusUnprocessableEntity:
		return true
	}
	return false
}

// excerpt is the start of the body as text that any database stores: valid UTF-8, without
// control characters, at most 500 bytes.
func (a answer) excerpt() string {
	s := strings.ToValidUTF8(string(a.body), "\uFFFD")
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, s)
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > 500 {
		s = strings.ToValidUTF8(s[:500], "") // drops a rune cut in half
	}
	return s
}

// lrsError is an answer that leaves statements waiting: the LRS is down or overloaded, or it
// refuses Tandem's credentials or endpoint, which an operator must fix.
type lrsError struct {
	Status int
	Body   string
}

func (e *lrsError) Error() string { return fmt.Sprintf("the LRS answered %d: %s", e.Status, e.Body) }

// operatorProblem reports whether an operator must act (credentials, permissions, endpoint)
// rather than wait for the LRS to recover.
func (e *lrsError) operatorProblem() bool {
	return e.Status/100 == 4 && e.Status != http.StatusRequestTimeout && e.Status != http.StatusTooManyRequests
}

func (a answer) err() error { return &lrsError{Status: a.status, Body: a.excerpt()} }

// post sends statements (JSON objects) as one batch.
func (l *lrs) post(ctx context.Context, statements ...string) (answer, error) {
	body := "[" + strings.Join(statements, ",") + "]"
	return l.do(ctx, http.MethodPost, l.endpoint, strings.NewReader(body))
}

// statement fetches the statement the LRS holds under id.
func (l *lrs) statement(ctx context.Context, id string) (answer, error) {
	u, err := url.Parse(l.endpoint)
	if err != nil {
		return answer{}, err
	}
	q := u.Query()
	q.Set("statementId", id)
	u.RawQuery = q.Encode()
	return l.do(ctx, http.MethodGet, u.String(), nil)
}

func (l *lrs) do(ctx context.Context, method, target string, body io.Reader) (answer, error) {
	ctx, cancel := context.WithTimeout(ctx, requestTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, method, target, body)
	if err != nil {
		return answer{}, err
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	req.Header.Set("Accept", "application/json")
	req.Header.Set("X-Experience-API-Version", HeaderVersion)
	if l.username != "" {
		req.SetBasicAuth(l.username, l.password)
	}
	resp, err := l.client.Do(req)
	if err != nil {
		return answer{}, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return answer{}, err
	}
	return answer{status: resp.StatusCode, body: bytes.TrimSpace(b)}, nil
}

// statementID reads the id of a stored statement.
func statementID(statement string) string {
	var s struct {
		ID string `json:"id"`
	}
	_ = json.Unmarshal([]byte(statement), &s)
	return s.ID
}
