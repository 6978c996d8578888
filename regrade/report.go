package regrade

import (
	"cmp"
	"slices"

	"tandem/courses"
	"tandem/models"
)

// Report is what a regrade changes (or, in a dry run, would change): every attempt graded
// against an earlier version, and each learner's counted result before and after.
type Report struct {
	Quiz   string `json:"quiz"`
	Title  string `json:"title"`
	DryRun bool   `json:"dry_run"`
	// Attempts is how many attempts are graded by the current version; Changed how many of
	// them score differently.
	Attempts int `json:"attempts"`
	Changed  int `json:"changed"`
	// NowPass and NowFail count the learners whose counted result passes, or fails, where it
	// did not before.
	NowPass  int             `json:"now_pass"`
	NowFail  int             `json:"now_fail"`
	Learners []LearnerChange `json:"learners"`
}

// LearnerChange is one learner in a regrade. Name is shown to admins only.
type LearnerChange struct {
	User     string          `json:"user"`
	Name     string          `json:"name,omitempty"`
	Before   Outcome         `json:"before"`
	After    Outcome         `json:"after"`
	Attempts []AttemptChange `json:"attempts"`
}

// Outcome is a learner's counted result at the quiz.
type Outcome struct {
	Percent float64 `json:"percent"`
	Passed  bool    `json:"passed"`
}

// AttemptChange is one attempt's grade before and after.
type AttemptChange struct {
	ID     string `json:"id"`
	Number int    `json:"number"`
	Before Grade  `json:"before"`
	After  Grade  `json:"after"`
	// AwaitingMarking is true for an attempt whose reflection answers are still being marked:
	// only its auto-graded questions are regraded, and it counts once marked.
	AwaitingMarking bool `json:"awaiting_marking,omitempty"`
}

// Grade is an attempt's grade.
type Grade struct {
	Score    float64 `json:"score"`
	MaxScore float64 `json:"max_score"`
	Percent  float64 `json:"percent"`
	Passed   bool    `json:"passed"`
}

func gradeOf(a *models.QuizAttempt) Grade {
	return Grade{Score: a.Score, MaxScore: a.MaxScore, Percent: a.Percent, Passed: a.Passed}
}

// report lists the learners whose result changes first (those who now pass or fail first
// of all), then by name or id.
func report(quiz *courses.Quiz, dry bool, learners []models.LearnerRegrade, names map[string]string) *Report {
	r := &Report{Quiz: quiz.Slug, Title: quiz.Title, DryRun: dry, Learners: make([]LearnerChange, 0, len(learners))}
	for _, l := range learners {
		lc := LearnerChange{User: l.UserID, Name: names[l.UserID],
			Before: Outcome{Percent: l.CountedBefore.Percent, Passed: l.CountedBefore.Passed},
			After:  Outcome{Percent: l.CountedAfter.Percent, Passed: l.CountedAfter.Passed}}
		for _, a := range l.Attempts {
			ac := AttemptChange{ID: a.After.ID, Number: a.After.Number, Before: gradeOf(&a.Before), After: gradeOf(&a.After),
				AwaitingMarking: a.After.Marking == models.MarkingAwaited}
			if ac.Before != ac.After {
				r.Changed++
			}
			lc.Attempts = append(lc.Attempts, ac)
		}
		r.Attempts += len(l.Attempts)
		switch {
		case lc.After.Passed && !lc.Before.Passed:
			r.NowPass++
		case lc.Before.Passed && !lc.After.Passed:
			r.NowFail++
		}
		r.Learners = append(r.Learners, lc)
	}
	slices.SortStableFunc(r.Learners, func(a, b LearnerChange) int {
		return cmp.Or(-cmp.Compare(rank(a), rank(b)), cmp.Compare(a.Name, b.Name), cmp.Compare(a.User, b.User))
	})
	return r
}

// rank orders learners by how much a regrade changes for them.
func rank(l LearnerChange) int {
	switch {
	case l.Before.Passed != l.After.Passed:
		return 2
	case l.Before != l.After:
		return 1
	}
	return 0
}
