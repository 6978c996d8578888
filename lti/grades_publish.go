package lti

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"

	"tandem/models"
)

// ScoreOutbox is what sending scores needs from the database.
type ScoreOutbox interface {
	ClaimLTIScores(ctx context.Context, owner string, limit int, lease time.Duration) ([]models.LTIScore, error)
	MarkLTIScoreSent(ctx context.Context, sc *models.LTIScore) error
	MarkLTIScoreTried(ctx context.Context, id string, status int, reason string, next *time.Time) error
	LTILineItemOf(ctx context.Context, registrationID, contextID, resourceID string) (*models.LTILineItem, error)
	SetLTILineItemURL(ctx context.Context, id, url string) error
	LTIContextServiceOf(ctx context.Context, registrationID, contextID string) (*models.LTIContextService, error)
	LTIRegistrationByID(ctx context.Context, id string) (*models.LTIRegistration, error)
}

// GradeStore is what the score publisher needs from the database.
type GradeStore interface {
	ScoreSource
	ScoreOutbox
	RatingSource
}

// cursorName names the publisher's position in the learning events.
const cursorName = "lti-scores"

// Publisher publishes learners' scores to the gradebooks of the platform courses their cohorts
// are linked to, in the background. It reads the learning events (waiting Lag, so an event
// whose transaction commits late is not passed over), queues each score in the database, and
// sends the queue with retries and growing waits; a score the platform refuses, or that runs
// out of tries, is marked failed for the cohort's instructors to see and retry. Nothing is
// lost: the queue and the position in the events are written in one transaction.
type Publisher struct {
	LTI         *Service
	Store       GradeStore
	Owner       string // this server's name, for leases
	Log         *slog.Logger
	Interval    time.Duration // between rounds when idle
	Batch       int           // scores queued, and sent, per round
	Window      int           // learning events read per round, most of them carrying no platform grade
	Lease       time.Duration
	Lag         time.Duration
	FirstRetry  time.Duration // the wait after a first failed try; it doubles with each try, up to an hour
	MaxAttempts int
}

// Run publishes until ctx ends.
func (p *Publisher) Run(ctx context.Context) {
	for {
		busy, err := p.Once(ctx)
		if err != nil {
			p.Log.Warn("publishing scores to LTI platforms failed; they wait and will be retried", "err", err)
		}
		wait := p.Interval
		if busy && err == nil {
			wait = 0
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(wait):
		}
	}
}

// Once queues the scores of new learning events and of team exercises whose peer ratings
// changed, and sends one batch of due scores; it reports whether any step had a full batch
// (more may be waiting).
func (p *Publisher) Once(ctx context.Context) (bool, error) {
	queued, err := p.queue(ctx)
	if err != nil {
		return false, err
	}
	rated, err := p.requeueRated(ctx)
	if err != nil {
		return false, err
	}
	sent, err := p.send(ctx)
	return queued || rated == p.Batch || sent == p.Batch, err
}

// queue turns the learning events after the cursor into queued scores, one window of events
// at a time (at most Batch of them with scores); it reports whether the window was full.
func (p *Publisher) queue(ctx context.Context) (bool, error) {
	after, err := p.Store.LTIGradeCursorAt(ctx, cursorName)
	if err != nil {
		return false, err
	}
	w, err := p.Store.LTIGradeEvents(ctx, after, time.Now().UTC().Add(-p.Lag), p.Window, p.Batch)
	if err != nil {
		return false, err
	}
	moved := after
	for _, ev := range w.Events {
		scores, err := scoresOf(ctx, p.Store, p.LTI.catalog, ev)
		if err != nil {
			return false, err
		}
		if err := p.Store.QueueLTIScores(ctx, cursorName, ev.ID, scores); err != nil {
			return false, err
		}
		moved = ev.ID
	}
	if moved != w.Last {
		// The window ends in events that carry no platform grade: the cursor passes them.
		if err := p.Store.QueueLTIScores(ctx, cursorName, w.Last, nil); err != nil {
			return false, err
		}
	}
	return w.Full, nil
}

// send sends one batch of due scores.
func (p *Publisher) send(ctx context.Context) (int, error) {
	scores, err := p.Store.ClaimLTIScores(ctx, p.Owner, p.Batch, p.Lease)
	if err != nil {
		return 0, err
	}
	for i := range scores {
		sc := &scores[i]
		err := p.publish(ctx, sc)
		if err == nil {
			err = p.Store.MarkLTIScoreSent(ctx, sc)
		} else {
			err = p.tried(ctx, sc, err)
		}
		if err != nil {
			return i, err
		}
	}
	return len(scores), nil
}

