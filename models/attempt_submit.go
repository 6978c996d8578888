package models

import (
	"context"
	"slices"
	"strings"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"tandem/locale"
)

// GradedAttempt is a graded attempt and what is stored with it: its question responses (counted
// into the quiz's item sums), judgement choices, reflection answers and learning events.
type GradedAttempt struct {
	Attempt     *QuizAttempt
	Responses   []QuestionResponse
	Judgements  []JudgementAnswer
	Reflections []ReflectionAnswer
	Events      []ProgressEvent
}

// submitJob is a submission waiting for its group and, once written, the learner's attempts
// at the quiz.
type submitJob struct {
	sub  GradedAttempt
	mine []QuizAttempt
}

// SubmitAttempt stores sub in a transaction whose first statement locks the learner's attempts
// at the quiz, so that two of their submissions are counted in turn, and reads them for the
// item sums. It returns those attempts as they stand after it (ids, numbers, times, scores and
// marking only), or ErrConflict when the attempt was already submitted, so of two concurrent
// submissions exactly one is stored. The transaction may be shared with other learners'
// submissions (see groupMax).
func (s *Store) SubmitAttempt(ctx context.Context, sub GradedAttempt) ([]QuizAttempt, error) {
	for i := range sub.Events {
		if sub.Events[i].Language == "" {
			sub.Events[i].Language = locale.From(ctx)
		}
	}
	job := &submitJob{sub: sub}
	err := s.submits.run(ctx, sub.Attempt.UserID, job, s.submitGroup)
	return job.mine, err
}

// submitGroup writes a group of submissions in one transaction and gives each its outcome;
// a conflict is an outcome, not a failure of the group.
func (s *Store) submitGroup(group []*grouped[*submitJob]) {
	var stored map[*submitJob]bool
	err := s.tx(groupContext(group), func(tx *gorm.DB) error {
		var err error
		stored, err = s.saveSubmissions(tx, group)
		return err
	})
	if err != nil && len(group) > 1 {
		for _, g := range group {
			s.submitGroup([]*grouped[*submitJob]{g})
		}
		return
	}
	finish(group, func(g *grouped[*submitJob]) error {
		switch {
		case err != nil:
			return err
		case !stored[g.job]:
			g.job.mine = nil
			return ErrConflict
		}
		return nil
	})
}

// saveSubmissions is where submitted attempts are stored, inside their transaction: the grade
// of each unsubmitted attempt (with its submit key), then everything stored with those that
// were still unsubmitted, the summaries and the item sums. It gives each job the learner's
// attempts at the quiz, locked, with the submitted one updated, and returns which were stored.
// An attempt awaiting marking has no responses yet: they are counted once it is marked.
func (s *Store) saveSubmissions(tx *gorm.DB, group []*grouped[*submitJob]) (map[*submitJob]bool, error) {
	at := make([]learnerQuiz, len(group))
	for i, g := range group {
		at[i] = learnerQuiz{g.job.sub.Attempt.UserID, g.job.sub.Attempt.QuizSlug}
	}
	attempts, err := s.lockAttemptsAt(tx, at)
	if err != nil {
		return nil, err
	}
	mine := map[learnerQuiz][]QuizAttempt{}
	for _, a := range attempts {
		k := learnerQuiz{a.UserID, a.QuizSlug}
		mine[k] = append(mine[k], a)
	}
	graded := make([]*QuizAttempt, len(group))
	for i, g := range group {
		graded[i] = g.job.sub.Attempt
	}
	written, err := s.gradeAttempts(tx, graded)
	if err != nil {
		return nil, err
	}
	stored := map[*submitJob]bool{}
	var (
		all            GradedAttempt
		users, quizzes []string
		changes        []ItemSumChange
	)
	for _, g := range group {
		graded := g.job.sub.Attempt
		if !written[graded.ID] {
			continue
		}
		stored[g.job] = true
		k := learnerQuiz{graded.UserID, graded.QuizSlug}
		for i := range mine[k] {
			if m := &mine[k][i]; m.ID == graded.ID {
				m.SubmittedAt, m.Score, m.Percent, m.Marking = graded.SubmittedAt, graded.Score, graded.Percent, graded.Marking
			}
		}
		g.job.mine = mine[k]
		sub := g.job.sub
		all.Events = append(all.Events, sub.Events...)
		all.Responses = append(all.Responses, sub.Responses...)
		all.Judgements = append(all.Judgements, sub.Judgements...)
		all.Reflections = append(all.Reflections, sub.Reflections...)
		users, quizzes = append(users, graded.UserID), append(quizzes, graded.QuizSlug)
		if graded.Marking != MarkingAwaited {
			changes = append(changes, itemSumChangesOf(graded, countable(mine[k]))...)
		}
	}
	if len(stored) == 0 {
		return stored, nil
	}
	if err := s.storeWithAttempts(tx, all); err != nil {
		return nil, err
	}
	slices.Sort(users)
	slices.Sort(quizzes)
	if err := resummariseQuizzes(tx, users, slices.Compact(quizzes)); err != nil {
		return nil, err
	}
	if err := s.insertItemSumChanges(tx, changes); err != nil {
		return nil, err
	}
	return stored, nil
}

