package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"time"
)

// retryable says whether a client should try a request again: no answer, a server error, or
// the server still handling the first request with the same Idempotency-Key.
func retryable(r *Response, err error) bool {
	if errors.Is(err, ErrBudget) {
		return false
	}
	return err != nil || r.Status >= 500 || r.Status == http.StatusConflict && errorCode(r.Body) == "request_in_progress"
}

// backoffs are the pauses before each retry: about 8 s in all, longer than a database restart.
var backoffs = []time.Duration{250 * time.Millisecond, 500 * time.Millisecond, time.Second, 2 * time.Second, 4 * time.Second}

// StartAttempt starts l's next attempt at q and returns it, or nil. A retry carries the same
// Idempotency-Key, so it can never start a second attempt.
func (s *Sim) StartAttempt(c *Client, l *Learner, q *QuizInfo) *AttemptView {
	call := Call{Route: routeStart, Method: "POST", Path: "/api/v1/quizzes/" + q.Slug + "/attempts"}
	if s.cfg.Idempotency {
		call.Header = map[string]string{"Idempotency-Key": fmt.Sprintf("start-%s-%d-%s-%d", s.runID, l.N, q.Slug, l.attempts[q.Slug]+1)}
	}
	for try := 0; ; try++ {
		r, err := s.call(c, l, call)
		if retryable(r, err) && try < len(backoffs) {
			time.Sleep(backoffs[try])
			continue
		}
		switch {
		case err != nil:
			return nil
		case r.Status == http.StatusCreated:
			var v AttemptView
			if json.Unmarshal(r.Body, &v) != nil || v.ID == "" {
				return nil
			}
			l.attempts[q.Slug]++
			return &v
		case r.Status == http.StatusConflict && errorCode(r.Body) == "max_attempts_reached":
			l.attempts[q.Slug] = attemptsAllowed(q)
		case r.Status == http.StatusTooManyRequests:
			l.block(r)
		}
		return nil
	}
}

// Submit answers v plausibly and submits it, retrying after no answer or a 5xx with the same
// body and Idempotency-Key. Every 2xx goes to the acknowledgement log; so does every attempt
// given up on, with its last outcome.
func (s *Sim) Submit(c *Client, l *Learner, v *AttemptView) bool {
	body, _ := json.Marshal(map[string]any{"answers": Answers(v.Questions, l.rng, 0.05)})
	call := Call{Route: routeSubmit, Method: "POST", Path: "/api/v1/attempts/" + v.ID + "/submit", Body: body}
	if s.cfg.Idempotency {
		call.Header = map[string]string{"Idempotency-Key": "submit-" + s.runID + "-" + v.ID}
	}
	outcome := "not_sent"
	retried := false
	for try := 0; ; try++ {
		r, err := s.call(c, l, call)
		if retryable(r, err) && try < len(backoffs) {
			retried = true
			time.Sleep(backoffs[try])
			continue
		}
		switch {
		case errors.Is(err, ErrBudget):
		case err != nil:
			outcome = "no_answer:" + failureKind(err)
		case r.Status >= 200 && r.Status < 300:
			var res struct {
				Passed bool `json:"passed"`
			}
			_ = json.Unmarshal(r.Body, &res)
			s.acks.Acked(v.ID)
			s.acked.Add(1)
			if res.Passed {
				s.passed.Add(1)
				l.passed[v.Quiz] = true
			}
			return true
		case r.Status == http.StatusConflict && errorCode(r.Body) == "already_submitted" && retried:
			s.confirmed.Add(1)
			outcome = "409_already_submitted_after_retry"
		default:
			outcome = strconv.Itoa(r.Status) + ":" + errorCode(r.Body)
		}
		s.acks.Unacked(v.ID, outcome)
		s.unacked.Add(1)
		return false
	}
}
