package xapi

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"sync/atomic"
	"time"

	"tandem/models"
)

// Outbox is what forwarding needs from the database.
type Outbox interface {
	ClaimUnforwarded(ctx context.Context, owner string, limit int, lease time.Duration) ([]models.ProgressEvent, error)
	MarkForwarded(ctx context.Context, ids []string) error
	SetAside(ctx context.Context, id string, status int, reason string) error
	SetAsideCount(ctx context.Context) (int64, error)
}

// DefaultLease is how long a server holds the events it claimed before another may take them.
const DefaultLease = 2 * time.Minute

// maxBackoff bounds the wait between tries while the LRS is down or refuses Tandem.
const maxBackoff = 5 * time.Minute

// Forwarder sends the stored statements of learning events to an external Learning Record
// Store in the background, in batches, and never loses one: an event is marked forwarded only
// once the LRS has stored its statement (or already holds the same one); a statement the LRS
// refuses is set aside with the LRS's reason; everything else waits and is retried with
// backoff. Learners never wait for it.
type Forwarder struct {
	Outbox   Outbox
	Endpoint string // the LRS's statements resource, e.g. https://lrs.example.org/xapi/statements
	Username string
	Password string
	Owner    string // this server's name, for leases
	Client   *http.Client
	Log      *slog.Logger
	Interval time.Duration
	Batch    int
	Lease    time.Duration // DefaultLease when zero

	setAsideCount atomic.Int64 // statements this process set aside
}

// Run forwards until ctx ends.
func (f *Forwarder) Run(ctx context.Context) {
	if n, err := f.Outbox.SetAsideCount(ctx); err == nil && n > 0 {
		f.Log.Warn("learning events are set aside: the LRS refused their statements (progress_events.lrs_refused_at, lrs_status, lrs_reason)", "set_aside", n)
	}
	backoff := f.Interval
	for {
		claimed, err := f.Once(ctx)
		switch {
		case err != nil:
			backoff = min(max(backoff*2, f.Interval), maxBackoff)
			f.logFailure(err, backoff)
		case claimed == f.Batch:
			backoff = 0 // more are waiting
		default:
			backoff = f.Interval
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(backoff):
		}
	}
}

// logFailure logs a failed round: loudly when an operator must act.
func (f *Forwarder) logFailure(err error, retryIn time.Duration) {
	var lrsErr *lrsError
	if errors.As(err, &lrsErr) && lrsErr.operatorProblem() {
		f.Log.Error("the LRS refuses Tandem's requests: check TANDEM_XAPI_ENDPOINT, TANDEM_XAPI_USERNAME and TANDEM_XAPI_PASSWORD; learning events wait meanwhile",
			"status", lrsErr.Status, "lrs_said", lrsErr.Body, "retry_in", retryIn)
		return
	}
	f.Log.Warn("xAPI forwarding failed; learning events wait and will be retried", "err", err, "retry_in", retryIn)
}

// Once claims one batch, sends it, and returns how many events it claimed.
func (f *Forwarder) Once(ctx context.Context) (int, error) {
	lease := f.Lease
	if lease <= 0 {
		lease = DefaultLease
	}
	events, err := f.Outbox.ClaimUnforwarded(ctx, f.Owner, f.Batch, lease)
	if err != nil || len(events) == 0 {
		return 0, err
	}
	// Past half the lease another server may soon take these events: stop and claim again.
	deadline := time.Now().Add(lease / 2)
	claimed := len(events)
	events, err = f.withStatements(ctx, events)
	if err != nil || len(events) == 0 {
		return claimed, err
	}
	statements := make([]string, len(events))
	ids := make([]string, len(events))
	for i, ev := range events {
		statements[i], ids[i] = ev.Statement, ev.ID
	}
	l := f.lrs()
	ans, err := l.post(ctx, statements...)
	switch {
	case err != nil:
		return claimed, err
	case ans.stored():
		return claimed, f.Outbox.MarkForwarded(ctx, ids)
	case ans.refused() && len(events) > 1:
		// The LRS refuses a whole batch for one statement: find it by sending one at a time.
		return claimed, f.oneByOne(ctx, l, events, deadline)
	case ans.refused():
		return claimed, f.settle(ctx, l, events[0], ans)
	}
	return claimed, ans.err()
}

// withStatements returns the events that carry a statement and sets the others aside: an
// older Tandem still running during an upgrade may record events without one.
func (f *Forwarder) withStatements(ctx context.Context, events []models.ProgressEvent) ([]models.ProgressEvent, error) {
	out := events[:0:0]
	for _, ev := range events {
		if ev.Statement != "" {
			out = append(out, ev)
			continue
		}
		if err := f.setAside(ctx, ev, 0, "no statement was stored with this event (recorded by an older Tandem during an upgrade)"); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func (f *Forwarder) lrs() *lrs {
	return &lrs{endpoint: f.Endpoint, username: f.Username, password: f.Password, client: f.Client}
}

// oneByOne sends events one statement per request, in order, until the deadline.
func (f *Forwarder) oneByOne(ctx context.Context, l *lrs, events []models.ProgressEvent, deadline time.Time) error {
	for _, ev := range events {
		if time.Now().After(deadline) {
			return nil
		}
		ans, err := l.post(ctx, ev.Statement)
		switch {
		case err != nil:
			return err
		case ans.stored():
			err = f.Outbox.MarkForwarded(ctx, []string{ev.ID})
		case ans.refused():
			err = f.settle(ctx, l, ev, ans)
		default:
			err = ans.err()
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// settle decides about one statement the LRS refused. A 409 means the LRS already holds a
// statement with its id: when that statement is the same (a resend after a lost answer or a
// restart; some LRSs answer 409 rather than 204 to an identical resend) the event is
// forwarded. Otherwise the statement is set aside with the LRS's reason.
func (f *Forwarder) settle(ctx context.Context, l *lrs, ev models.ProgressEvent, ans answer) error {
	reason := ans.excerpt()
	if ans.status == http.StatusConflict {
		got, err := l.statement(ctx, statementID(ev.Statement))
		if err != nil {
			return err
		}
		switch {
		case got.stored():
			same, err := sameStatement([]byte(ev.Statement), got.body)
			if err == nil && same {
				return f.Outbox.MarkForwarded(ctx, []string{ev.ID})
			}
			reason = "the LRS holds a different statement with this id; it said: " + reason
		case got.status >= 500 || got.status == http.StatusTooManyRequests || got.status == http.StatusRequestTimeout:
			return got.err()
		default:
			reason = "the LRS holds a statement with this id that could not be read back (" + http.StatusText(got.status) + "); it said: " + reason
		}
	}
	return f.setAside(ctx, ev, ans.status, reason)
}

// setAside records why an event's statement cannot be forwarded, and logs it.
func (f *Forwarder) setAside(ctx context.Context, ev models.ProgressEvent, status int, reason string) error {
	if err := f.Outbox.SetAside(ctx, ev.ID, status, reason); err != nil {
		return err
	}
	f.Log.Error("a learning event's statement cannot be forwarded; it is set aside for an operator",
		"event", ev.ID, "status", status, "reason", reason, "set_aside_by_this_server", f.setAsideCount.Add(1))
	return nil
}
