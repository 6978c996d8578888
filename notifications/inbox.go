package notifications

import (
	"context"
	"errors"
	"regexp"
	"time"

	"tandem/errs"
	"tandem/models"
)

// Item is a notice as its reader sees it.
type Item struct {
	ID        string     `json:"id"`
	Kind      string     `json:"kind"`
	Title     string     `json:"title"`
	Body      string     `json:"body"`
	Link      string     `json:"link"`
	Read      bool       `json:"read"`
	ReadAt    *time.Time `json:"read_at"`
	CreatedAt time.Time  `json:"created_at"`
}

// cursorPattern is the shape of a notice id, the only cursor a page hands out.
var cursorPattern = regexp.MustCompile(`^[0-9a-f]{32}$`)

// List returns up to limit of the user's own notices, newest first, after the cursor (a
// notice id from an earlier page); with unread, only those not read yet.
func (s *Service) List(ctx context.Context, userID string, unread bool, cursor string, limit int) ([]Item, error) {
	if cursor != "" && !cursorPattern.MatchString(cursor) {
		return nil, errs.Invalid(map[string]string{"cursor": "must be the next_cursor of an earlier page"})
	}
	rows, err := s.store.Notifications(ctx, userID, unread, cursor, limit)
	if err != nil {
		return nil, err
	}
	out := make([]Item, len(rows))
	for i, n := range rows {
		out[i] = item(n)
	}
	return out, nil
}

func item(n models.Notification) Item {
	return Item{ID: n.ID, Kind: n.Kind, Title: n.Title, Body: n.Body, Link: n.Link, Read: n.ReadAt != nil, ReadAt: n.ReadAt, CreatedAt: n.CreatedAt}
}

// Unread counts the user's unread notices.
func (s *Service) Unread(ctx context.Context, userID string) (int64, error) {
	return s.store.UnreadNotifications(ctx, userID)
}

// MarkRead marks one of the user's own notices read; someone else's is not found.
func (s *Service) MarkRead(ctx context.Context, userID, id string) error {
	if err := s.store.MarkNotificationRead(ctx, userID, id); err != nil {
		if errors.Is(err, models.ErrNotFound) {
			return errs.NotFound("Notification")
		}
		return err
	}
	return nil
}

// MarkAllRead marks every unread notice of the user read and returns how many.
func (s *Service) MarkAllRead(ctx context.Context, userID string) (int64, error) {
	return s.store.MarkAllNotificationsRead(ctx, userID)
}

// Export is every notice of the user, for their data export.
func (s *Service) Export(ctx context.Context, userID string) ([]Item, error) {
	var out []Item
	cursor := ""
	for {
		page, err := s.List(ctx, userID, false, cursor, 500)
		if err != nil {
			return nil, err
		}
		out = append(out, page...)
		if len(page) < 500 {
			return out, nil
		}
		cursor = page[len(page)-1].ID
	}
}
