package lti

import (
	"context"
	"errors"
	"time"

	"tandem/courses"
	"tandem/models"
)

// RatingSource is what re-publishing team scores after a change of peer ratings needs.
type RatingSource interface {
	PeerRatingChanges(ctx context.Context, after, before time.Time, limit int) ([]models.PeerRatingChange, error)
	TeamScoreEvents(ctx context.Context, teamID, exercise, through string) ([]models.ProgressEvent, error)
	LatestLTIScore(ctx context.Context, registrationID, contextID, resourceID, userID string) (*models.LTIScore, error)
}

// ratingsCursor names the publisher's position in the peer ratings: the time of the last
// change it read.
const ratingsCursor = "lti-peer-ratings"

// requeueRated queues a fresh score for each member of a team whose points on a reviewed
// exercise changed because a teammate rated them anew; a member whose points stay the same
// gets nothing. It returns how many rating changes it read.
func (p *Publisher) requeueRated(ctx context.Context) (int, error) {
	at, err := p.Store.LTIGradeCursorAt(ctx, ratingsCursor)
	if err != nil {
		return 0, err
	}
	var after time.Time
	if at != "" {
		if after, err = time.Parse(time.RFC3339Nano, at); err != nil {
			return 0, err
		}
	}
	changes, err := p.Store.PeerRatingChanges(ctx, after, time.Now().UTC().Add(-p.Lag), p.Batch)
	if err != nil {
		return 0, err
	}
	read := len(changes)
	changes = wholeInstants(changes, p.Batch)
	through, err := p.Store.LTIGradeCursorAt(ctx, cursorName)
	if err != nil {
		return 0, err
	}
	for _, ch := range changes {
		scores, err := rescored(ctx, p.Store, p.LTI.catalog, ch, through)
		if err != nil {
			return 0, err
		}
		if err := p.Store.QueueLTIScores(ctx, ratingsCursor, ch.UpdatedAt.Format(time.RFC3339Nano), scores); err != nil {
			return 0, err
		}
	}
	return read, nil
}

// wholeInstants drops, from a full batch, the changes made at the same instant as its last
// one, so the cursor never passes changes of that instant the batch left out (unless the
// whole batch is one instant).
func wholeInstants(changes []models.PeerRatingChange, batch int) []models.PeerRatingChange {
	if len(changes) < batch || len(changes) == 0 {
		return changes
	}
	last := changes[len(changes)-1].UpdatedAt
	for i := len(changes) - 1; i >= 0; i-- {
		if !changes[i].UpdatedAt.Equal(last) {
			return changes[:i+1]
		}
	}
	return changes
}

// rescored recomputes the scores of a team's reviewed exercise, from each member's latest
// scored event the publisher has read, and keeps those that differ from the score last queued
// for the member; they carry the time of the rating change.
func rescored(ctx context.Context, st GradeStore, cat *courses.Catalog, ch models.PeerRatingChange, through string) ([]models.LTIScore, error) {
	if through == "" {
		return nil, nil
	}
	events, err := st.TeamScoreEvents(ctx, ch.TeamID, ch.ExerciseSlug, through)
	if err != nil {
		return nil, err
	}
	var out []models.LTIScore
	for _, ev := range events {
		ev.ID, ev.CreatedAt = models.NewID(), ch.UpdatedAt
		scores, err := scoresOf(ctx, st, cat, ev)
		if err != nil {
			return nil, err
		}
		for _, sc := range scores {
			last, err := st.LatestLTIScore(ctx, sc.RegistrationID, sc.ContextID, sc.ResourceID, sc.UserID)
			if errors.Is(err, models.ErrNotFound) {
				continue
			}
			if err != nil {
				return nil, err
			}
			if last.ScoreGiven != sc.ScoreGiven {
				out = append(out, sc)
			}
		}
	}
	return out, nil
}
