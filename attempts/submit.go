package attempts

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strconv"

	"tandem/auth"
	"tandem/courses"
	"tandem/disciplines"
	"tandem/errs"
	"tandem/locale"
	"tandem/models"
	"tandem/quizstats"
	"tandem/quizzes"
)

// Submit grades the caller's answers to an open attempt and stores the grade once. A second
// submission of the same attempt, even a concurrent one, gets 409 already_submitted, unless it
// carries the key (Idempotency-Key) the stored one came with: then it is a retry and gets the
// stored result, marked Replayed, or 422 idempotency_key_reused when its answers differ. One
// after the deadline (plus Grace) gets 422 deadline_passed; malformed answers get 422 with
// per-answer details and change nothing.
func (s *Service) Submit(ctx context.Context, caller auth.Caller, attemptID, key string, answers []quizzes.Answer) (*Result, error) {
	userID := caller.ID
	a, discipline, err := s.store.AttemptAndDiscipline(ctx, userID, attemptID, caller.Session)
	if errors.Is(err, models.ErrNotFound) {
		return nil, errs.NotFound("Attempt")
	}
	if err != nil {
		return nil, err
	}
	ctx = inSavedLanguage(ctx, caller.Session)
	if a.SubmittedAt != nil && !sameKey(a.SubmitKey, key) {
		return nil, errAlreadySubmitted
	}
	quiz, ok := s.catalog.Quiz(a.QuizSlug)
	if !ok {
		return nil, errs.New(http.StatusGone, "quiz_retired", "This quiz is no longer in the catalogue.")
	}
	local, err := localAnswers(quiz, answers)
	if err != nil {
		return nil, err
	}
	// Graded by ids on the source quiz, whose short_text answers include every translation's.
	_, qs := questions(quiz.ForGrading(), a)
	local, err = maskOf(a).Reveal(qs, local)
	if err := answerErr(err); err != nil {
		return nil, err
	}
	answersJSON, _ := json.Marshal(local)
	if a.SubmittedAt != nil {
		return s.replaySubmit(ctx, quiz, a, key, answersJSON)
	}
	now := s.now()
	if a.Deadline != nil && now.After(a.Deadline.Add(Grace)) {
		return nil, errs.New(http.StatusUnprocessableEntity, "deadline_passed", "The time limit of this attempt has passed.")
	}
	graded, err := quizzes.GradeAttempt(qs, local)
	if err := answerErr(err); err != nil {
		return nil, err
	}
	resultsJSON, _ := json.Marshal(graded.Results)
	a.SubmittedAt, a.Score, a.MaxScore, a.Percent = &now, graded.Score, graded.MaxScore, graded.Percent
	a.Passed = Passes(quiz, graded)
	a.Answers, a.Results, a.QuizHash = string(answersJSON), string(resultsJSON), quiz.Hash // the version it is graded by
	if key != "" {
		a.SubmitKey = &key
	}
	track := quiz.Module.Track.Slug
	reflections := reflectionAnswers(quiz, a, graded.Results, local)
	var events []models.ProgressEvent
	if len(reflections) > 0 {
		a.Marking, a.Percent, a.Passed = models.MarkingAwaited, 0, false
	} else {
		events = append(events, gradedEvent(quiz, a))
	}
	var judgements []models.JudgementAnswer
	for _, ans := range local {
		q, ok := quiz.Question(ans.QuestionID)
		if ok && q.Type == quizzes.Judgement && len(ans.ChoiceIDs) == 1 {
			key := QuestionKey(quiz.Slug, q.ID)
			judgements = append(judgements, models.JudgementAnswer{UserID: userID, QuestionKey: key,
				QuizSlug: quiz.Slug, OptionID: ans.ChoiceIDs[0], Group: disciplines.Group(discipline), UpdatedAt: now})
			events = append(events, models.NewEvent(userID, "answered", "question", key, track, map[string]any{"choice": ans.ChoiceIDs[0]}))
		}
	}
	var rows []models.QuestionResponse
	if a.Marking == "" {
		rows = Responses(a, graded.Results, local, disciplines.Group(discipline))
	}
	mine, err := s.store.SubmitAttempt(ctx, models.GradedAttempt{Attempt: a, Responses: rows, Judgements: judgements, Reflections: reflections, Events: events})
	if errors.Is(err, models.ErrConflict) {
		// Submitted meanwhile: by a concurrent retry of this request, or by another.
		if a, err = s.store.AttemptByID(ctx, userID, attemptID); err != nil {
			return nil, err
		}
		return s.replaySubmit(ctx, quiz, a, key, answersJSON)
	}
	if err != nil {
		return nil, err
	}
	r := s.result(quiz, a, graded.Results, local, s.momentAmong(quiz, a, mine), locale.From(ctx))
	return r, s.addMarking(ctx, quiz, a, r)
}

