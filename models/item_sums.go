package models

import (
	"cmp"
	"context"
	"math"
	"slices"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"tandem/quizstats"
)

// The selections of attempts whose item sums are kept up to date as attempts are submitted:
// the platform-wide scopes of an item analysis. Counted attempts are kept under both rules a
// quiz may grade by, so a quiz that changes its rule reads the right sums at once.
const (
	selectAll   = "all"
	selectFirst = "first"
	selectBest  = "best"
	selectLast  = "last"
)

// ItemSum is one cell of a quiz's item sums: one question's responses in one selection of
// attempts, discipline group and rest-score level, from the learners of one slot. Item analysis
// of the whole platform adds up these few rows instead of reading every response. The slot
// (summarySlot of the learner) spreads one quiz's submissions over several rows, so that
// learners submitting it at once rarely wait for each other's row locks.
type ItemSum struct {
	QuizSlug        string  `gorm:"primaryKey;size:100"`
	Selection       string  `gorm:"primaryKey;size:8"`
	QuestionID      string  `gorm:"primaryKey;size:100"`
	DisciplineGroup string  `gorm:"primaryKey;size:16"`
	Level           int     `gorm:"primaryKey;autoIncrement:false"`
	Slot            int     `gorm:"primaryKey;autoIncrement:false"`
	N               int     `gorm:"not null"`
	X               float64 `gorm:"not null"`
	XX              float64 `gorm:"column:xx;not null"`
	P               float64 `gorm:"not null"`
	PP              float64 `gorm:"column:pp;not null"`
	R               float64 `gorm:"not null"`
	RR              float64 `gorm:"column:rr;not null"`
	XR              float64 `gorm:"column:xr;not null"`
	Right           int     `gorm:"column:right_n;not null"`
}

// ItemChoice counts the responses to a question in one selection, from one slot's learners,
// that chose one list of options.
type ItemChoice struct {
	QuizSlug   string `gorm:"primaryKey;size:100"`
	Selection  string `gorm:"primaryKey;size:8"`
	QuestionID string `gorm:"primaryKey;size:100"`
	Choice     string `gorm:"primaryKey;size:1000"`
	Slot       int    `gorm:"primaryKey;autoIncrement:false"`
	N          int    `gorm:"not null"`
}

// ItemTotal holds the moments of the attempts' totals in one selection of a quiz's attempts,
// from one slot's learners.
type ItemTotal struct {
	QuizSlug  string  `gorm:"primaryKey;size:100"`
	Selection string  `gorm:"primaryKey;size:8"`
	Slot      int     `gorm:"primaryKey;autoIncrement:false"`
	N         int     `gorm:"not null"`
	T         float64 `gorm:"not null"`
	TT        float64 `gorm:"column:tt;not null"`
}

// itemDelta is what adding or taking away attempts changes in a quiz's item sums.
type itemDelta struct {
	sums    map[ItemSum]*ItemSum // keyed by the cell with its measures zero
	choices map[ItemChoice]int   // keyed likewise
	totals  map[ItemTotal]*ItemTotal
}

func newItemDelta() *itemDelta {
	return &itemDelta{sums: map[ItemSum]*ItemSum{}, choices: map[ItemChoice]int{}, totals: map[ItemTotal]*ItemTotal{}}
}

// restLevel is the rest-score level a response is stratified by for the DIF screen: the rest
// rounded half up (rests are never negative).
func restLevel(rest float64) int { return int(math.Floor(rest + 0.5)) }

// add counts one attempt of userID's at quiz (its total and responses) into selection, sign +1
// or -1.
func (d *itemDelta) add(quiz, userID, selection string, sign float64, total float64, responses []QuestionResponse) {
	slot := summarySlot(userID)
	tk := ItemTotal{QuizSlug: quiz, Selection: selection, Slot: slot}
	t := d.totals[tk]
	if t == nil {
		t = &tk
		d.totals[tk] = t
	}
	t.N += int(sign)
	t.T += sign * total
	t.TT += sign * total * total
	for _, r := range responses {
		key := ItemSum{QuizSlug: quiz, Selection: selection, QuestionID: r.QuestionID, DisciplineGroup: r.DisciplineGroup, Level: restLevel(r.Rest), Slot: slot}
		c := d.sums[key]
		if c == nil {
			c = new(key)
			d.sums[key] = c
		}
		x := 0.0
		if r.MaxScore > 0 {
			x = r.Score / r.MaxScore
		}
		c.N += int(sign)
		c.X, c.XX, c.P, c.PP = c.X+sign*x, c.XX+sign*x*x, c.P+sign*r.Score, c.PP+sign*r.Score*r.Score
		c.R, c.RR, c.XR = c.R+sign*r.Rest, c.RR+sign*r.Rest*r.Rest, c.XR+sign*x*r.Rest
		if r.Score >= r.MaxScore {
			c.Right += int(sign)
		}
		if r.Choice != "" {
			d.choices[ItemChoice{QuizSlug: quiz, Selection: selection, QuestionID: r.QuestionID, Choice: r.Choice, Slot: slot}] += int(sign)
		}
	}
}

