package main

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/url"
	"os/exec"
	"strings"
	"sync/atomic"
	"time"

	"tandem/auth"
	"tandem/cmd/tandem-load/machine"
)

// Routes the instructors read in the scale mode: a page of the cohort dashboard, a search.
const (
	routeDashPage   = "GET /api/v1/cohorts/:id/progress?page="
	routeDashSearch = "GET /api/v1/cohorts/:id/progress?q="
)

// dashboardPerPage is the dashboard's default page size, which the instructors page through.
const dashboardPerPage = 100

// runScale starts the servers, seeds the cohort, signs the active learners and the
// instructors in, and runs them against the servers for cfg.Duration.
func (r *Runner) runScale() error {
	f, err := r.startFleet()
	if err != nil {
		return err
	}
	defer r.stopFleet(f)
	r.cpuPID = -1 // CPU per request would be one server's of several; each process's total is reported instead
	r.sampler = machine.NewSampler(0)
	r.cfg.Target, r.report.Target = f.servers[0].URL, strings.Join(f.URLs(), " ")
	if r.cfg.RunID == "" {
		r.cfg.RunID = r.runID
	}
	seed, err := r.prepareSeed()
	if err != nil {
		return err
	}
	r.logf("seeding %d learners and %d instructors (run %s)", seed.Learners, seed.Instructors, seed.RunID)
	if r.report.Seed, err = SeedCohort(r.ctx, r.cfg.DB, seed); err != nil {
		return err
	}
	r.logf("seeded in %.1f s: %s", r.report.Seed.Seconds, countsText(r.report.Seed.Rows))
	if !r.report.Seed.Reused {
		// The records went in behind the dashboards' summary tables.
		if r.report.Seed.SummariseSeconds, err = r.rebuildSummaries(); err != nil {
			return err
		}
		r.logf("summarised in %.1f s", r.report.Seed.SummariseSeconds)
	}
	cfg := r.cfg
	cfg.Learners, cfg.Prefix = cfg.Active, seed.Prefix()
	sim := NewSim(cfg, seed.Catalog, r.runID, r.acks, r.budget)
	sim.ctx = r.ctx
	for _, l := range sim.learners {
		seed.Place(l)
	}
	instructors := seed.instructors(r.cfg.Instructors, r.cfg.SpoofClients)
	bases := f.URLs()
	if err := r.signInPhase(sim, append(sim.learners[:len(sim.learners):len(sim.learners)], instructors...), bases); err != nil {
		return err
	}
	r.activePhase(sim, instructors, bases, seed)
	return nil
}

// instructors are the first n seeded instructors, each with its own client address when
// spoof is set.
func (s *Seed) instructors(n int, spoof bool) []*Learner {
	out := make([]*Learner, n)
	for i := range out {
		out[i] = &Learner{N: i + 1, Email: s.InstructorEmail(i + 1), rng: rand.New(rand.NewPCG(uint64(i), 0x64617368))}
		if spoof {
			out[i].Addr = fmt.Sprintf("10.255.254.%d", i%250+1)
		}
	}
	return out
}

// prepareSeed reads the catalogue and the exercises from the first server and hashes the
// learners' password once, with the argon2id parameters the flags give.
func (r *Runner) prepareSeed() (*Seed, error) {
	cat, err := r.catalogue()
	if err != nil {
		return nil, err
	}
	var exercises struct {
		Items []struct {
			Slug string `json:"slug"`
		} `json:"items"`
	}
	c := &Client{HTTP: r.http, Base: r.cfg.Target, Rec: NewRecorder()}
	if err := getJSON(c, "GET /api/v1/exercises", "/api/v1/exercises", &exercises); err != nil {
		return nil, err
	}
	s := &Seed{RunID: r.cfg.RunID, Learners: r.cfg.Learners, Instructors: r.cfg.Instructors, Catalog: cat}
	for _, x := range exercises.Items[:min(2, len(exercises.Items))] {
		s.Exercises = append(s.Exercises, x.Slug)
	}
	h := auth.Hasher{MemoryKiB: r.cfg.SeedArgon2KiB, Time: r.cfg.SeedArgon2Time, Threads: 1}
	if s.PasswordHash, err = h.Hash(r.cfg.Password); err != nil {
		return nil, err
	}
	return s, nil
}

// signInPhase logs every learner and instructor in with their password, spread round robin
// over the servers, before the timed phase.
func (r *Runner) signInPhase(sim *Sim, people []*Learner, bases []string) error {
	workers := min(r.cfg.Concurrency, len(people))
	var failed atomic.Int64
	var firstErr atomic.Value
	sim.deadline = time.Now().Add(r.cfg.SetupTimeout)
	p := r.Phase("sign-in", bases[0], workers, func(w int, c *Client) {
		c.Base = bases[w%len(bases)]
		for i := w; i < len(people); i += workers {
			l := people[i]
			body, _ := json.Marshal(map[string]string{"email": l.Email, "password": r.cfg.Password})
			login := Call{Route: "POST /api/v1/auth/login", Method: "POST", Path: "/api/v1/auth/login", Body: body}
			if _, err := sim.attempt(c, l, login, func(resp *Response) bool { return resp.Status == http.StatusOK && l.takeSession(resp.Body) == nil }); err != nil {
				failed.Add(1)
				firstErr.CompareAndSwap(nil, err.Error())
			}
		}
	})
	p.Counts = map[string]int{"signed_in": len(people) - int(failed.Load()), "failed": int(failed.Load())}
	if failed.Load() > 0 {
		r.report.Notes = append(r.report.Notes, fmt.Sprintf("%d learners or instructors could not sign in; first error: %v", failed.Load(), firstErr.Load()))
	}
	if failed.Load() == int64(len(people)) {
		return fmt.Errorf("no one could sign in: %v", firstErr.Load())
	}
	return nil
}

