package main

import (
	"fmt"
	"os"
	"sync/atomic"
	"time"
)

// catalogue reads the served catalogue once per run.
func (r *Runner) catalogue() (*Catalog, error) {
	c := &Client{HTTP: r.http, Base: r.cfg.Target, Rec: NewRecorder()}
	return DiscoverCatalog(c)
}

// runCohort signs the learners in, then runs the cohort phase, the submit phase, or both.
func (r *Runner) runCohort(cohort, submit bool) error {
	sim, err := r.setUp()
	if err != nil {
		return err
	}
	if cohort {
		r.cohortPhase(sim)
	}
	if submit {
		r.submitPhases(sim)
	}
	return nil
}

// setUp discovers the catalogue, creates the instructor if needed, signs every learner in and
// enrols them, and has the instructor create the cohort and add them.
func (r *Runner) setUp() (*Sim, error) {
	cat, err := r.catalogue()
	if err != nil {
		return nil, err
	}
	sim := NewSim(r.cfg, cat, r.runID, r.acks, r.budget)
	sim.ctx = r.ctx
	email := r.cfg.InstructorEmail
	if email == "" {
		email = "load-instructor@load.tandem.test"
		env, err := r.serverEnv()
		if err != nil {
			return nil, err
		}
		bin, err := r.binary()
		if err != nil {
			return nil, err
		}
		r.logf("creating instructor %s with `tandem user create`", email)
		if err := CreateInstructor(bin, env, email, r.cfg.InstructorPassword); err != nil {
			return nil, err
		}
	}
	sim.instructor = &Learner{Email: email}
	if r.cfg.SpoofClients {
		sim.instructor.Addr = "10.255.255.254"
	}
	sim.deadline = time.Now().Add(r.cfg.SetupTimeout)
	workers := min(r.cfg.Concurrency, len(sim.learners))
	var failed atomic.Int64
	var firstErr atomic.Value
	p := r.Phase("setup", r.cfg.Target, workers, func(w int, c *Client) {
		for i := w; i < len(sim.learners); i += workers {
			if err := sim.SignIn(c, sim.learners[i]); err != nil {
				failed.Add(1)
				firstErr.CompareAndSwap(nil, err.Error())
			}
		}
	})
	p.Counts = map[string]int{"learners_signed_in": len(sim.learners) - int(failed.Load()), "learners_failed": int(failed.Load())}
	if failed.Load() > 0 {
		r.report.Notes = append(r.report.Notes, fmt.Sprintf("%d learners could not sign in; first error: %v", failed.Load(), firstErr.Load()))
	}
	if failed.Load() == int64(len(sim.learners)) {
		return nil, fmt.Errorf("no learner could sign in: %v", firstErr.Load())
	}
	var cohortErr error
	r.Phase("cohort-setup", r.cfg.Target, 1, func(_ int, c *Client) { cohortErr = sim.SetUpCohort(c) })
	if cohortErr != nil {
		r.report.Notes = append(r.report.Notes, "no cohort dashboard in this run: "+cohortErr.Error())
		fmt.Fprintln(os.Stderr, "tandem-load: cohort setup:", cohortErr)
	}
	return sim, nil
}

// active returns the learners who signed in.
func (s *Sim) active() []*Learner {
	var out []*Learner
	for _, l := range s.learners {
		if l.Access != "" {
			out = append(out, l)
		}
	}
	return out
}

// cohortPhase runs the learners' journeys and the instructor's dashboard for cfg.Duration.
func (r *Runner) cohortPhase(sim *Sim) *Phase {
	active := sim.active()
	workers := min(r.cfg.Concurrency, len(active))
	r.vacuum("the cohort phase")
	before := sim.counts()
	sim.deadline = time.Now().Add(r.cfg.Duration)
	p := r.Phase("cohort", r.cfg.Target, workers+1, func(w int, c *Client) {
		if w == workers {
			if sim.cohortID != "" {
				sim.Dashboard(c)
			}
			return
		}
		for !sim.over() {
			stepped := false
			for i := w; i < len(active) && !sim.over(); i += workers {
				l := active[i]
				if time.Now().Before(l.blockedUntil) {
					continue
				}
				sim.Step(c, l)
				stepped = true
				if r.cfg.Think > 0 {
					time.Sleep(r.cfg.Think)
				}
			}
			if !stepped {
				time.Sleep(50 * time.Millisecond)
			}
		}
	})
	p.Counts = sim.counts().minus(before)
	return p
}