// apply adds the delta to the stored sums. Rows are written in key order, so concurrent
// submissions of one quiz lock them in the same order and never deadlock.
func (d *itemDelta) apply(tx *gorm.DB) error {
	sums := make([]ItemSum, 0, len(d.sums))
	for _, c := range d.sums {
		sums = append(sums, *c)
	}
	slices.SortFunc(sums, func(a, b ItemSum) int {
		return cmp.Or(cmp.Compare(a.Selection, b.Selection), cmp.Compare(a.QuestionID, b.QuestionID),
			cmp.Compare(a.DisciplineGroup, b.DisciplineGroup), cmp.Compare(a.Level, b.Level), cmp.Compare(a.Slot, b.Slot))
	})
	choices := make([]ItemChoice, 0, len(d.choices))
	for k, n := range d.choices {
		k.N = n
		choices = append(choices, k)
	}
	slices.SortFunc(choices, func(a, b ItemChoice) int {
		return cmp.Or(cmp.Compare(a.Selection, b.Selection), cmp.Compare(a.QuestionID, b.QuestionID), cmp.Compare(a.Choice, b.Choice), cmp.Compare(a.Slot, b.Slot))
	})
	totals := make([]ItemTotal, 0, len(d.totals))
	for _, t := range d.totals {
		totals = append(totals, *t)
	}
	slices.SortFunc(totals, func(a, b ItemTotal) int {
		return cmp.Or(cmp.Compare(a.Selection, b.Selection), cmp.Compare(a.Slot, b.Slot))
	})
	if err := upsertAdding(tx, &sums, "item_sums", []string{"quiz_slug", "selection", "question_id", "discipline_group", "level", "slot"},
		"n", "x", "xx", "p", "pp", "r", "rr", "xr", "right_n"); err != nil {
		return err
	}
	if err := upsertAdding(tx, &choices, "item_choices", []string{"quiz_slug", "selection", "question_id", "choice", "slot"}, "n"); err != nil {
		return err
	}
	return upsertAdding(tx, &totals, "item_totals", []string{"quiz_slug", "selection", "slot"}, "n", "t", "tt")
}

// upsertAdding inserts rows, adding the measures to those of a row already there.
func upsertAdding[T any](tx *gorm.DB, rows *[]T, table string, keys []string, measures ...string) error {
	if len(*rows) == 0 {
		return nil
	}
	cols := make([]clause.Column, len(keys))
	for i, k := range keys {
		cols[i] = clause.Column{Name: k}
	}
	set := clause.Set{}
	for _, m := range measures {
		set = append(set, clause.Assignment{Column: clause.Column{Name: m},
			Value: gorm.Expr(table + "." + m + " + excluded." + m)})
	}
	return tx.Clauses(clause.OnConflict{Columns: cols, DoUpdates: set}).CreateInBatches(rows, 500).Error
}

// countedAttempt is what choosing a learner's counted attempt needs to know of each.
type countedAttempt struct {
	ID      string
	Number  int
	Percent float64
	Score   float64
}

// counted picks the attempt that counts: the last one, or the best (the earliest of equals).
func counted(attempts []countedAttempt, last bool) *countedAttempt {
	var out *countedAttempt
	for i := range attempts {
		a := &attempts[i]
		switch {
		case out == nil,
			last && a.Number > out.Number,
			!last && (a.Percent > out.Percent || a.Percent == out.Percent && a.Number < out.Number):
			out = a
		}
	}
	return out
}

// addToItemSums counts a newly submitted attempt into its quiz's item sums, inside the
// submission's transaction, reading the learner's counted attempts at the quiz first.
func (s *Store) addToItemSums(tx *gorm.DB, a *QuizAttempt, responses []QuestionResponse) error {
	q := tx.Model(&QuizAttempt{}).Select("id, number, percent, score").
		Where("user_id = ? AND quiz_slug = ? AND submitted_at IS NOT NULL AND marking <> ?", a.UserID, a.QuizSlug, MarkingAwaited)
	var mine []countedAttempt
	if err := q.Order("number").Scan(&mine).Error; err != nil {
		return err
	}
	return countIntoItemSums(tx, a, responses, mine)
}

