package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"strconv"
	"sync/atomic"
	"time"

	"tandem/disciplines"
)

// Sim is a simulated cohort: its learners, their instructor and what they have achieved.
type Sim struct {
	ctx      context.Context
	cfg      Config
	catalog  *Catalog
	learners []*Learner
	runID    string
	acks     *AckLog
	budget   *Budget
	deadline time.Time // the current phase starts no request after this
	keep     int       // attempts per quiz the cohort phase leaves for the submit phase

	instructor *Learner
	cohortID   string

	acked     atomic.Int64 // submissions answered 2xx
	unacked   atomic.Int64 // submissions given up on without 2xx
	confirmed atomic.Int64 // submissions whose retry got 409 already_submitted: stored, never acknowledged
	passed    atomic.Int64
}

// Learner is one simulated learner and where they are in their track.
type Learner struct {
	N          int
	Email      string
	Discipline string
	Addr       string // X-Forwarded-For, when the run simulates distinct client addresses
	Access     string
	Refresh    string
	Track      *TrackInfo

	module, lesson int
	moduleRead     bool
	etags          map[string]string
	read           []string
	attempts       map[string]int
	passed         map[string]bool
	steps          int
	blockedUntil   time.Time
	rng            *rand.Rand
}

// learnerDisciplines alternates clinical and technical disciplines, so any run of learners mixes them.
var learnerDisciplines = []string{disciplines.Medicine, disciplines.ComputerScience, disciplines.Nursing,
	disciplines.DataScience, disciplines.AlliedHealth, disciplines.Engineering}

// NewSim prepares n learners on cat.
func NewSim(cfg Config, cat *Catalog, runID string, acks *AckLog, budget *Budget) *Sim {
	s := &Sim{cfg: cfg, catalog: cat, runID: runID, acks: acks, budget: budget}
	for i := 1; i <= cfg.Learners; i++ {
		d := learnerDisciplines[i%len(learnerDisciplines)]
		l := &Learner{N: i, Email: fmt.Sprintf("%s-%05d@load.tandem.test", cfg.Prefix, i), Discipline: d,
			Track: cat.Track(disciplines.Group(d)), etags: map[string]string{}, attempts: map[string]int{},
			passed: map[string]bool{}, rng: rand.New(rand.NewPCG(uint64(i), 0x6c6f6164))}
		if cfg.SpoofClients {
			l.Addr = fmt.Sprintf("10.%d.%d.%d", i>>16&255, i>>8&255, i&255)
		}
		s.learners = append(s.learners, l)
	}
	return s
}

// over reports whether the current phase must start no more requests.
func (s *Sim) over() bool {
	return time.Now().After(s.deadline) || s.budget.Spent() || s.ctx != nil && s.ctx.Err() != nil
}

// Counts are the submission outcomes so far.
type Counts map[string]int

func (s *Sim) counts() Counts {
	return Counts{"submissions_acknowledged": int(s.acked.Load()), "submissions_passed": int(s.passed.Load()),
		"submissions_unacknowledged": int(s.unacked.Load()), "submissions_409_after_retry": int(s.confirmed.Load())}
}

func (c Counts) minus(before Counts) map[string]int {
	out := map[string]int{}
	for k, v := range c {
		out[k] = v - before[k]
	}
	return out
}

// call sends a request as l, refreshing l's tokens once when the access token has expired.
func (s *Sim) call(c *Client, l *Learner, call Call) (*Response, error) {
	call.Token, call.ClientAddr = l.Access, l.Addr
	resp, err := c.Do(call)
	if err != nil || resp.Status != http.StatusUnauthorized || l.Refresh == "" {
		if err != nil && !errors.Is(err, ErrBudget) {
			time.Sleep(50 * time.Millisecond) // a dead server must not turn the loop into a spin
		}
		return resp, err
	}
	body, _ := json.Marshal(map[string]string{"refresh_token": l.Refresh})
	r, err := c.Do(Call{Route: "POST /api/v1/auth/refresh", Method: "POST", Path: "/api/v1/auth/refresh", Body: body, ClientAddr: l.Addr})
	if err != nil || r.Status != http.StatusOK || l.takeSession(r.Body) != nil {
		return resp, nil
	}
	call.Token = l.Access
	return c.Do(call)
}

