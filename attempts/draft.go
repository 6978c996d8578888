package attempts

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
	"time"

	"tandem/auth"
	"tandem/errs"
	"tandem/models"
	"tandem/quizzes"
)

// MaxDraftBytes bounds the answers kept as an attempt's draft (as stored JSON): room for
// long short-text answers to every question of a long quiz, not for anything else.
const MaxDraftBytes = 64 << 10

// Draft is what a saved draft answers: when it was saved.
type Draft struct {
	SavedAt time.Time `json:"saved_at"`
}

// SaveDraft keeps answers as the caller's answers so far on their open attempt, replacing the
// last draft, so the attempt resumes on another device. Answers are checked as a submission's
// are (questions and ids of this attempt) but not graded; a submitted attempt refuses with 409
// already_submitted, one past its deadline with 422 deadline_passed, a draft over
// MaxDraftBytes with 413.
func (s *Service) SaveDraft(ctx context.Context, caller auth.Caller, attemptID string, answers []quizzes.Answer) (*Draft, error) {
	userID := caller.ID
	a, err := s.store.AttemptByID(ctx, userID, attemptID)
	if errors.Is(err, models.ErrNotFound) {
		return nil, errs.NotFound("Attempt")
	}
	if err != nil {
		return nil, err
	}
	if a.SubmittedAt != nil {
		return nil, errAlreadySubmitted
	}
	now := s.now()
	if a.Deadline != nil && now.After(a.Deadline.Add(Grace)) {
		return nil, errs.New(http.StatusUnprocessableEntity, "deadline_passed", "The time limit of this attempt has passed.")
	}
	if err := s.checkDraft(a, answers); err != nil {
		return nil, err
	}
	if answers == nil {
		answers = []quizzes.Answer{}
	}
	draft, _ := json.Marshal(answers)
	if len(draft) > MaxDraftBytes {
		return nil, errs.New(http.StatusRequestEntityTooLarge, "draft_too_large",
			"These answers are too long to keep as a draft ("+strconv.Itoa(MaxDraftBytes>>10)+" KiB at most).")
	}
	err = s.store.SaveAttemptDraft(ctx, userID, attemptID, string(draft), now)
	switch {
	case errors.Is(err, models.ErrConflict):
		return nil, errAlreadySubmitted
	case errors.Is(err, models.ErrNotFound):
		return nil, errs.NotFound("Attempt")
	case err != nil:
		return nil, err
	}
	return &Draft{SavedAt: now}, nil
}

var errAlreadySubmitted = errs.Conflict("already_submitted", "This attempt has already been submitted.")

// checkDraft refuses answers that name a question or an id not of attempt a, or answer a
// question twice.
func (s *Service) checkDraft(a *models.QuizAttempt, answers []quizzes.Answer) error {
	quiz, ok := s.catalog.Quiz(a.QuizSlug)
	if !ok {
		return errs.New(http.StatusGone, "quiz_retired", "This quiz is no longer in the catalogue.")
	}
	local, err := localAnswers(quiz, answers)
	if err != nil {
		return err
	}
	_, qs := questions(quiz, a)
	presented := map[string]bool{}
	for _, q := range qs {
		presented[q.ID] = true
	}
	fields := map[string]string{}
	seen := map[string]bool{}
	for i, ans := range local {
		if !presented[ans.QuestionID] || seen[ans.QuestionID] {
			fields["answers["+strconv.Itoa(i)+"].question_id"] = "is not a question of this attempt, or is answered twice"
		}
		seen[ans.QuestionID] = true
	}
	if len(fields) > 0 {
		return errs.Invalid(fields)
	}
	_, err = maskOf(a).Reveal(qs, local)
	return answerErr(err)
}

// draftOf returns the stored draft of an open attempt, or nil.
func draftOf(a *models.QuizAttempt) []quizzes.Answer {
	if a.SubmittedAt != nil || a.Draft == "" {
		return nil
	}
	var answers []quizzes.Answer
	if json.Unmarshal([]byte(a.Draft), &answers) != nil {
		return nil
	}
	return answers
}