// tried records a failed try: it waits for the next, or fails for good when the platform
// refused it or it has no tries left.
func (p *Publisher) tried(ctx context.Context, sc *models.LTIScore, cause error) error {
	status, retry := 0, true
	var pe *platformError
	if errors.As(cause, &pe) {
		status, retry = pe.Status, pe.retryable()
	}
	var noService *errNoGradeService
	if errors.As(cause, &noService) {
		retry = false
	}
	var next *time.Time
	if retry && sc.Attempts+1 < p.MaxAttempts {
		t := time.Now().Add(min(p.FirstRetry<<min(sc.Attempts, 20), time.Hour))
		next = &t
	}
	p.Log.Warn("a score did not reach the LTI platform", "score", sc.ID, "cohort", sc.CohortID, "status", status, "err", cause, "retry", next != nil)
	return p.Store.MarkLTIScoreTried(ctx, sc.ID, status, clip(cause.Error(), 2000), next)
}

// errNoGradeService says a course offers no way to find or make a score's line item.
type errNoGradeService struct{}

func (*errNoGradeService) Error() string {
	return "the platform's course offers no line items service, and no launch named this item's line item"
}

// gradeScopes are the scopes every grade request asks for.
var gradeScopes = []string{ScopeLineItem, ScopeScore}

// publish sends one score to its line item, finding or making the line item first.
func (p *Publisher) publish(ctx context.Context, sc *models.LTIScore) error {
	reg, err := p.Store.LTIRegistrationByID(ctx, sc.RegistrationID)
	if err != nil {
		return err
	}
	it, err := p.Store.LTILineItemOf(ctx, sc.RegistrationID, sc.ContextID, sc.ResourceID)
	if err != nil {
		return err
	}
	if it.URL == "" {
		if err := p.resolveLineItem(ctx, reg, it); err != nil {
			return err
		}
	}
	body, _ := json.Marshal(map[string]any{"userId": sc.Subject, "scoreGiven": sc.ScoreGiven, "scoreMaximum": sc.ScoreMaximum,
		"activityProgress": sc.ActivityProgress, "gradingProgress": sc.GradingProgress, "comment": sc.Comment,
		"timestamp": sc.ScoredAt.UTC().Format("2006-01-02T15:04:05.000Z07:00")})
	_, err = p.LTI.serviceRequest(ctx, reg, gradeScopes, "score", http.MethodPost, scoresURL(it.URL),
		"application/vnd.ims.lis.v1.score+json", "application/json", body, nil)
	return err
}

// resolveLineItem finds the course's line item for it by its resource id (the platform made
// it from a deep-linked item) or makes it, and keeps its URL.
func (p *Publisher) resolveLineItem(ctx context.Context, reg *models.LTIRegistration, it *models.LTILineItem) error {
	cs, err := p.Store.LTIContextServiceOf(ctx, it.RegistrationID, it.ContextID)
	if errors.Is(err, models.ErrNotFound) || (err == nil && cs.LineItemsURL == "") {
		return &errNoGradeService{}
	}
	if err != nil {
		return err
	}
	var found []struct {
		ID string `json:"id"`
	}
	_, err = p.LTI.serviceRequest(ctx, reg, gradeScopes, "line item", http.MethodGet, withQuery(cs.LineItemsURL, "resource_id", it.ResourceID),
		"", "application/vnd.ims.lis.v2.lineitemcontainer+json", nil, &found)
	if err != nil {
		return err
	}
	if len(found) > 0 && found[0].ID != "" {
		it.URL = found[0].ID
	} else {
		body, _ := json.Marshal(map[string]any{"scoreMaximum": it.ScoreMaximum, "label": it.Label, "resourceId": it.ResourceID,
			"tag": strings.SplitN(it.ResourceID, ":", 2)[0]})
		var made struct {
			ID string `json:"id"`
		}
		_, err = p.LTI.serviceRequest(ctx, reg, gradeScopes, "line item", http.MethodPost, cs.LineItemsURL,
			"application/vnd.ims.lis.v2.lineitem+json", "application/vnd.ims.lis.v2.lineitem+json", body, &made)
		if err != nil {
			return err
		}
		if made.ID == "" {
			return &platformError{Step: "line item", Status: http.StatusOK, Body: "the new line item has no id"}
		}
		it.URL = made.ID
	}
	return p.Store.SetLTILineItemURL(ctx, it.ID, it.URL)
}

// scoresURL is a line item's scores service: its URL with /scores added to the path.
func scoresURL(lineItem string) string {
	u, err := url.Parse(lineItem)
	if err != nil {
		return lineItem + "/scores"
	}
	u.Path = strings.TrimSuffix(u.Path, "/") + "/scores"
	u.RawPath = ""
	return u.String()
}

// withQuery adds a query parameter to a service URL that may have a query already.
func withQuery(raw, name, value string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return raw
	}
	q := u.Query()
	q.Set(name, value)
	u.RawQuery = q.Encode()
	return u.String()
}