// insertItemSumChanges queues item-sum changes, in order: on PostgreSQL as arrays (see
// insertRows).
func (s *Store) insertItemSumChanges(tx *gorm.DB, changes []ItemSumChange) error {
	switch {
	case len(changes) == 0:
		return nil
	case !s.postgres:
		return tx.Create(&changes).Error
	}
	n := len(changes)
	return insertRows(tx, "item_sum_changes", "",
		columnOf("quiz_slug", "text", n, func(i int) string { return changes[i].QuizSlug }),
		columnOf("selection", "text", n, func(i int) string { return changes[i].Selection }),
		columnOf("attempt_id", "text", n, func(i int) string { return changes[i].AttemptID }),
		columnOf("sign", "bigint", n, func(i int) int { return changes[i].Sign }),
		columnOf("total", "numeric", n, func(i int) float64 { return changes[i].Total }))
}

// gradeAttempts writes the grades of attempts still unsubmitted, with their submit keys, in
// one statement, and returns the ids of those it wrote: an attempt submitted before is left
// as it is.
func (s *Store) gradeAttempts(tx *gorm.DB, graded []*QuizAttempt) (map[string]bool, error) {
	const names = "id, user_id, submitted_at, score, max_score, percent, passed, answers, results, submit_key, marking, quiz_hash"
	var values string
	var args []any
	if s.postgres {
		// One array a column, so that the statement's text is the same for any number of attempts.
		n := len(graded)
		_, values, args = unnest(
			columnOf("id", "text", n, func(i int) string { return graded[i].ID }),
			columnOf("user_id", "text", n, func(i int) string { return graded[i].UserID }),
			columnOf("submitted_at", "timestamptz", n, func(i int) *time.Time { return graded[i].SubmittedAt }),
			columnOf("score", "numeric", n, func(i int) float64 { return graded[i].Score }),
			columnOf("max_score", "numeric", n, func(i int) float64 { return graded[i].MaxScore }),
			columnOf("percent", "numeric", n, func(i int) float64 { return graded[i].Percent }),
			columnOf("passed", "boolean", n, func(i int) bool { return graded[i].Passed }),
			columnOf("answers", "text", n, func(i int) string { return graded[i].Answers }),
			columnOf("results", "text", n, func(i int) string { return graded[i].Results }),
			columnOf("submit_key", "text", n, func(i int) *string { return graded[i].SubmitKey }),
			columnOf("marking", "text", n, func(i int) string { return graded[i].Marking }),
			columnOf("quiz_hash", "text", n, func(i int) string { return graded[i].QuizHash }))
	} else {
		rows := make([]string, len(graded))
		for i, a := range graded {
			rows[i] = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
			args = append(args, a.ID, a.UserID, a.SubmittedAt, a.Score, a.MaxScore, a.Percent, a.Passed, a.Answers, a.Results,
				a.SubmitKey, a.Marking, a.QuizHash)
		}
		values = "VALUES " + strings.Join(rows, ", ")
	}
	var ids []string
	err := rawInto(tx, &ids, `WITH v (`+names+`) AS (`+values+`)
UPDATE quiz_attempts SET submitted_at = v.submitted_at, score = v.score, max_score = v.max_score, percent = v.percent,
  passed = v.passed, answers = v.answers, results = v.results, submit_key = v.submit_key, draft = '', draft_saved_at = NULL,
  marking = v.marking, quiz_hash = v.quiz_hash
FROM v WHERE quiz_attempts.id = v.id AND quiz_attempts.user_id = v.user_id AND quiz_attempts.submitted_at IS NULL
RETURNING quiz_attempts.id`, args...)
	written := make(map[string]bool, len(ids))
	for _, id := range ids {
		written[id] = true
	}
	return written, err
}

