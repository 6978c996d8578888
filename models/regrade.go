package models

import (
	"context"
	"errors"
	"slices"

	"gorm.io/gorm"
)

// StaleQuiz is a quiz with submitted attempts graded against an earlier version of it.
type StaleQuiz struct {
	QuizSlug string
	Attempts int
	Learners int
}

// StaleQuizzes counts, per quiz of the mirrored catalogue, the submitted attempts whose
// version (quiz_hash) is not the quiz's current one.
func (s *Store) StaleQuizzes(ctx context.Context) ([]StaleQuiz, error) {
	var out []StaleQuiz
	err := s.db.WithContext(ctx).Table("quiz_attempts AS a").
		Select("a.quiz_slug, COUNT(*) AS attempts, COUNT(DISTINCT a.user_id) AS learners").
		Joins("JOIN quizzes AS q ON q.slug = a.quiz_slug AND q.retired = ?", false).
		Where("a.submitted_at IS NOT NULL AND a.quiz_hash <> q.hash").
		Group("a.quiz_slug").Order("a.quiz_slug").Scan(&out).Error
	return out, mapErr(err)
}

// Regraded is an attempt's grade after a regrade, with its question responses for item
// analysis (their discipline group is taken from the attempt's earlier responses).
type Regraded struct {
	Score, MaxScore, Percent float64
	Passed                   bool
	Results                  string
	Responses                []QuestionResponse
}

// RegradeRun is one regrade of a quiz's attempts to its current version Hash. Grade computes
// an attempt's new grade; Event builds the learning event recorded for a learner whose
// counted result changed. A DryRun does everything, then rolls it back.
type RegradeRun struct {
	Quiz, Hash, ActorID string
	GradeLast           bool
	DryRun              bool
	Grade               func(a *QuizAttempt) (*Regraded, error)
	Event               func(userID string, counted *QuizAttempt) ProgressEvent
}

// AttemptRegrade is one attempt before and after a regrade.
type AttemptRegrade struct {
	Before, After QuizAttempt
}

// LearnerRegrade is a learner's attempts at the quiz in a regrade and their counted attempt
// before and after it.
type LearnerRegrade struct {
	UserID                      string
	Attempts                    []AttemptRegrade
	CountedBefore, CountedAfter QuizAttempt
}

// errDryRun rolls a dry run back.
var errDryRun = errors.New("dry run")

// RegradeQuiz regrades, in one transaction, every submitted attempt at run.Quiz graded
// against another version than run.Hash: the attempts' grades and versions, their question
// responses and the quiz's item sums, a learning event for each learner whose counted result
// changed (progress, certificates and LTI grades follow from it), and one audit event. Each
// learner's attempts are locked first, in learner order, as a submission locks them: a
// submission racing a regrade is graded and counted before it or after it, never in between.
// Of two regrades at once the second finds nothing left to do (an empty list). A dry run
// returns the same and leaves the database as it was. An attempt awaiting marking gets its
// new score and version only: it is graded, counted and analysed when its marking completes.
func (s *Store) RegradeQuiz(ctx context.Context, run RegradeRun) ([]LearnerRegrade, error) {
	var out []LearnerRegrade
	err := s.tx(ctx, func(tx *gorm.DB) error {
		var users []string
		if err := tx.Model(&QuizAttempt{}).Distinct("user_id").
			Where("quiz_slug = ? AND submitted_at IS NOT NULL AND quiz_hash <> ?", run.Quiz, run.Hash).
			Order("user_id").Pluck("user_id", &users).Error; err != nil {
			return err
		}
		out = out[:0]
		d := newItemDelta()
		for _, u := range users {
			lr, err := s.regradeLearner(tx, run, u, d)
			if err != nil {
				return err
			}
			if len(lr.Attempts) > 0 {
				out = append(out, *lr)
			}
		}
		if len(out) == 0 {
			return errDryRun // nothing to write, nor to audit
		}
		if err := d.apply(tx); err != nil {
			return err
		}
		if err := tx.Create(regradeAudit(run, out)).Error; err != nil {
			return err
		}
		if run.DryRun {
			return errDryRun
		}
		return nil
	})
	if errors.Is(err, errDryRun) {
		err = nil
	}
	return out, err
}