// gradedEvent is the learning event of a graded attempt: passed or failed, with its score.
func gradedEvent(quiz *courses.Quiz, a *models.QuizAttempt) models.ProgressEvent {
	verb := "failed"
	if a.Passed {
		verb = "passed"
	}
	return models.NewEvent(a.UserID, verb, "quiz", quiz.Slug, quiz.Module.Track.Slug, map[string]any{
		"attempt": a.ID, "score": a.Score, "max_score": a.MaxScore, "percent": a.Percent, "passed": a.Passed})
}

// Passes reports whether a grade passes quiz: a quiz worth nothing is never passed.
func Passes(quiz *courses.Quiz, g quizzes.Graded) bool {
	return g.MaxScore > 0 && g.Percent >= float64(quiz.PassPercent)
}

// Responses are the rows item analysis reads for a graded attempt: each question's score and,
// for choice questions, the options chosen.
func Responses(a *models.QuizAttempt, results []quizzes.Result, answers []quizzes.Answer, group string) []models.QuestionResponse {
	chosen := map[string]string{}
	for _, ans := range answers {
		chosen[ans.QuestionID] = quizstats.JoinIDs(ans.ChoiceIDs)
	}
	out := make([]models.QuestionResponse, len(results))
	for i, r := range results {
		out[i] = models.QuestionResponse{AttemptID: a.ID, QuestionID: r.QuestionID, QuizSlug: a.QuizSlug, UserID: a.UserID,
			AttemptNumber: a.Number, DisciplineGroup: group, Score: r.Points, MaxScore: r.MaxPoints, Rest: a.Score - r.Points, Answered: r.Answered,
			Choice: chosen[r.QuestionID], SubmittedAt: *a.SubmittedAt}
	}
	return out
}

// answerErr turns malformed answers into a 422 with per-answer details.
func answerErr(err error) error {
	var answerErr *quizzes.AnswerError
	if errors.As(err, &answerErr) {
		return errs.Invalid(answerErr.Fields)
	}
	return err
}

// sameKey reports whether a request's key is the stored one; no key matches nothing.
func sameKey(stored *string, key string) bool { return key != "" && stored != nil && *stored == key }

// localAnswers checks that every answer names a question of quiz and returns the answers with
// question ids local to the quiz.
func localAnswers(quiz *courses.Quiz, answers []quizzes.Answer) ([]quizzes.Answer, error) {
	fields := map[string]string{}
	local := make([]quizzes.Answer, len(answers))
	for i, ans := range answers {
		slug, qid, ok := splitKey(ans.QuestionID)
		if !ok || slug != quiz.Slug {
			fields["answers["+strconv.Itoa(i)+"].question_id"] = "is not a question of this attempt"
		}
		local[i] = ans
		local[i].QuestionID = qid
	}
	if len(fields) > 0 {
		return nil, errs.Invalid(fields)
	}
	return local, nil
}

