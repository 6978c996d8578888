package main

import (
	"net/http"
	"time"
)

// Route templates the learners and the instructor use.
const (
	routeLesson    = "GET /api/v1/lessons/:lesson"
	routeModule    = "GET /api/v1/modules/:module"
	routeComplete  = "POST /api/v1/lessons/:lesson/complete"
	routeProgress  = "GET /api/v1/me/progress"
	routeStart     = "POST /api/v1/quizzes/:quiz/attempts"
	routeSubmit    = "POST /api/v1/attempts/:id/submit"
	routeDashboard = "GET /api/v1/cohorts/:id/progress"
	routeDashCSV   = "GET /api/v1/cohorts/:id/progress?format=csv"
)

// Step moves l one step along its track, as a learner clicking through the course would: open
// the module, read each lesson and mark it complete, take the quiz until passed or out of
// attempts (keeping s.keep of them for the submit phase), then the next module. Now and then l re-reads a lesson (the browser revalidates
// its copy with If-None-Match) or looks at its progress. A step that fails is tried again at
// l's next turn, because l's place only moves on success.
func (s *Sim) Step(c *Client, l *Learner) {
	l.steps++
	switch {
	case l.steps%8 == 0:
		s.call(c, l, Call{Route: routeProgress, Method: "GET", Path: "/api/v1/me/progress"})
	case len(l.read) > 0 && l.rng.Float64() < s.cfg.Reread:
		s.readLesson(c, l, l.read[l.rng.IntN(len(l.read))])
	default:
		s.advance(c, l)
	}
}

func (s *Sim) advance(c *Client, l *Learner) {
	for l.module < len(l.Track.Modules) {
		m := l.Track.Modules[l.module]
		switch {
		case !l.moduleRead:
			if r, err := s.call(c, l, Call{Route: routeModule, Method: "GET", Path: "/api/v1/modules/" + m.Slug}); err == nil && r.Status == http.StatusOK {
				l.moduleRead = true
			}
			return
		case l.lesson < len(m.Lessons):
			slug := m.Lessons[l.lesson]
			if !s.readLesson(c, l, slug) {
				return
			}
			r, err := s.call(c, l, Call{Route: routeComplete, Method: "POST", Path: "/api/v1/lessons/" + slug + "/complete"})
			if err == nil && r.Status == http.StatusOK {
				l.lesson++
			}
			return
		case m.Quiz != nil && !l.passed[m.Quiz.Slug] && l.attempts[m.Quiz.Slug] < attemptsAllowed(m.Quiz)-s.keep:
			if v := s.StartAttempt(c, l, m.Quiz); v != nil {
				s.Submit(c, l, v)
			}
			return
		}
		l.module, l.lesson, l.moduleRead = l.module+1, 0, false
	}
	// The track is done: review a lesson, or look at the progress page.
	if len(l.read) > 0 {
		s.readLesson(c, l, l.read[l.rng.IntN(len(l.read))])
		return
	}
	s.call(c, l, Call{Route: routeProgress, Method: "GET", Path: "/api/v1/me/progress"})
}

// attemptsAllowed caps unlimited quizzes at three attempts, as a learner would give up.
func attemptsAllowed(q *QuizInfo) int {
	if q.MaxAttempts <= 0 {
		return 3
	}
	return q.MaxAttempts
}

// readLesson reads a lesson like a browser: a lesson read before is revalidated with its ETag.
func (s *Sim) readLesson(c *Client, l *Learner, slug string) bool {
	call := Call{Route: routeLesson, Method: "GET", Path: "/api/v1/lessons/" + slug}
	etag, seen := l.etags[slug]
	if seen {
		call.Header = map[string]string{"If-None-Match": etag}
	}
	r, err := s.call(c, l, call)
	switch {
	case err != nil:
		return false
	case r.Status == http.StatusOK:
		if !seen {
			l.read = append(l.read, slug)
		}
		l.etags[slug] = r.Header.Get("ETag")
		return true
	}
	return r.Status == http.StatusNotModified
}

// Dashboard is the instructor's loop: read the cohort's progress every DashEvery (every fifth
// time as CSV) until the phase ends.
func (s *Sim) Dashboard(c *Client) {
	for n := 1; !s.over(); n++ {
		route, path := routeDashboard, "/api/v1/cohorts/"+s.cohortID+"/progress"
		if n%5 == 0 {
			route, path = routeDashCSV, path+"?format=csv"
		}
		s.call(c, s.instructor, Call{Route: route, Method: "GET", Path: path})
		wait := time.Until(s.deadline)
		if wait > s.cfg.DashEvery {
			wait = s.cfg.DashEvery
		}
		time.Sleep(wait)
	}
}
