package models

import (
	"cmp"
	"context"
	"slices"
	"time"

	"gorm.io/gorm"

	"tandem/quizstats"
)

// QuestionResponse is one question of a submitted attempt, as item analysis reads it: the
// score, whether it was answered, which options were chosen (authored ids, sorted and
// comma-separated) and the learner's discipline group when they submitted. Rows are written
// with the attempt's grade and never change.
type QuestionResponse struct {
	AttemptID       string  `gorm:"primaryKey;size:32"`
	QuestionID      string  `gorm:"primaryKey;size:100"`
	QuizSlug        string  `gorm:"size:100;not null;index:idx_response_quiz,priority:1;index:idx_response_quiz_user,priority:1"`
	UserID          string  `gorm:"size:32;not null;index;index:idx_response_quiz_user,priority:2"`
	AttemptNumber   int     `gorm:"not null"`
	DisciplineGroup string  `gorm:"size:16;not null"`
	Score           float64 `gorm:"not null"`
	MaxScore        float64 `gorm:"not null"`
	// Rest is the attempt's total without this question, for the item-total correlation.
	Rest        float64   `gorm:"not null"`
	Answered    bool      `gorm:"not null"`
	Choice      string    `gorm:"size:1000;not null;default:''"`
	SubmittedAt time.Time `gorm:"not null;index:idx_response_quiz,priority:2"`
}

// Which attempts an item analysis counts.
const (
	AttemptsFirst   = "first"   // each learner's first attempt
	AttemptsCounted = "counted" // the attempt that counts for each learner (best or last, as the quiz grades)
	AttemptsAll     = "all"
)

// ResponseScope selects the responses of one quiz for an item analysis: which attempts, and
// optionally only those of a cohort's members since they joined it.
type ResponseScope struct {
	Quiz     string
	Attempts string
	// GradeLast is the quiz's grading when Attempts is counted: the last attempt, else the best.
	GradeLast bool
	Cohort    string
}

// ResponseSums are one question's sums in one discipline group.
type ResponseSums struct {
	QuestionID, Group string
	quizstats.Sums
}

// ChoiceCount is how many responses to a question chose one list of options.
type ChoiceCount struct {
	QuestionID, Choice string
	N                  int
}

// StratumCount is how many learners of a group at one rest-score level got a question fully
// right, and how many did not.
type StratumCount struct {
	QuestionID, Group string
	Level             int
	Right, Wrong      int
}

// ItemData is everything an item analysis of one scope needs, aggregated by the database.
type ItemData struct {
	Sums    []ResponseSums
	Totals  quizstats.Totals
	Choices []ChoiceCount
	Strata  []StratumCount

	byGroup map[[2]string]*ResponseSums // while the sums are added up
}

// scopedAttempts are the submitted attempts in scope (an attempt awaiting marking is not
// graded yet). A cohort's are read from its members
// outwards (through the indexes on learner and quiz), never by scanning the quiz's attempts.
func (s *Store) scopedAttempts(db *gorm.DB, sc ResponseScope) *gorm.DB {
	q := db.Table("quiz_attempts AS a").Where("a.quiz_slug = ? AND a.submitted_at IS NOT NULL AND a.marking <> ?", sc.Quiz, MarkingAwaited)
	if sc.Cohort != "" {
		q = q.Joins("JOIN cohort_members AS m ON m.user_id = a.user_id AND m.cohort_id = ? AND m.added_at <= a.submitted_at", sc.Cohort)
	}
	switch sc.Attempts {
	case AttemptsFirst:
		q = q.Where("a.number = 1")
	case AttemptsCounted:
		order := "c.percent DESC, c.number ASC"
		if sc.GradeLast {
			order = "c.number DESC"
		}
		ranked := db.Table("quiz_attempts AS c").
			Select("c.id, ROW_NUMBER() OVER (PARTITION BY c.user_id ORDER BY "+order+") AS rank").
			Where("c.quiz_slug = ? AND c.submitted_at IS NOT NULL AND c.marking <> ?", sc.Quiz, MarkingAwaited)
		if sc.Cohort != "" {
			ranked = ranked.Joins("JOIN cohort_members AS cm ON cm.user_id = c.user_id AND cm.cohort_id = ?", sc.Cohort)
		}
		q = q.Joins("JOIN (?) AS k ON k.id = a.id AND k.rank = 1", ranked)
	}
	return q
}