// runPairs signs the learners in, then runs the quiz-pairs phase alone.
func (r *Runner) runPairs() error {
	sim, err := r.setUp()
	if err != nil {
		return err
	}
	r.pairsPhase(sim)
	return nil
}

// pairsPhase is the quiz path whole: every worker goes through its share of learners quiz by
// quiz, starting an attempt and submitting it at once, leaving each quiz's last attempt for the
// submit phase. It ends when the first worker runs out of attempts or after SubmitDuration; a
// pair counts when its submission is acknowledged.
func (r *Runner) pairsPhase(sim *Sim) *Phase {
	active := sim.active()
	workers := min(r.cfg.Concurrency, len(active))
	r.vacuum("the quiz-pairs phase")
	before := sim.counts()
	var ran atomic.Bool
	sim.deadline = time.Now().Add(r.cfg.SubmitDuration)
	p := r.Phase("quiz-pairs", r.cfg.Target, workers, func(w int, c *Client) {
		defer ran.Store(true) // the first worker out of work ends the phase for all
		for i := w; i < len(active); i += workers {
			l := active[i]
			for _, q := range l.Track.Quizzes() {
				if sim.over() || ran.Load() {
					return
				}
				if l.attempts[q.Slug] >= attemptsAllowed(q)-1 || time.Now().Before(l.blockedUntil) {
					continue
				}
				if v := sim.StartAttempt(c, l, q); v != nil {
					sim.Submit(c, l, v)
				}
			}
		}
	})
	p.Counts = sim.counts().minus(before)
	return p
}

// submitPhases starts attempts for the learners first (submit-prepare), then only submits
// them (submit) at full concurrency: the phase ends when the first worker runs out of attempts
// or after SubmitDuration, so every second of it has every worker submitting.
func (r *Runner) submitPhases(sim *Sim) *Phase {
	active := sim.active()
	workers := min(r.cfg.Concurrency, len(active))
	perWorker := max(r.cfg.SubmitAttempts/workers, 1)
	pending := make([][]pendingAttempt, workers)
	r.vacuum("the submit-prepare phase")
	sim.deadline = time.Now().Add(r.cfg.SetupTimeout)
	prep := r.Phase("submit-prepare", r.cfg.Target, workers, func(w int, c *Client) {
		pending[w] = sim.Prepare(c, active, w, workers, perWorker)
	})
	n := 0
	for _, p := range pending {
		n += len(p)
	}
	prep.Counts = map[string]int{"attempts_started": n}
	r.vacuum("the submit phase")
	before := sim.counts()
	var ran atomic.Bool
	sim.deadline = time.Now().Add(r.cfg.SubmitDuration)
	p := r.Phase("submit", r.cfg.Target, workers, func(w int, c *Client) {
		for _, pa := range pending[w] {
			if sim.over() || ran.Load() {
				return
			}
			sim.Submit(c, pa.learner, pa.view)
		}
		ran.Store(true) // the first worker out of work ends the phase for all
	})
	p.Counts = sim.counts().minus(before)
	return p
}

type pendingAttempt struct {
	learner *Learner
	view    *AttemptView
}

// Prepare starts up to limit attempts for worker w's share of learners, quiz by quiz so that
// every learner gets some.
func (s *Sim) Prepare(c *Client, learners []*Learner, w, workers, limit int) []pendingAttempt {
	var out []pendingAttempt
	for round := 0; round < 3; round++ {
		for q := 0; ; q++ {
			any := false
			for i := w; i < len(learners); i += workers {
				l := learners[i]
				if len(out) >= limit || s.over() {
					return out
				}
				quizzes := l.Track.Quizzes()
				if q >= len(quizzes) {
					continue
				}
				any = true
				qz := quizzes[q]
				if l.attempts[qz.Slug] > round || l.attempts[qz.Slug] >= attemptsAllowed(qz) || time.Now().Before(l.blockedUntil) {
					continue
				}
				if v := s.StartAttempt(c, l, qz); v != nil {
					out = append(out, pendingAttempt{l, v})
				}
			}
			if !any {
				break
			}
		}
	}
	return out
}

// Quizzes lists the track's quizzes in order.
func (t *TrackInfo) Quizzes() []*QuizInfo {
	var out []*QuizInfo
	for _, m := range t.Modules {
		if m.Quiz != nil {
			out = append(out, m.Quiz)
		}
	}
	return out
}