func (l *Learner) takeSession(body []byte) error {
	var s struct {
		AccessToken  string `json:"access_token"`
		RefreshToken string `json:"refresh_token"`
	}
	if err := json.Unmarshal(body, &s); err != nil || s.AccessToken == "" {
		return fmt.Errorf("login answer without tokens: %.200s", body)
	}
	l.Access, l.Refresh = s.AccessToken, s.RefreshToken
	return nil
}

// block keeps l quiet until the Retry-After of a 429 has passed (at most a minute) and returns
// the Retry-After the server asked for.
func (l *Learner) block(resp *Response) time.Duration {
	secs, err := strconv.Atoi(resp.Header.Get("Retry-After"))
	if err != nil || secs < 1 {
		secs = 1
	}
	l.blockedUntil = time.Now().Add(time.Duration(min(secs, 60)) * time.Second)
	return time.Duration(secs) * time.Second
}

func errorCode(body []byte) string {
	var e struct {
		Error struct {
			Code string `json:"code"`
		} `json:"error"`
	}
	_ = json.Unmarshal(body, &e)
	return e.Error.Code
}

// SignIn registers l, or logs in when the account exists, and enrols l in its track. With
// LoginFirst it logs in first and registers only when the login is refused. 429s are waited
// out while the setup deadline allows.
func (s *Sim) SignIn(c *Client, l *Learner) error {
	reg, _ := json.Marshal(map[string]string{"email": l.Email, "password": s.cfg.Password,
		"name": fmt.Sprintf("Learner %d", l.N), "discipline": l.Discipline, "institution": fmt.Sprintf("University %d", l.N%20)})
	creds, _ := json.Marshal(map[string]string{"email": l.Email, "password": s.cfg.Password})
	register := Call{Route: "POST /api/v1/auth/register", Method: "POST", Path: "/api/v1/auth/register", Body: reg}
	login := Call{Route: "POST /api/v1/auth/login", Method: "POST", Path: "/api/v1/auth/login", Body: creds}
	loggedIn := func(r *Response) bool { return r.Status == http.StatusOK && l.takeSession(r.Body) == nil }
	signedIn := false
	if s.cfg.LoginFirst {
		r, err := s.attempt(c, l, login, func(r *Response) bool { return loggedIn(r) || r.Status == http.StatusUnauthorized })
		if err != nil {
			return err
		}
		signedIn = r.Status == http.StatusOK
	}
	if !signedIn {
		if _, err := s.attempt(c, l, register, func(r *Response) bool { return r.Status == http.StatusCreated || r.Status == http.StatusConflict }); err != nil {
			return err
		}
		if _, err := s.attempt(c, l, login, loggedIn); err != nil {
			return err
		}
	}
	enrol := Call{Route: "POST /api/v1/tracks/:track/enrol", Method: "POST", Path: "/api/v1/tracks/" + l.Track.Slug + "/enrol"}
	_, err := s.attempt(c, l, enrol, func(r *Response) bool { return r.Status == http.StatusOK || r.Status == http.StatusCreated })
	return err
}

// attempt sends call as l until ok accepts the answer, retrying after 5xx, no answer and 429s
// whose Retry-After is under a minute; any other answer is an error.
func (s *Sim) attempt(c *Client, l *Learner, call Call, ok func(*Response) bool) (*Response, error) {
	for {
		if s.over() {
			return nil, errors.New("setup deadline or request budget reached")
		}
		resp, err := s.call(c, l, call)
		switch {
		case errors.Is(err, ErrBudget):
			return nil, err
		case err == nil && ok(resp):
			return resp, nil
		case err == nil && resp.Status == http.StatusTooManyRequests:
			if wait := l.block(resp); wait > time.Minute {
				return nil, fmt.Errorf("%s for %s: 429, retry after %s", call.Route, l.Email, wait)
			}
			time.Sleep(time.Until(l.blockedUntil))
		case err == nil && resp.Status < 500:
			return nil, fmt.Errorf("%s for %s: %d %.200s", call.Route, l.Email, resp.Status, resp.Body)
		default:
			time.Sleep(200 * time.Millisecond) // 5xx or no answer: retry like a browser would
		}
	}
}
