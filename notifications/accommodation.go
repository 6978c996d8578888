package notifications

import (
	"context"
	"net/url"
	"strings"

	"tandem/i18n"
)

// Allowance is what an accommodation gives, as a learner is told of it.
type Allowance struct {
	Quiz, QuizTitle                                          string // empty for every quiz
	ExtraTimePercent, ExtraMinutes, ExtraAttempts, ExtraDays int
}

// AccommodationGranted tells each learner an accommodation was made for them (one learner, or
// every member of a cohort), in the transaction ctx carries: what it gives and that it
// applies from their next attempt. A quiz's accommodation links to the quiz.
func (s *Service) AccommodationGranted(ctx context.Context, userIDs []string, a Allowance) error {
	link := ""
	if a.Quiz != "" {
		link = "/quizzes/" + url.PathEscape(a.Quiz)
	}
	given := Localized(a.textIn)
	notices := make([]Notice, 0, len(userIDs))
	for _, id := range userIDs {
		notices = append(notices, Notice{UserID: id, Kind: "accommodation.granted",
			Title: "You were given extra time, attempts or days", Body: a.textIn("en"), Link: link,
			Data: map[string]any{"Allowance": given}})
	}
	return s.Notify(ctx, notices...)
}

// textIn says in lang what a gives: the extra time and attempts at its quiz (or every quiz),
// then the later due dates of team exercises.
func (a Allowance) textIn(lang string) string {
	cat := i18n.Default()
	var parts []string
	if a.ExtraTimePercent > 0 {
		parts = append(parts, cat.Text(lang, "notice.accommodation.more_time", map[string]any{"Percent": a.ExtraTimePercent}))
	}
	if a.ExtraMinutes > 0 {
		parts = append(parts, cat.Text(lang, "notice.accommodation.more_minutes", map[string]any{"Count": a.ExtraMinutes}))
	}
	if a.ExtraAttempts > 0 {
		parts = append(parts, cat.Text(lang, "notice.accommodation.more_attempts", map[string]any{"Count": a.ExtraAttempts}))
	}
	var sentences []string
	if len(parts) > 0 {
		where := cat.Text(lang, "notice.accommodation.every_quiz", nil)
		if a.Quiz != "" {
			where = a.QuizTitle
		}
		sentences = append(sentences, cat.Text(lang, "notice.accommodation.at", map[string]any{"Quiz": where, "Given": strings.Join(parts, ", ")}))
	}
	if a.ExtraDays > 0 {
		sentences = append(sentences, cat.Text(lang, "notice.accommodation.later_days", map[string]any{"Count": a.ExtraDays}))
	}
	return strings.Join(sentences, " ")
}