// storeWithAttempts inserts what is stored with submitted attempts: their events, question
// responses, judgement choices (a learner's latest per question) and reflection answers.
func (s *Store) storeWithAttempts(tx *gorm.DB, all GradedAttempt) error {
	if err := s.insertEvents(tx, all.Events...); err != nil {
		return err
	}
	if err := s.insertResponses(tx, all.Responses); err != nil {
		return err
	}
	if err := s.upsertJudgements(tx, all.Judgements); err != nil {
		return err
	}
	if len(all.Reflections) > 0 {
		return tx.Create(&all.Reflections).Error
	}
	return nil
}

// upsertJudgements keeps each learner's latest choice on judgement questions: on PostgreSQL as
// arrays (see insertRows).
func (s *Store) upsertJudgements(tx *gorm.DB, js []JudgementAnswer) error {
	switch {
	case len(js) == 0:
		return nil
	case !s.postgres:
		return tx.Clauses(clause.OnConflict{
			Columns:   []clause.Column{{Name: "user_id"}, {Name: "question_key"}},
			DoUpdates: clause.AssignmentColumns([]string{"option_id", "discipline_group", "updated_at"}),
		}).Create(&js).Error
	}
	n, now := len(js), time.Now()
	return insertRows(tx, "judgement_answers",
		" ON CONFLICT (user_id, question_key) DO UPDATE SET option_id = excluded.option_id, discipline_group = excluded.discipline_group, updated_at = excluded.updated_at",
		columnOf("user_id", "text", n, func(i int) string { return js[i].UserID }),
		columnOf("question_key", "text", n, func(i int) string { return js[i].QuestionKey }),
		columnOf("quiz_slug", "text", n, func(i int) string { return js[i].QuizSlug }),
		columnOf("option_id", "text", n, func(i int) string { return js[i].OptionID }),
		columnOf("discipline_group", "text", n, func(i int) string { return js[i].Group }),
		columnOf("updated_at", "timestamptz", n, func(i int) time.Time {
			if js[i].UpdatedAt.IsZero() {
				return now // as gorm's insert does
			}
			return js[i].UpdatedAt
		}))
}

// insertResponses inserts question responses: on PostgreSQL as arrays (see insertRows), on
// SQLite in batches of rows.
func (s *Store) insertResponses(tx *gorm.DB, rs []QuestionResponse) error {
	switch {
	case len(rs) == 0:
		return nil
	case !s.postgres:
		return tx.CreateInBatches(&rs, 1000).Error
	}
	n := len(rs)
	return insertRows(tx, "question_responses", "",
		columnOf("attempt_id", "text", n, func(i int) string { return rs[i].AttemptID }),
		columnOf("question_id", "text", n, func(i int) string { return rs[i].QuestionID }),
		columnOf("quiz_slug", "text", n, func(i int) string { return rs[i].QuizSlug }),
		columnOf("user_id", "text", n, func(i int) string { return rs[i].UserID }),
		columnOf("attempt_number", "bigint", n, func(i int) int { return rs[i].AttemptNumber }),
		columnOf("discipline_group", "text", n, func(i int) string { return rs[i].DisciplineGroup }),
		columnOf("score", "numeric", n, func(i int) float64 { return rs[i].Score }),
		columnOf("max_score", "numeric", n, func(i int) float64 { return rs[i].MaxScore }),
		columnOf("rest", "numeric", n, func(i int) float64 { return rs[i].Rest }),
		columnOf("answered", "boolean", n, func(i int) bool { return rs[i].Answered }),
		columnOf("choice", "text", n, func(i int) string { return rs[i].Choice }),
		columnOf("submitted_at", "timestamptz", n, func(i int) time.Time { return rs[i].SubmittedAt }))
}
