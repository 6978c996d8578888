package notifications

import (
	"context"
	"net/url"
)

// RegradeApplied tells each learner whose counted result a regrade changed that the quiz was
// graded again, with a link to the quiz, where their result now shows.
func (s *Service) RegradeApplied(ctx context.Context, userIDs []string, quizSlug string) error {
	notices := make([]Notice, 0, len(userIDs))
	for _, id := range userIDs {
		notices = append(notices, Notice{
			UserID: id, Kind: "quiz.regraded",
			Title: "A quiz you took was graded again and your result changed",
			Body:  "A question's key or points were corrected. Open the quiz to see your result now.",
			Link:  "/quizzes/" + url.PathEscape(quizSlug), Data: map[string]any{},
		})
	}
	return s.Notify(ctx, notices...)
}
