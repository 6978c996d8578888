package models

import (
	"context"
	"time"
)

// SaveAttemptDraft stores draft (the answers so far, as JSON) on userID's attempt id while it
// is open. It returns ErrNotFound when the attempt is not theirs and ErrConflict once it is
// submitted: the update is conditional, so a draft never outlives a concurrent submission.
func (s *Store) SaveAttemptDraft(ctx context.Context, userID, id, draft string, at time.Time) error {
	res := s.db.WithContext(ctx).Model(&QuizAttempt{}).
		Where("id = ? AND user_id = ? AND submitted_at IS NULL", id, userID).
		Updates(map[string]any{"draft": draft, "draft_saved_at": at})
	if res.Error != nil {
		return mapErr(res.Error)
	}
	if res.RowsAffected == 1 {
		return nil
	}
	if _, err := s.AttemptByID(ctx, userID, id); err != nil {
		return err
	}
	return ErrConflict
}
