package notifications

import (
	"context"
	"net/url"
	"strconv"
	"strings"
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
	link, where := "", "every quiz"
	if a.Quiz != "" {
		link, where = "/quizzes/"+url.PathEscape(a.Quiz), a.QuizTitle
	}
	var parts []string
	if a.ExtraTimePercent > 0 {
		parts = append(parts, strconv.Itoa(a.ExtraTimePercent)+"% more time")
	}
	if a.ExtraMinutes > 0 {
		parts = append(parts, counted(a.ExtraMinutes, "more minute", "more minutes"))
	}
	if a.ExtraAttempts > 0 {
		parts = append(parts, counted(a.ExtraAttempts, "more attempt", "more attempts"))
	}
	body := ""
	if len(parts) > 0 {
		body = "At " + where + ": " + strings.Join(parts, ", ") + ", from your next attempt. "
	}
	if a.ExtraDays > 0 {
		body += "Your team's exercises are due " + counted(a.ExtraDays, "day", "days") + " later."
	}
	notices := make([]Notice, 0, len(userIDs))
	for _, id := range userIDs {
		notices = append(notices, Notice{UserID: id, Kind: "accommodation.granted",
			Title: "You were given extra time, attempts or days", Body: strings.TrimSpace(body), Link: link})
	}
	return s.Notify(ctx, notices...)
}

// counted is n with the noun's singular or plural.
func counted(n int, one, more string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + more
}