// activePhase runs the learners and the instructors for cfg.Duration. Each of a bounded pool
// of workers acts for its share of the learners, on one server (worker w on server w mod n):
// every learner steps along its track, then thinks for about cfg.Think (half to one and a
// half times) before its next step; a worker with no learner due waits for the next one.
// Each instructor has a worker of its own, reading a random page of the dashboard or, every
// fourth time, searching it for a learner by name, every cfg.DashEvery.
func (r *Runner) activePhase(sim *Sim, instructors []*Learner, bases []string, seed *Seed) *Phase {
	var learners []*Learner
	for _, l := range sim.learners {
		if l.Access != "" {
			learners = append(learners, l)
		}
	}
	workers := min(r.cfg.Concurrency, len(learners))
	var steps, acted atomic.Int64
	served := make([]atomic.Int64, len(bases))
	before := sim.counts()
	sim.deadline = time.Now().Add(r.cfg.Duration)
	p := r.Phase("active", bases[0], workers+len(instructors), func(w int, c *Client) {
		c.Base = bases[w%len(bases)]
		defer func() { served[w%len(bases)].Add(int64(c.Rec.sent())) }()
		if w >= workers {
			if in := instructors[w-workers]; in.Access != "" {
				sim.pageDashboard(c, in, seed.CohortID(), seed.Learners)
			}
			return
		}
		var mine []*Learner
		for i := w; i < len(learners); i += workers {
			mine = append(mine, learners[i])
		}
		n, a := sim.actFor(c, mine, r.cfg.Think)
		steps.Add(int64(n))
		acted.Add(int64(a))
	})
	p.Counts = sim.counts().minus(before)
	p.Counts["learner_steps"], p.Counts["learners_acted"], p.Counts["learners_active"] = int(steps.Load()), int(acted.Load()), len(learners)
	for i := range served {
		p.Counts[fmt.Sprintf("requests_to_server_%d", i+1)] = int(served[i].Load())
	}
	return p
}

// sent is how many requests r recorded, answered or not.
func (r *Recorder) sent() int {
	n := 0
	for _, rs := range r.routes {
		n += len(rs.durations)
		for _, k := range rs.transport {
			n += k
		}
	}
	return n
}

// actFor steps the learners in turn as they come due until the phase ends, and returns the
// steps taken and how many learners took at least one. The first steps are spread over one
// think time, as learners do not all click at the same moment.
func (s *Sim) actFor(c *Client, learners []*Learner, think time.Duration) (steps, acted int) {
	if len(learners) == 0 {
		return 0, 0
	}
	rng := learners[0].rng
	due := make([]time.Time, len(learners))
	stepped := make([]bool, len(learners))
	now := time.Now()
	for i := range due {
		due[i] = now.Add(time.Duration(rng.Float64() * float64(think)))
	}
	for !s.over() {
		next := 0
		for i := range due {
			if due[i].Before(due[next]) {
				next = i
			}
		}
		l := learners[next]
		if wait := time.Until(due[next]); wait > 0 {
			time.Sleep(min(wait, max(time.Until(s.deadline), 0)+time.Millisecond))
			continue
		}
		if time.Now().Before(l.blockedUntil) {
			due[next] = l.blockedUntil
			continue
		}
		s.Step(c, l)
		steps++
		if !stepped[next] {
			stepped[next], acted = true, acted+1
		}
		due[next] = time.Now().Add(time.Duration((0.5 + l.rng.Float64()) * float64(think)))
	}
	return steps, acted
}

// pageDashboard is an instructor's loop: a random page of the cohort dashboard, or every
// fourth time a search for a learner by name, every DashEvery until the phase ends.
func (s *Sim) pageDashboard(c *Client, in *Learner, cohortID string, learners int) {
	pages := max(1, (learners+dashboardPerPage-1)/dashboardPerPage)
	base := "/api/v1/cohorts/" + cohortID + "/progress"
	for n := 1; !s.over(); n++ {
		call := Call{Route: routeDashPage, Method: "GET", Path: fmt.Sprintf("%s?page=%d", base, 1+in.rng.IntN(pages))}
		if n%4 == 0 {
			call.Route, call.Path = routeDashSearch, base+"?q="+url.QueryEscape(fmt.Sprintf("Learner %d", 1+in.rng.IntN(learners)))
		}
		s.call(c, in, call)
		time.Sleep(max(min(s.cfg.DashEvery, time.Until(s.deadline)), 0))
	}
}

// rebuildSummaries runs `tandem rebuild-summaries` on the servers' database and returns how
// long it took.
func (r *Runner) rebuildSummaries() (float64, error) {
	bin, err := r.binary()
	if err != nil {
		return 0, err
	}
	env, err := r.serverEnv()
	if err != nil {
		return 0, err
	}
	began := time.Now()
	cmd := exec.CommandContext(r.ctx, bin, "rebuild-summaries")
	cmd.Env = append(env, "TANDEM_LOG_LEVEL=error")
	if out, err := cmd.CombinedOutput(); err != nil {
		return 0, fmt.Errorf("tandem rebuild-summaries: %v: %s", err, strings.TrimSpace(string(out)))
	}
	return time.Since(began).Seconds(), nil
}
