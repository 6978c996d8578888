package handlers

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"tandem/errs"
	"tandem/models"
)

type auditView struct {
	ID         string  `json:"id"`
	ActorID    *string `json:"actor_id"`
	ActorEmail string  `json:"actor_email,omitempty"`
	ActorName  string  `json:"actor_name,omitempty"`
	Action     string  `json:"action"`
	Subject    string  `json:"subject"`
	Details    any     `json:"details"`
	At         string  `json:"at"`
}

// GetAuditLog lists audit events, newest first, for platform admins: filtered by actor (an email
// or an account id), action (or its start, such as "certificate."), target (text in the
// subject, such as a serial) and a date range (from and to, dates in UTC, both included).
func (s *Server) GetAuditLog(c *gin.Context) {
	limit, ok := pageLimit(c)
	if !ok {
		return
	}
	q, err := s.auditQuery(c.Request.Context(), c, limit)
	if err != nil {
		fail(c, err)
		return
	}
	events, err := s.store.AuditEvents(c.Request.Context(), q)
	if err != nil {
		fail(c, err)
		return
	}
	actors, err := s.auditActors(c.Request.Context(), events)
	if err != nil {
		fail(c, err)
		return
	}
	items := make([]auditView, 0, len(events))
	for _, e := range events {
		item := auditView{ID: e.ID, ActorID: e.ActorID, Action: e.Action, Subject: e.Subject, Details: json.RawMessage(e.Details), At: e.CreatedAt.UTC().Format(time.RFC3339)}
		if e.ActorID != nil {
			if u, ok := actors[*e.ActorID]; ok {
				item.ActorEmail, item.ActorName = u.Email, u.Name
			}
		}
		items = append(items, item)
	}
	next := ""
	if len(events) == limit {
		next = events[len(events)-1].ID
	}
	c.JSON(http.StatusOK, gin.H{"items": items, "next_cursor": next})
}

// auditQuery reads the audit log's filters; an actor named by an email no account has
// matches nothing.
func (s *Server) auditQuery(ctx context.Context, c *gin.Context, limit int) (models.AuditQuery, error) {
	q := models.AuditQuery{Action: strings.TrimSpace(c.Query("action")), Subject: strings.TrimSpace(c.Query("target")),
		Before: c.Query("before"), Limit: limit}
	fields := map[string]string{}
	for name, v := range map[string]string{"actor": c.Query("actor"), "action": q.Action, "target": q.Subject, "before": q.Before} {
		if len(v) > 254 {
			fields[name] = "is too long"
		}
	}
	day := func(name string) *time.Time {
		v := c.Query(name)
		if v == "" {
			return nil
		}
		t, err := time.Parse(time.DateOnly, v)
		if err != nil {
			fields[name] = "must be a date like 2026-12-05"
			return nil
		}
		return &t
	}
	q.From, q.To = day("from"), day("to")
	if q.To != nil {
		end := q.To.AddDate(0, 0, 1) // the whole of the last day
		q.To = &end
	}
	if q.From != nil && q.To != nil && !q.From.Before(*q.To) {
		fields["to"] = "must not be before from"
	}
	if len(fields) > 0 {
		return q, errs.Invalid(fields)
	}
	actor := strings.TrimSpace(c.Query("actor"))
	if !strings.Contains(actor, "@") {
		q.Actor = actor
		return q, nil
	}
	u, err := s.store.UserByEmail(ctx, actor)
	switch {
	case errors.Is(err, models.ErrNotFound):
		q.Actor = "nobody"
	case err != nil:
		return q, err
	default:
		q.Actor = u.ID
	}
	return q, nil
}

// auditActors loads the accounts that acted in events, by id.
func (s *Server) auditActors(ctx context.Context, events []models.AuditEvent) (map[string]models.User, error) {
	var ids []string
	for _, e := range events {
		if e.ActorID != nil {
			ids = append(ids, *e.ActorID)
		}
	}
	users, err := s.store.UsersByIDs(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := make(map[string]models.User, len(users))
	for _, u := range users {
		out[u.ID] = u
	}
	return out, nil
}