// regradeLearner regrades one learner's stale attempts, adding what changes in the item sums
// to d.
func (s *Store) regradeLearner(tx *gorm.DB, run RegradeRun, userID string, d *itemDelta) (*LearnerRegrade, error) {
	if _, err := s.lockAttemptsOf(tx, userID, run.Quiz); err != nil {
		return nil, err
	}
	if err := s.foldChangesOf(tx, userID, run.Quiz); err != nil {
		return nil, err
	}
	var before []QuizAttempt
	if err := tx.Where("user_id = ? AND quiz_slug = ? AND submitted_at IS NOT NULL", userID, run.Quiz).
		Order("number").Find(&before).Error; err != nil {
		return nil, err
	}
	ids := make([]string, len(before))
	for i := range before {
		ids[i] = before[i].ID
	}
	var rows []QuestionResponse
	if err := tx.Where("attempt_id IN ?", ids).Find(&rows).Error; err != nil {
		return nil, err
	}
	oldResp := map[string][]QuestionResponse{}
	for _, r := range rows {
		oldResp[r.AttemptID] = append(oldResp[r.AttemptID], r)
	}
	lr := &LearnerRegrade{UserID: userID}
	after := append([]QuizAttempt(nil), before...)
	newResp := map[string][]QuestionResponse{}
	for i := range after {
		a := &after[i]
		newResp[a.ID] = oldResp[a.ID]
		if a.QuizHash == run.Hash {
			continue
		}
		g, err := run.Grade(a)
		if err != nil {
			return nil, err
		}
		a.Score, a.MaxScore, a.Percent, a.Passed, a.Results, a.QuizHash = g.Score, g.MaxScore, g.Percent, g.Passed, g.Results, run.Hash
		if a.Marking == MarkingAwaited {
			// Graded once marked: until then no percent, no pass, and no responses counted.
			a.Percent, a.Passed = 0, false
		} else {
			newResp[a.ID] = withGroupOf(g.Responses, oldResp[a.ID])
		}
		if err := storeRegraded(tx, &before[i], a, newResp[a.ID]); err != nil {
			return nil, err
		}
		lr.Attempts = append(lr.Attempts, AttemptRegrade{Before: before[i], After: *a})
	}
	if len(lr.Attempts) == 0 {
		return lr, nil
	}
	before, after = graded(before), graded(after)
	s.reweigh(d, run.Quiz, before, after, oldResp, newResp)
	lr.CountedBefore, lr.CountedAfter = countedOf(before, run.GradeLast), countedOf(after, run.GradeLast)
	if lr.CountedBefore.Percent != lr.CountedAfter.Percent || lr.CountedBefore.Passed != lr.CountedAfter.Passed {
		if err := s.insertEvents(tx, run.Event(userID, &lr.CountedAfter)); err != nil {
			return nil, err
		}
	}
	return lr, resummariseQuiz(tx, userID, run.Quiz)
}

// storeRegraded writes an attempt's new grade and responses, provided it still has the grade
// it was read with; else another regrade came first and ErrConflict undoes this one.
func storeRegraded(tx *gorm.DB, before, after *QuizAttempt, responses []QuestionResponse) error {
	res := tx.Model(&QuizAttempt{}).Where("id = ? AND quiz_hash = ?", after.ID, before.QuizHash).Updates(map[string]any{
		"score": after.Score, "max_score": after.MaxScore, "percent": after.Percent, "passed": after.Passed,
		"results": after.Results, "quiz_hash": after.QuizHash})
	if res.Error != nil {
		return res.Error
	}
	if res.RowsAffected == 0 {
		return ErrConflict
	}
	if err := tx.Where("attempt_id = ?", after.ID).Delete(&QuestionResponse{}).Error; err != nil {
		return err
	}
	if len(responses) == 0 {
		return nil
	}
	return tx.Create(&responses).Error
}

// withGroupOf gives new responses the discipline group the attempt's earlier ones were
// counted under, so that item analysis splits the attempt as before.
func withGroupOf(responses, earlier []QuestionResponse) []QuestionResponse {
	if len(earlier) == 0 {
		return responses
	}
	for i := range responses {
		responses[i].DisciplineGroup = earlier[0].DisciplineGroup
	}
	return responses
}

// reweigh takes a learner's attempts out of the item sums as they were and puts them back as
// they are, in every kept selection.
func (s *Store) reweigh(d *itemDelta, quiz string, before, after []QuizAttempt, oldResp, newResp map[string][]QuestionResponse) {
	for i := range before {
		if before[i].QuizHash == after[i].QuizHash {
			continue
		}
		d.add(quiz, selectAll, -1, before[i].Score, oldResp[before[i].ID])
		d.add(quiz, selectAll, 1, after[i].Score, newResp[after[i].ID])
		if before[i].Number == 1 {
			d.add(quiz, selectFirst, -1, before[i].Score, oldResp[before[i].ID])
			d.add(quiz, selectFirst, 1, after[i].Score, newResp[after[i].ID])
		}
	}
	for selection, last := range map[string]bool{selectBest: false, selectLast: true} {
		b, a := countedOf(before, last), countedOf(after, last)
		d.add(quiz, selection, -1, b.Score, oldResp[b.ID])
		d.add(quiz, selection, 1, a.Score, newResp[a.ID])
	}
}

// countedOf is the attempt that counts among attempts, as counted picks it; none (a zero
// attempt) when there are none.
func countedOf(attempts []QuizAttempt, last bool) QuizAttempt {
	cs := make([]countedAttempt, len(attempts))
	for i, a := range attempts {
		cs[i] = countedAttempt{ID: a.ID, Number: a.Number, Percent: a.Percent, Score: a.Score}
	}
	c := counted(cs, last)
	for _, a := range attempts {
		if c != nil && a.ID == c.ID {
			return a
		}
	}
	return QuizAttempt{}
}

// graded are the attempts among attempts that are graded: not awaiting marking. Only they are
// in the item sums and may count, before and after a regrade alike.
func graded(attempts []QuizAttempt) []QuizAttempt {
	return slices.DeleteFunc(slices.Clone(attempts), func(a QuizAttempt) bool { return a.Marking == MarkingAwaited })
}

// regradeAudit records who regraded which quiz to which version, and what it changed.
func regradeAudit(run RegradeRun, learners []LearnerRegrade) *AuditEvent {
	attempts, changed := 0, 0
	for _, l := range learners {
		attempts += len(l.Attempts)
		if l.CountedBefore.Passed != l.CountedAfter.Passed {
			changed++
		}
	}
	return newAudit(run.ActorID, "quiz.regraded", "quiz:"+run.Quiz, map[string]any{
		"version": run.Hash, "attempts": attempts, "learners": len(learners), "outcomes_changed": changed})
}
