package xapi

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"time"

	"tandem/courses"
	"tandem/models"
)

// Outbox is what forwarding needs from the database.
type Outbox interface {
	ClaimUnforwarded(ctx context.Context, owner string, limit int, lease time.Duration) ([]models.ProgressEvent, error)
	MarkForwarded(ctx context.Context, ids []string) error
	UsersByIDs(ctx context.Context, ids []string) ([]models.User, error)
}

// Forwarder sends learning events to an external Learning Record Store in the background, in
// batches, retrying with backoff while the LRS is slow or down. Learners never wait for it.
type Forwarder struct {
	Outbox   Outbox
	Catalog  *courses.Catalog
	BaseURL  string
	Endpoint string // the LRS's statements resource, e.g. https://lrs.example.org/xapi/statements
	Username string
	Password string
	Owner    string // this server's name, for leases
	Client   *http.Client
	Log      *slog.Logger
	Interval time.Duration
	Batch    int
}

// Run forwards until ctx ends.
func (f *Forwarder) Run(ctx context.Context) {
	backoff := f.Interval
	for {
		sent, err := f.Once(ctx)
		switch {
		case err != nil:
			f.Log.Warn("xAPI forwarding failed; will retry", "err", err, "retry_in", backoff)
			backoff = min(backoff*2, 5*time.Minute)
		case sent == f.Batch:
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

// Once sends one batch and returns how many statements the LRS accepted.
func (f *Forwarder) Once(ctx context.Context) (int, error) {
	events, err := f.Outbox.ClaimUnforwarded(ctx, f.Owner, f.Batch, 2*time.Minute)
	if err != nil || len(events) == 0 {
		return 0, err
	}
	ids := make([]string, 0, len(events))
	userIDs := map[string]bool{}
	for _, ev := range events {
		ids = append(ids, ev.ID)
		userIDs[ev.UserID] = true
	}
	var uids []string
	for id := range userIDs {
		uids = append(uids, id)
	}
	users, err := f.Outbox.UsersByIDs(ctx, uids)
	if err != nil {
		return 0, err
	}
	names := map[string]string{}
	for _, u := range users {
		names[u.ID] = u.Name
	}
	statements := make([]Statement, 0, len(events))
	for _, ev := range events {
		statements = append(statements, FromEvent(ev, names[ev.UserID], f.BaseURL, f.Catalog))
	}
	body, err := json.Marshal(statements)
	if err != nil {
		return 0, err
	}
	reqCtx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(reqCtx, http.MethodPost, f.Endpoint, bytes.NewReader(body))
	if err != nil {
		return 0, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Experience-API-Version", Version)
	if f.Username != "" {
		req.SetBasicAuth(f.Username, f.Password)
	}
	resp, err := f.Client.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<20))
	// 409 means the LRS already has statements with these ids: a retry after a lost answer.
	if resp.StatusCode/100 != 2 && resp.StatusCode != http.StatusConflict {
		return 0, fmt.Errorf("LRS answered %s", resp.Status)
	}
	return len(ids), f.Outbox.MarkForwarded(ctx, ids)
}