// countIntoItemSums counts a newly submitted attempt a into its quiz's item sums: into all
// attempts, first attempts when it is one, and the counted attempts under either rule when it
// displaces the one that counted before. mine are the learner's counted attempts at the quiz,
// a among them, by number; they are locked, so two of their submissions are counted in turn.
func countIntoItemSums(tx *gorm.DB, a *QuizAttempt, responses []QuestionResponse, mine []countedAttempt) error {
	others := slices.DeleteFunc(slices.Clone(mine), func(c countedAttempt) bool { return c.ID == a.ID })
	d := newItemDelta()
	d.add(a.QuizSlug, a.UserID, selectAll, 1, a.Score, responses)
	if a.Number == 1 {
		d.add(a.QuizSlug, a.UserID, selectFirst, 1, a.Score, responses)
	}
	for selection, last := range map[string]bool{selectBest: false, selectLast: true} {
		before, after := counted(others, last), counted(mine, last)
		if after == nil || after.ID != a.ID {
			continue
		}
		d.add(a.QuizSlug, a.UserID, selection, 1, a.Score, responses)
		if before != nil {
			var old []QuestionResponse
			if err := tx.Where("attempt_id = ?", before.ID).Find(&old).Error; err != nil {
				return err
			}
			d.add(a.QuizSlug, a.UserID, selection, -1, before.Score, old)
		}
	}
	return d.apply(tx)
}

// countable are the attempts of mine (by number) that item sums count: submitted and not
// awaiting marking.
func countable(mine []QuizAttempt) []countedAttempt {
	var out []countedAttempt
	for _, a := range mine {
		if a.SubmittedAt != nil && a.Marking != MarkingAwaited {
			out = append(out, countedAttempt{ID: a.ID, Number: a.Number, Percent: a.Percent, Score: a.Score})
		}
	}
	return out
}

// lockAttemptsOf reads a learner's attempts at a quiz by number (ids, numbers, times, scores
// and marking only), holding them so that two submissions of the learner's are counted in turn.
// On PostgreSQL it takes their row locks first and reads them in a second statement: the first
// one's snapshot may predate an attempt started and submitted while it waited for the locks,
// and a count made without that attempt would be wrong. Every submission locks attempt 1, so
// whoever locks second reads after the first has committed. SQLite's transactions hold the
// write lock from their start.
func (s *Store) lockAttemptsOf(tx *gorm.DB, userID, quizSlug string) ([]QuizAttempt, error) {
	if s.postgres {
		if err := tx.Exec("SELECT id FROM quiz_attempts WHERE user_id = ? AND quiz_slug = ? ORDER BY number FOR UPDATE", userID, quizSlug).Error; err != nil {
			return nil, err
		}
	}
	var out []QuizAttempt
	return out, tx.Select("id", "user_id", "quiz_slug", "number", "started_at", "deadline", "submitted_at", "score", "percent", "marking").
		Where("user_id = ? AND quiz_slug = ?", userID, quizSlug).Order("number").Find(&out).Error
}

// selectionOf names the kept selection a platform-wide scope reads.
func selectionOf(sc ResponseScope) string {
	switch {
	case sc.Attempts != AttemptsCounted:
		return sc.Attempts
	case sc.GradeLast:
		return selectLast
	default:
		return selectBest
	}
}

// keptItemData reads the item sums of a platform-wide scope, their slots added up: a few
// rows per question, however many attempts there are.
func (s *Store) keptItemData(ctx context.Context, sc ResponseScope) (*ItemData, error) {
	db := s.reader(ctx)
	where := "quiz_slug = ? AND selection = ?"
	sel := selectionOf(sc)
	var total ItemTotal
	if err := db.Model(&ItemTotal{}).Select("COALESCE(SUM(n), 0) AS n, COALESCE(SUM(t), 0) AS t, COALESCE(SUM(tt), 0) AS tt").
		Where(where, sc.Quiz, sel).Scan(&total).Error; err != nil {
		return nil, mapErr(err)
	}
	var cells []ItemSum
	if err := db.Model(&ItemSum{}).Select("question_id, discipline_group, level, SUM(n) AS n, SUM(x) AS x, SUM(xx) AS xx, SUM(p) AS p, "+
		"SUM(pp) AS pp, SUM(r) AS r, SUM(rr) AS rr, SUM(xr) AS xr, SUM(right_n) AS right_n").
		Where(where, sc.Quiz, sel).Group("question_id, discipline_group, level").Having("SUM(n) <> 0").
		Order("question_id, discipline_group, level").Scan(&cells).Error; err != nil {
		return nil, mapErr(err)
	}
	out := &ItemData{Totals: quizstats.Totals{N: total.N, T: total.T, TT: total.TT}}
	for _, c := range cells {
		out.addCell(StratumCount{QuestionID: c.QuestionID, Group: c.DisciplineGroup, Level: c.Level, Right: c.Right},
			quizstats.Sums{N: c.N, X: c.X, XX: c.XX, P: c.P, PP: c.PP, R: c.R, RR: c.RR, XR: c.XR})
	}
	out.finishSums()
	var choices []ItemChoice
	if err := db.Model(&ItemChoice{}).Select("question_id, choice, SUM(n) AS n").Where(where, sc.Quiz, sel).
		Group("question_id, choice").Having("SUM(n) <> 0").Order("question_id, choice").Scan(&choices).Error; err != nil {
		return nil, mapErr(err)
	}
	for _, c := range choices {
		out.Choices = append(out.Choices, ChoiceCount{QuestionID: c.QuestionID, Choice: c.Choice, N: c.N})
	}
	return out, nil
}
