package models

import (
	"context"
	"sync"
)

// Quiz starts and submissions that arrive while others are being written share a
// transaction: most of what one costs the database (the transaction, each insert, for a
// submission the summaries and item sums) is paid once per group instead of once per learner.
// At most groupLeaders groups of a kind are written at a time, each of at most groupMax
// writes, one per learner, so that a learner's writes are made in turn. A group that fails,
// or in which one write is refused, is written again one write at a time: one learner's
// failure or refusal is never another's. Two groups of a kind at a time served as many quiz
// pairs on a two-core machine as four, in fewer, larger groups: over a third fewer statements
// per pair (scripts/PERFORMANCE.md, run f7).
const (
	groupLeaders = 2
	groupMax     = 32
)

// grouped is one write waiting in a groupQueue and, once done is closed, its outcome.
type grouped[T any] struct {
	ctx  context.Context
	user string
	job  T
	err  error
	done chan struct{}
}

// groupQueue holds the writes of one kind waiting for a group.
type groupQueue[T any] struct {
	mu      sync.Mutex
	waiting []*grouped[T]
	leaders int // groups being written, or about to be
}

// run writes job, for user, with those that come meanwhile, and returns its outcome. write
// writes a group and gives each of its writes their outcome. Inside the transaction ctx
// carries, job is written in it, alone.
func (gq *groupQueue[T]) run(ctx context.Context, user string, job T, write func([]*grouped[T])) error {
	g := &grouped[T]{ctx: ctx, user: user, job: job, done: make(chan struct{})}
	if ctx.Value(txKey{}) != nil {
		write([]*grouped[T]{g})
		return g.err
	}
	if gq.enqueue(g) {
		gq.lead(g, write)
	}
	<-g.done
	return g.err
}

// enqueue adds g to the waiting writes and reports whether its caller is to lead: write groups
// until g is written.
func (gq *groupQueue[T]) enqueue(g *grouped[T]) bool {
	gq.mu.Lock()
	defer gq.mu.Unlock()
	gq.waiting = append(gq.waiting, g)
	if gq.leaders >= groupLeaders {
		return false
	}
	gq.leaders++
	return true
}

// next takes the next group from the waiting writes, in the order they came, skipping those
// of learners already in it. When none wait, the leader asking stops leading.
func (gq *groupQueue[T]) next() []*grouped[T] {
	gq.mu.Lock()
	defer gq.mu.Unlock()
	var group, rest []*grouped[T]
	learners := map[string]bool{}
	for _, g := range gq.waiting {
		if len(group) < groupMax && !learners[g.user] {
			learners[g.user] = true
			group = append(group, g)
		} else {
			rest = append(rest, g)
		}
	}
	gq.waiting = rest
	if len(group) == 0 {
		gq.leaders--
	}
	return group
}

// lead writes groups until own is written, then leaves those that came meanwhile to a
// goroutine, so that no request waits for later groups.
func (gq *groupQueue[T]) lead(own *grouped[T], write func([]*grouped[T])) {
	for {
		group := gq.next()
		if group == nil {
			return
		}
		write(group)
		select {
		case <-own.done:
			go gq.carryOn(write)
			return
		default:
		}
	}
}

// carryOn writes groups until none wait.
func (gq *groupQueue[T]) carryOn(write func([]*grouped[T])) {
	for group := gq.next(); group != nil; group = gq.next() {
		write(group)
	}
}

// groupContext is the context a group is written with: a write's own when alone, else one
// apart from any single request's cancellation.
func groupContext[T any](group []*grouped[T]) context.Context {
	if len(group) == 1 {
		return group[0].ctx
	}
	return context.WithoutCancel(group[0].ctx)
}

// finish gives each write of a group its outcome.
func finish[T any](group []*grouped[T], outcome func(*grouped[T]) error) {
	for _, g := range group {
		g.err = outcome(g)
		close(g.done)
	}
}
