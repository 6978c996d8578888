package main

import (
	"fmt"

	"tandem/cmd/tandem-load/machine"
)

// Which bare net/http servers a read comparison runs, beside the gin ones.
const (
	netHTTPInProcess = ginChild << 1 // in this process
	netHTTPChild     = ginChild << 2 // in a child process with a runtime of its own
)

// goalNetHTTPRatio is issue 25's goal: lesson reads, of bare net/http's reads of the same bytes.
const goalNetHTTPRatio = 0.80

// runNetHTTPBaseline measures reads of the lesson from bare net/http serving the same bytes, in
// this process or, with -gin-process, in a child.
func (r *Runner) runNetHTTPBaseline() error {
	which := netHTTPInProcess
	if r.cfg.GinProcess {
		which = netHTTPChild
	}
	_, err := r.readRounds(false, which, 1)
	return err
}

// netHTTPBases are the bare net/http servers of one read comparison (empty base: not run).
type netHTTPBases struct {
	inProcess, child string
	childPID         int
}

// startNetHTTP starts the bare net/http servers which asks for, serving body, and returns them
// with a function that stops them all.
func (r *Runner) startNetHTTP(which int, body []byte) (netHTTPBases, func(), error) {
	var b netHTTPBases
	var stops []func()
	stop := func() {
		for _, s := range stops {
			s()
		}
	}
	if which&netHTTPInProcess != 0 {
		base, s, err := machine.StartBareNetHTTP(body)
		if err != nil {
			return b, stop, err
		}
		b.inProcess, stops = base, append(stops, s)
	}
	if which&netHTTPChild != 0 {
		base, pid, s, err := machine.StartBareNetHTTPProcess(body, r.tmp)
		if err != nil {
			return b, stop, err
		}
		b.child, b.childPID, stops = base, pid, append(stops, s)
	}
	return b, stop, nil
}

// netHTTPRound reads slug from each bare net/http server for one round and adds the rates.
func (r *Runner) netHTTPRound(i int, b netHTTPBases, slug string, rates *readRates) {
	if b.inProcess != "" {
		r.cpuPID = -1
		rates.netHTTP = append(rates.netHTTP, r.ReadLoad(fmt.Sprintf("baseline-nethttp-%d", i), b.inProcess, slug, r.cfg.LessonDuration).PerSecond)
	}
	if b.child != "" {
		r.cpuPID = b.childPID
		rates.netHTTPChild = append(rates.netHTTPChild, r.ReadLoad(fmt.Sprintf("baseline-nethttp-child-%d", i), b.child, slug, r.cfg.LessonDuration).PerSecond)
	}
	r.cpuPID = 0
}

// netHTTPTargets are issue 25's targets: the server's lesson reads against bare net/http's, in
// this process and in a child, where they ran.
func netHTTPTargets(rates readRates) []Target {
	var out []Target
	for _, ref := range []struct {
		name  string
		rates []float64
	}{
		{"lesson reads/s vs bare net/http in the tool's process (median of rounds)", rates.netHTTP},
		{"lesson reads/s vs bare net/http in a child process (median of rounds)", rates.netHTTPChild},
	} {
		if len(ref.rates) == 0 {
			continue
		}
		ratio := Ratio(rates.server, ref.rates)
		out = append(out, Target{Name: ref.name, Measured: median(rates.server), Reference: median(ref.rates), Ratio: ratio,
			Goal: fmt.Sprintf(">= %.2f", goalNetHTTPRatio), Met: ratio >= goalNetHTTPRatio})
	}
	return out
}
