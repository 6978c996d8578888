package models

import (
	"context"
	"slices"
	"sync"

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

// Submissions that arrive while others are being written share a transaction: most of what a
// submission costs the database (the transaction, the summaries and item sums, each insert) is
// paid once per group instead of once per learner. At most submitLeaders groups are written at
// a time, each of at most submitGroupMax submissions, one per learner.
const (
	submitLeaders  = 4
	submitGroupMax = 32
)

// submitQueue holds the submissions waiting for a group.
type submitQueue struct {
	mu      sync.Mutex
	waiting []*queuedSubmission
	leaders int // groups being written, or about to be
}

// queuedSubmission is one submission and, once done is closed, its outcome.
type queuedSubmission struct {
	ctx  context.Context
	sub  GradedAttempt
	mine []QuizAttempt
	err  error
	done chan struct{}
}

// SubmitAttempt stores sub in a transaction whose first statement locks the learner's attempts
// at the quiz, so that two of their submissions are counted in turn, and reads them for the
// item sums. It returns those attempts as they stand after it (ids, numbers, times, scores and
// marking only), or ErrConflict when the attempt was already submitted, so of two concurrent
// submissions exactly one is stored.
//
// The transaction may be shared with other learners' submissions (see submitGroupMax); a group
// that fails is written again one submission at a time, so that one submission's failure is
// never another's. Inside the transaction ctx carries, sub is written in it, alone.
func (s *Store) SubmitAttempt(ctx context.Context, sub GradedAttempt) ([]QuizAttempt, error) {
	for i := range sub.Events {
		if sub.Events[i].Language == "" {
			sub.Events[i].Language = locale.From(ctx)
		}
	}
	q := &queuedSubmission{ctx: ctx, sub: sub, done: make(chan struct{})}
	if ctx.Value(txKey{}) != nil {
		s.submitGroup([]*queuedSubmission{q})
		return q.mine, q.err
	}
	if s.submits.enqueue(q) {
		s.leadSubmissions(q)
	}
	<-q.done
	return q.mine, q.err
}

// enqueue adds q to the waiting submissions and reports whether its caller is to lead: write
// groups until q is written.
func (sq *submitQueue) enqueue(q *queuedSubmission) bool {
	sq.mu.Lock()
	defer sq.mu.Unlock()
	sq.waiting = append(sq.waiting, q)
	if sq.leaders >= submitLeaders {
		return false
	}
	sq.leaders++
	return true
}

// next takes the next group from the waiting submissions, in the order they came, skipping
// those of learners already in it. When none wait, the leader asking stops leading.
func (sq *submitQueue) next() []*queuedSubmission {
	sq.mu.Lock()
	defer sq.mu.Unlock()
	var group, rest []*queuedSubmission
	learners := map[string]bool{}
	for _, q := range sq.waiting {
		user := q.sub.Attempt.UserID
		if len(group) < submitGroupMax && !learners[user] {
			learners[user] = true
			group = append(group, q)
		} else {
			rest = append(rest, q)
		}
	}
	sq.waiting = rest
	if len(group) == 0 {
		sq.leaders--
	}
	return group
}

// leadSubmissions writes groups of waiting submissions until own is written, then leaves
// those that came meanwhile to a goroutine, so that no request waits for later groups.
func (s *Store) leadSubmissions(own *queuedSubmission) {
	for {
		group := s.submits.next()
		if group == nil {
			return
		}
		s.submitGroup(group)
		select {
		case <-own.done:
			go s.carryOnSubmissions()
			return
		default:
		}
	}
}

// carryOnSubmissions writes groups until none wait.
func (s *Store) carryOnSubmissions() {
	for group := s.submits.next(); group != nil; group = s.submits.next() {
		s.submitGroup(group)
	}
}

// submitGroup writes a group of submissions in one transaction and gives each its outcome. A
// group of several runs apart from any one request's cancellation.
func (s *Store) submitGroup(group []*queuedSubmission) {
	ctx := group[0].ctx
	if len(group) > 1 {
		ctx = context.WithoutCancel(ctx)
	}
	var (
		mine   map[learnerQuiz][]QuizAttempt
		stored map[*queuedSubmission]bool
	)
	err := s.tx(ctx, func(tx *gorm.DB) error {
		var err error
		mine, stored, err = s.saveSubmissions(tx, group)
		return err
	})
	if err != nil && len(group) > 1 {
		for _, q := range group {
			s.submitGroup([]*queuedSubmission{q})
		}
		return
	}
	for _, q := range group {
		switch a := q.sub.Attempt; {
		case err != nil:
			q.err = err
		case !stored[q]:
			q.err = ErrConflict
		default:
			q.mine = mine[learnerQuiz{a.UserID, a.QuizSlug}]
		}
		close(q.done)
	}
}

// saveSubmissions is where submitted attempts are stored, inside their transaction: the grade
// of each unsubmitted attempt (with its submit key), then everything stored with those that
// were still unsubmitted, the summaries and the item sums. It returns the learners' attempts
// at the quizzes, locked, with the submitted ones updated, and which submissions were stored.
// An attempt awaiting marking has no responses yet: they are counted once it is marked.
func (s *Store) saveSubmissions(tx *gorm.DB, group []*queuedSubmission) (map[learnerQuiz][]QuizAttempt, map[*queuedSubmission]bool, error) {
	at := make([]learnerQuiz, len(group))
	for i, q := range group {
		at[i] = learnerQuiz{q.sub.Attempt.UserID, q.sub.Attempt.QuizSlug}
	}
	attempts, err := s.lockAttemptsAt(tx, at)
	if err != nil {
		return nil, nil, err
	}
	mine := map[learnerQuiz][]QuizAttempt{}
	for _, a := range attempts {
		k := learnerQuiz{a.UserID, a.QuizSlug}
		mine[k] = append(mine[k], a)
	}
	stored := map[*queuedSubmission]bool{}
	var (
		all            GradedAttempt
		users, quizzes []string
		changes        []ItemSumChange
	)
	for _, q := range group {
		graded := q.sub.Attempt
		res := tx.Model(&QuizAttempt{}).Where("id = ? AND user_id = ? AND submitted_at IS NULL", graded.ID, graded.UserID).
			Updates(map[string]any{
				"submitted_at": graded.SubmittedAt, "score": graded.Score, "max_score": graded.MaxScore,
				"percent": graded.Percent, "passed": graded.Passed, "answers": graded.Answers, "results": graded.Results,
				"submit_key": graded.SubmitKey, "draft": "", "draft_saved_at": nil, "marking": graded.Marking, "quiz_hash": graded.QuizHash,
			})
		if res.Error != nil {
			return nil, nil, res.Error
		}
		if res.RowsAffected == 0 {
			continue
		}
		stored[q] = true
		k := learnerQuiz{graded.UserID, graded.QuizSlug}
		for i := range mine[k] {
			if m := &mine[k][i]; m.ID == graded.ID {
				m.SubmittedAt, m.Score, m.Percent, m.Marking = graded.SubmittedAt, graded.Score, graded.Percent, graded.Marking
			}
		}
		all.Events = append(all.Events, q.sub.Events...)
		all.Responses = append(all.Responses, q.sub.Responses...)
		all.Judgements = append(all.Judgements, q.sub.Judgements...)
		all.Reflections = append(all.Reflections, q.sub.Reflections...)
		users, quizzes = append(users, graded.UserID), append(quizzes, graded.QuizSlug)
		if graded.Marking != MarkingAwaited {
			changes = append(changes, itemSumChangesOf(graded, countable(mine[k]))...)
		}
	}
	if len(stored) == 0 {
		return mine, stored, nil
	}
	if err := s.storeWithAttempts(tx, all); err != nil {
		return nil, nil, err
	}
	slices.Sort(users)
	slices.Sort(quizzes)
	if err := resummariseQuizzes(tx, users, slices.Compact(quizzes)); err != nil {
		return nil, nil, err
	}
	if len(changes) > 0 {
		if err := tx.Create(&changes).Error; err != nil {
			return nil, nil, err
		}
	}
	return mine, stored, nil
}

// storeWithAttempts inserts what is stored with submitted attempts: their events, question
// responses, judgement choices (a learner's latest per question) and reflection answers.
func (s *Store) storeWithAttempts(tx *gorm.DB, all GradedAttempt) error {
	if err := s.insertEvents(tx, all.Events...); err != nil {
		return err
	}
	if len(all.Responses) > 0 {
		if err := tx.CreateInBatches(&all.Responses, 1000).Error; err != nil {
			return err
		}
	}
	if len(all.Judgements) > 0 {
		if err := tx.Clauses(clause.OnConflict{
			Columns:   []clause.Column{{Name: "user_id"}, {Name: "question_key"}},
			DoUpdates: clause.AssignmentColumns([]string{"option_id", "discipline_group", "updated_at"}),
		}).Create(&all.Judgements).Error; err != nil {
			return err
		}
	}
	if len(all.Reflections) > 0 {
		return tx.Create(&all.Reflections).Error
	}
	return nil
}
