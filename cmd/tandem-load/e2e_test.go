package main

import (
	"context"
	"net/http"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"tandem/testenv"
)

func TestMain(m *testing.M) { testenv.Main(m) }

// TestCohortEndToEnd runs the cohort mode for a few seconds against the real app on loopback
// (the test catalogue, whose quizzes use every question type): no 5xx, no malformed answers,
// submissions acknowledged, and every acknowledged submission stored once.
func TestCohortEndToEnd(t *testing.T) {
	env := testenv.New(t)
	instructor := env.WithRole("instructor", "medicine")
	const submitted = "SELECT COUNT(*) FROM quiz_attempts WHERE submitted_at IS NOT NULL"
	before, _ := strconv.Atoi(env.Scalar(submitted)) // other tests', and earlier runs' with -count
	rep, text := runAgainst(t, env, instructor, "-d", "3s", "-n", "20000", "-acks", filepath.Join(t.TempDir(), "acks"))
	t.Log(text)

	var cohort *Phase
	for _, p := range rep.Phases {
		if p.Status5xx > 0 || p.Transport > 0 {
			t.Errorf("phase %s: %d 5xx, %d without answer", p.Name, p.Status5xx, p.Transport)
		}
		if p.Name == "cohort" {
			cohort = p
		}
	}
	if cohort == nil {
		t.Fatal("no cohort phase in the report")
	}
	acked := cohort.Counts["submissions_acknowledged"]
	if acked == 0 {
		t.Fatal("no submission was acknowledged")
	}
	if s := cohort.Route(routeSubmit); s.Statuses["422"] > 0 || s.Statuses["400"] > 0 {
		t.Errorf("submissions refused as malformed: %v", s.Statuses)
	}
	if d := cohort.Route(routeDashboard); d.Statuses["200"] == 0 {
		t.Errorf("the instructor never read the dashboard: %+v", d)
	}
	if l := cohort.Route(routeLesson); l.Statuses["304"] == 0 {
		t.Errorf("no lesson re-read was answered 304: %v", l.Statuses)
	}
	after, _ := strconv.Atoi(env.Scalar(submitted))
	if stored := after - before; stored != acked {
		t.Errorf("%d submissions acknowledged, %d stored", acked, stored)
	}
	if resp, err := http.Get(env.URL + "/readyz"); err != nil || resp.StatusCode != http.StatusOK {
		t.Errorf("server not ready after the run: %v", err)
	}
}

// TestRequestBoundIsPerPhase: -n bounds each phase, so the requests set-up spends never leave
// the cohort phase without any; a phase ended by the bound says so in the report.
func TestRequestBoundIsPerPhase(t *testing.T) {
	env := testenv.New(t)
	instructor := env.WithRole("instructor", "medicine")
	rep, text := runAgainst(t, env, instructor, "-d", "30s", "-n", "100", "cohort")
	phases := map[string]*Phase{}
	for _, p := range rep.Phases {
		phases[p.Name] = p
	}
	setup, cohort := phases["setup"], phases["cohort"]
	if setup == nil || cohort == nil {
		t.Fatalf("phases: %s", text)
	}
	if setup.AtBound || setup.Requests < 40 {
		t.Errorf("set-up of 20 learners: %d requests, stopped at the bound %v", setup.Requests, setup.AtBound)
	}
	if cohort.Requests != 100 || !cohort.AtBound || cohort.Seconds > 20 {
		t.Errorf("the cohort phase: %d requests in %.1f s, stopped at the bound %v; want 100, stopped by the bound", cohort.Requests, cohort.Seconds, cohort.AtBound)
	}
	if !strings.Contains(text, "STOPPED AT THE REQUEST BOUND") {
		t.Errorf("the report does not say the cohort phase was cut short:\n%s", text)
	}
}

// runAgainst runs the tool with 20 learners on 4 workers and args against env's server, with
// instructor as the cohort's instructor, and returns its report and the report's text.
func runAgainst(t *testing.T, env *testenv.Env, instructor *testenv.User, args ...string) (*Report, string) {
	t.Helper()
	return runTool(t, 2*time.Minute, append([]string{"-target", env.URL, "-learners", "20", "-c", "4",
		"-instructor-email", instructor.Email, "-instructor-password", testenv.Password}, args...)...)
}

// runTool runs the tool with args, within limit, and returns its report and the report's text.
func runTool(t *testing.T, limit time.Duration, args ...string) (*Report, string) {
	t.Helper()
	cfg, err := ParseFlags(args, nil)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), limit)
	defer cancel()
	rep, err := Run(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	rep.WriteText(&b)
	return rep, b.String()
}

// TestNetHTTPBaselineReadsTheServersLesson: the bare net/http mode reads the server's lesson once
// to learn its bytes, then reads them from net/http alone, and every read is answered.
func TestNetHTTPBaselineReadsTheServersLesson(t *testing.T) {
	env := testenv.New(t)
	instructor := env.WithRole("instructor", "medicine")
	rep, text := runAgainst(t, env, instructor, "-lesson-d", "1s", "baseline-nethttp")
	if len(rep.Phases) != 1 || rep.Phases[0].Name != "baseline-nethttp-1" {
		t.Fatalf("phases: %s", text)
	}
	p := rep.Phases[0]
	if l := p.Route(routeLesson); p.Requests == 0 || l.Statuses["200"] != p.Requests {
		t.Errorf("bare net/http reads: %d requests, statuses %v", p.Requests, l.Statuses)
	}
}