// scoped is the responses of the attempts in scope.
func (s *Store) scoped(db *gorm.DB, sc ResponseScope) *gorm.DB {
	q := db.Table("question_responses AS r").Where("r.quiz_slug = ?", sc.Quiz)
	if sc.Attempts == AttemptsCounted {
		return q.Where("r.attempt_id IN (?)", s.scopedAttempts(db, sc).Select("a.id"))
	}
	if sc.Cohort != "" {
		q = q.Joins("JOIN cohort_members AS m ON m.user_id = r.user_id AND m.cohort_id = ? AND m.added_at <= r.submitted_at", sc.Cohort)
	}
	if sc.Attempts == AttemptsFirst {
		q = q.Where("r.attempt_number = 1")
	}
	return q
}

// ItemData is the item analysis data of a scope. The platform-wide scopes read the item sums
// kept as attempts are submitted; a cohort's is aggregated from its members' responses. Both
// read from a replica when one is in use (see reader).
func (s *Store) ItemData(ctx context.Context, sc ResponseScope) (*ItemData, error) {
	if sc.Cohort == "" {
		return s.keptItemData(ctx, sc)
	}
	return s.aggregatedItemData(ctx, sc)
}

// levelExpr is restLevel in SQL.
func (s *Store) levelExpr() string {
	if s.postgres {
		return "CAST(FLOOR(r.rest + 0.5) AS INTEGER)"
	}
	return "CAST(r.rest + 0.5 AS INTEGER)" // truncates, which is FLOOR for rests, never negative
}

// aggregatedItemData aggregates the responses in scope in three grouped queries, from one
// snapshot, each planned for its quiz and cohort (see readPlanned): the attempts' totals, each
// question's sums by group and rest-score level, and the options chosen. The database does the
// reading; Go adds up what it returns.
func (s *Store) aggregatedItemData(ctx context.Context, sc ResponseScope) (*ItemData, error) {
	var out *ItemData
	err := s.readPlanned(ctx, func(db *gorm.DB) error {
		out = &ItemData{}
		err := s.scopedAttempts(db, sc).
			Select("COUNT(*) AS n, COALESCE(SUM(a.score), 0) AS t, COALESCE(SUM(a.score * a.score), 0) AS tt").Scan(&out.Totals).Error
		if err != nil {
			return err
		}
		var cells []struct {
			StratumCount
			quizstats.Sums
		}
		frac := "CASE WHEN r.max_score > 0 THEN r.score / r.max_score ELSE 0 END"
		level := s.levelExpr()
		err = s.scoped(db, sc).
			Select("r.question_id, r.discipline_group AS \"group\", " + level + " AS level, COUNT(*) AS n, " +
				"SUM(" + frac + ") AS x, SUM(" + frac + " * " + frac + ") AS xx, SUM(r.score) AS p, SUM(r.score * r.score) AS pp, " +
				"SUM(r.rest) AS r, SUM(r.rest * r.rest) AS rr, SUM(" + frac + " * r.rest) AS xr, " +
				"SUM(CASE WHEN r.score >= r.max_score THEN 1 ELSE 0 END) AS \"right\"").
			Group("r.question_id, r.discipline_group, " + level).Scan(&cells).Error
		if err != nil {
			return err
		}
		for _, c := range cells {
			out.addCell(c.StratumCount, c.Sums)
		}
		out.finishSums()
		return s.scoped(db, sc).Select("r.question_id, r.choice, COUNT(*) AS n").
			Where("r.choice <> ''").Group("r.question_id, r.choice").Scan(&out.Choices).Error
	})
	if err != nil {
		return nil, mapErr(err)
	}
	return out, nil
}

// addCell adds one question's sums in one group and rest-score level.
func (d *ItemData) addCell(st StratumCount, sums quizstats.Sums) {
	key := [2]string{st.QuestionID, st.Group}
	if d.byGroup == nil {
		d.byGroup = map[[2]string]*ResponseSums{}
	}
	if d.byGroup[key] == nil {
		d.byGroup[key] = &ResponseSums{QuestionID: key[0], Group: key[1]}
	}
	d.byGroup[key].Add(sums)
	d.Totals.Questions += sums.N
	st.Wrong = sums.N - st.Right
	d.Strata = append(d.Strata, st)
}

// finishSums lists the sums by question and group, in that order.
func (d *ItemData) finishSums() {
	for _, v := range d.byGroup {
		d.Sums = append(d.Sums, *v)
	}
	slices.SortFunc(d.Sums, func(a, b ResponseSums) int {
		return cmp.Or(cmp.Compare(a.QuestionID, b.QuestionID), cmp.Compare(a.Group, b.Group))
	})
	d.byGroup = nil
}