// replaySubmit answers a submission of an attempt already submitted: a retry, with the key and
// the answers the stored submission came with, gets its result again.
func (s *Service) replaySubmit(ctx context.Context, quiz *courses.Quiz, a *models.QuizAttempt, key string, answersJSON []byte) (*Result, error) {
	if !sameKey(a.SubmitKey, key) {
		return nil, errAlreadySubmitted
	}
	if a.Answers != string(answersJSON) {
		return nil, errs.KeyReused()
	}
	var results []quizzes.Result
	var answers []quizzes.Answer
	if err := json.Unmarshal([]byte(a.Results), &results); err != nil {
		return nil, err
	}
	if err := json.Unmarshal([]byte(a.Answers), &answers); err != nil {
		return nil, err
	}
	m, err := s.moment(ctx, quiz, a)
	if err != nil {
		return nil, err
	}
	r := s.result(quiz, a, results, answers, m, locale.From(ctx))
	r.Replayed = true
	return r, s.addMarking(ctx, quiz, a, r)
}

// GroupCounts are one discipline group's answers to a judgement question. Options is left out
// while the group has fewer than MinGroupSize answers, so no one is singled out.
type GroupCounts struct {
	N       int            `json:"n"`
	Options map[string]int `json:"options,omitempty"`
}

// Perspectives is how clinical and technical learners answered a judgement question.
type Perspectives struct {
	QuestionID string                 `json:"question_id"`
	Groups     map[string]GroupCounts `json:"groups"`
}

// Perspectives returns the counts for a judgement question the caller has answered. Options
// are keyed by the ids of the caller's attempt attemptID when it is given (the ids the
// learner saw), else by the authored ids: a judgement question has no key to give away.
func (s *Service) Perspectives(ctx context.Context, caller auth.Caller, key, attemptID string) (*Perspectives, error) {
	userID := caller.ID
	slug, qid, ok := splitKey(key)
	quiz, found := s.catalog.Quiz(slug)
	if !ok || !found {
		return nil, errs.NotFound("Question")
	}
	q, ok := quiz.Question(qid)
	if !ok || q.Type != quizzes.Judgement {
		return nil, errs.NotFound("Judgement question")
	}
	optionID := func(id string) string { return id }
	if attemptID != "" {
		a, err := s.store.AttemptByID(ctx, userID, attemptID)
		if errors.Is(err, models.ErrNotFound) || err == nil && a.QuizSlug != quiz.Slug {
			return nil, errs.NotFound("Attempt")
		}
		if err != nil {
			return nil, err
		}
		mask := maskOf(a)
		optionID = func(id string) string { return mask.Hide(q, quizzes.Answer{ChoiceIDs: []string{id}}).ChoiceIDs[0] }
	}
	answered, err := s.store.HasJudgementAnswer(ctx, userID, key)
	if err != nil {
		return nil, err
	}
	if !answered {
		return nil, errs.Forbidden("Answer this question first; then you can see how others answered.")
	}
	counts, err := s.store.JudgementCounts(ctx, key)
	if err != nil {
		return nil, err
	}
	return &Perspectives{QuestionID: key, Groups: groupCounts(q, counts, optionID)}, nil
}

// groupCounts sums counts into the clinical and technical groups, with every option of q
// under its id as optionID gives it; a group under MinGroupSize answers shows its size only.
func groupCounts(q *quizzes.Question, counts []models.JudgementCount, optionID func(string) string) map[string]GroupCounts {
	groups := map[string]GroupCounts{disciplines.Clinical: {}, disciplines.Technical: {}}
	for _, c := range counts {
		if c.Group != disciplines.Clinical && c.Group != disciplines.Technical {
			continue
		}
		g := groups[c.Group]
		g.N += c.N
		if g.Options == nil {
			g.Options = map[string]int{}
		}
		if id := optionID(c.OptionID); id != "" { // "": an option no longer in the question
			g.Options[id] += c.N
		}
		groups[c.Group] = g
	}
	for name, g := range groups {
		if g.N < MinGroupSize {
			g.Options = nil
		} else {
			for _, o := range q.Options {
				g.Options[optionID(o.ID)] += 0 // every option appears, chosen or not
			}
		}
		groups[name] = g
	}
	return groups
}
