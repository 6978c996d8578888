package main

import (
	"errors"
	"fmt"
	"slices"
	"time"

	"tandem/cmd/tandem-load/machine"
)

// lessonBytes returns the lesson slug and body both sides of the read comparison serve.
func (r *Runner) lessonBytes(cat *Catalog) (string, []byte, error) {
	c := &Client{HTTP: r.http, Base: r.cfg.Target, Rec: NewRecorder()}
	if r.cfg.Lesson != "" {
		body, err := LessonBody(c, r.cfg.Lesson)
		return r.cfg.Lesson, body, err
	}
	return MedianLesson(c, cat)
}

// ReadLoad sends closed-loop reads of one lesson to base for d: each worker sends its next
// request as soon as it has read the previous answer, and no request is conditional.
func (r *Runner) ReadLoad(name, base, slug string, d time.Duration) *Phase {
	deadline := time.Now().Add(d)
	return r.Phase(name, base, r.cfg.Concurrency, func(w int, c *Client) {
		call := Call{Route: routeLesson, Method: "GET", Path: "/api/v1/lessons/" + slug}
		for time.Now().Before(deadline) && r.ctx.Err() == nil {
			if _, err := c.Do(call); errors.Is(err, ErrBudget) {
				return
			}
		}
	})
}

// runReads measures lesson reads from the server or from bare gin serving the same bytes.
func (r *Runner) runReads(server, gin bool, rounds int) error {
	which := ginNone
	if gin {
		which = ginInProcess
		if r.cfg.GinProcess {
			which = ginChild
		}
	}
	_, err := r.readRounds(server, which, rounds)
	return err
}

// Which bare gin servers a read comparison runs.
const (
	ginNone      = 0
	ginInProcess = 1 << iota // in this process, sharing its Go runtime with the load
	ginChild                 // in a child process, with a runtime of its own like the server
)

// readRates are the reads per second of each round, side by side.
type readRates struct{ server, gin, ginChild, netHTTP, netHTTPChild []float64 }

// Ratio is the median over rounds of server/gin: each round's runs are a minute apart at
// most, so a burst of other work on the machine skews one round, not the figure.
func Ratio(server, gin []float64) float64 {
	var ratios []float64
	for i := range min(len(server), len(gin)) {
		if gin[i] > 0 {
			ratios = append(ratios, server[i]/gin[i])
		}
	}
	return median(ratios)
}

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Sorted(slices.Values(xs))
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// readRounds alternates reads from bare gin and bare net/http (in this process, in a child, or
// both, as gins says) and from the server, rounds times.
func (r *Runner) readRounds(server bool, gins int, rounds int) (readRates, error) {
	var rates readRates
	cat, err := r.catalogue()
	if err != nil {
		return rates, err
	}
	slug, body, err := r.lessonBytes(cat)
	if err != nil {
		return rates, err
	}
	r.report.Notes = append(r.report.Notes, fmt.Sprintf("lesson reads: %s, %d bytes per answer, %d concurrent connections", slug, len(body), r.cfg.Concurrency))
	var inBase, childBase string
	var childPID int
	if gins&ginInProcess != 0 {
		base, stop, err := machine.StartBareGin(body)
		if err != nil {
			return rates, err
		}
		defer stop()
		inBase = base
	}
	if gins&ginChild != 0 {
		base, pid, stop, err := machine.StartBareGinProcess(body, r.tmp)
		if err != nil {
			return rates, err
		}
		defer stop()
		childBase, childPID = base, pid
	}
	nets, stopNets, err := r.startNetHTTP(gins, body)
	defer stopNets()
	if err != nil {
		return rates, err
	}
	for i := 1; i <= rounds; i++ {
		if inBase != "" {
			r.cpuPID = -1 // in this process: only the tool's CPU is measured
			rates.gin = append(rates.gin, r.ReadLoad(fmt.Sprintf("baseline-gin-%d", i), inBase, slug, r.cfg.LessonDuration).PerSecond)
		}
		if childBase != "" {
			r.cpuPID = childPID
			rates.ginChild = append(rates.ginChild, r.ReadLoad(fmt.Sprintf("baseline-gin-child-%d", i), childBase, slug, r.cfg.LessonDuration).PerSecond)
		}
		r.netHTTPRound(i, nets, slug, &rates)
		r.cpuPID = 0
		if server {
			rates.server = append(rates.server, r.ReadLoad(fmt.Sprintf("lessons-%d", i), r.cfg.Target, slug, r.cfg.LessonDuration).PerSecond)
		}
	}
	return rates, nil
}
