package main

import (
	"fmt"
	"strings"

	"tandem/cmd/tandem-load/machine"
)

// Issue 10's goals.
const (
	goalLessonRatio = 0.50  // lesson reads, of bare gin's reads of the same bytes
	goalSubmitRatio = 0.60  // quiz submissions per second, of pgbench TPC-B tps
	goalRSSMB       = 200.0 // the server's peak resident memory
)

// Issue 25's goal for the quiz path: started and submitted attempts per second, of pgbench
// TPC-B tps.
const goalPairRatio = 0.50

// runAll measures everything side by side in one run and checks issue 10's targets: lesson
// reads against bare gin (alternating rounds), the cohort, submissions, then pgbench right
// after the submissions.
func (r *Runner) runAll() error {
	rates, err := r.readRounds(true, ginInProcess|ginChild|netHTTPInProcess|netHTTPChild, r.cfg.Rounds)
	if err != nil {
		return err
	}
	sim, err := r.setUp()
	if err != nil {
		return err
	}
	// On a fast machine the learners use every attempt within the cohort phase, and the later
	// phases would have none left to start: the cohort leaves one for the pairs and one for the
	// submit phase.
	sim.keep = 2
	cohort := r.cohortPhase(sim)
	pairs := r.pairsPhase(sim)
	submit := r.submitPhases(sim)
	pg, err := machine.RunPgbench(r.ctx, r.cfg.pgbench(), r.logf)
	if err != nil {
		return err
	}
	r.report.Pgbench = pg
	submitRate := float64(submit.Counts["submissions_acknowledged"]) / submit.Seconds
	r.report.Notes = append(r.report.Notes, fmt.Sprintf("lesson reads per round: server %s, bare gin in the load tool's process %s, bare gin in a child process %s, bare net/http in the tool's process %s, in a child %s",
		rateList(rates.server), rateList(rates.gin), rateList(rates.ginChild), rateList(rates.netHTTP), rateList(rates.netHTTPChild)))
	pairRate := float64(pairs.Counts["submissions_acknowledged"]) / pairs.Seconds
	r.report.Targets = Targets(rates, submitRate, pairRate, pg.TPS, r.report.Phases, r.sampler.HWM())
	r.report.Notes = append(r.report.Notes, fmt.Sprintf("server peak RSS during the cohort phase alone: %.1f MB", cohort.PeakRSSMB))
	return nil
}

// Targets computes issue 10's and 25's targets from measured figures. 5xx are counted over every phase
// that loaded the server (not the bare gin rounds); hwmMB 0 means memory was not sampled.
func Targets(rates readRates, submitRate, pairRate, pgTPS float64, phases []*Phase, hwmMB float64) []Target {
	ratio := func(a, b float64) float64 {
		if b == 0 {
			return 0
		}
		return a / b
	}
	lesson, lessonChild := Ratio(rates.server, rates.gin), Ratio(rates.server, rates.ginChild)
	submit, pair := ratio(submitRate, pgTPS), ratio(pairRate, pgTPS)
	fivexx := 0
	for _, p := range phases {
		if !strings.HasPrefix(p.Name, "baseline-") {
			fivexx += p.Status5xx
		}
	}
	out := []Target{
		{Name: "lesson reads/s vs bare gin in the tool's process (median of rounds)", Measured: median(rates.server), Reference: median(rates.gin), Ratio: lesson,
			Goal: fmt.Sprintf(">= %.2f", goalLessonRatio), Met: lesson >= goalLessonRatio},
		{Name: "lesson reads/s vs bare gin in a child process (median of rounds)", Measured: median(rates.server), Reference: median(rates.ginChild), Ratio: lessonChild,
			Goal: fmt.Sprintf(">= %.2f", goalLessonRatio), Met: lessonChild >= goalLessonRatio},
		{Name: "quiz submissions/s vs pgbench TPC-B tps", Measured: submitRate, Reference: pgTPS, Ratio: submit,
			Goal: fmt.Sprintf(">= %.2f", goalSubmitRatio), Met: submit >= goalSubmitRatio},
		{Name: "quiz start+submit pairs/s vs pgbench TPC-B tps", Measured: pairRate, Reference: pgTPS, Ratio: pair,
			Goal: fmt.Sprintf(">= %.2f", goalPairRatio), Met: pair >= goalPairRatio},
		{Name: "5xx responses, all server phases", Measured: float64(fivexx), Goal: "0", Met: fivexx == 0},
	}
	out = append(out, netHTTPTargets(rates)...)
	if hwmMB > 0 {
		out = append(out, Target{Name: "server peak RSS (VmHWM), MB", Measured: hwmMB, Goal: fmt.Sprintf("< %.0f", goalRSSMB), Met: hwmMB < goalRSSMB})
	}
	return out
}

func rateList(xs []float64) string {
	parts := make([]string, len(xs))
	for i, x := range xs {
		parts[i] = fmt.Sprintf("%.0f", x)
	}
	return "[" + strings.Join(parts, " ") + "]/s"
}
