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
// attempts, discipline group and rest-score level. Item analysis of the whole platform adds up
// these few rows instead of reading every response. Folds write slot 0; rows in other slots
// were kept before submissions queued their changes (see ItemSumChange), and readers add the
// slots up.
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

// ItemChoice counts the responses to a question in one selection that chose one list of
// options.
type ItemChoice struct {
	QuizSlug   string `gorm:"primaryKey;size:100"`
	Selection  string `gorm:"primaryKey;size:8"`
	QuestionID string `gorm:"primaryKey;size:100"`
	Choice     string `gorm:"primaryKey;size:1000"`
	Slot       int    `gorm:"primaryKey;autoIncrement:false"`
	N          int    `gorm:"not null"`
}

// ItemTotal holds the moments of the attempts' totals in one selection of a quiz's attempts.
type ItemTotal struct {
	QuizSlug  string  `gorm:"primaryKey;size:100"`
	Selection string  `gorm:"primaryKey;size:8"`
	Slot      int     `gorm:"primaryKey;autoIncrement:false"`
	N         int     `gorm:"not null"`
	T         float64 `gorm:"not null"`
	TT        float64 `gorm:"column:tt;not null"`
}

// ItemSumChange is one attempt entering (Sign 1) or leaving (Sign -1) one selection of its
// quiz's item sums, queued by the submission or marking that makes the change, in its
// transaction, and folded into the sums by FoldItemSums after commit. Until then readers add
// it themselves, so an item analysis never misses a committed attempt, while submissions of
// one quiz never wait for each other on the sums' rows. Total is the attempt's score when the
// change was made.
type ItemSumChange struct {
	ID        int64   `gorm:"primaryKey"`
	QuizSlug  string  `gorm:"size:100;not null;index:idx_item_sum_changes_scope,priority:1"`
	Selection string  `gorm:"size:8;not null;index:idx_item_sum_changes_scope,priority:2"`
	AttemptID string  `gorm:"size:32;not null;index"`
	Sign      int     `gorm:"not null"`
	Total     float64 `gorm:"not null"`
}

// itemDelta is what adding or taking away attempts changes in item sums.
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

// add counts one attempt at quiz (its total and responses) into selection, sign +1 or -1.
func (d *itemDelta) add(quiz, selection string, sign float64, total float64, responses []QuestionResponse) {
	d.addTotal(ItemTotal{QuizSlug: quiz, Selection: selection, N: int(sign), T: sign * total, TT: sign * total * total})
	for _, r := range responses {
		x := 0.0
		if r.MaxScore > 0 {
			x = r.Score / r.MaxScore
		}
		c := ItemSum{QuizSlug: quiz, Selection: selection, QuestionID: r.QuestionID, DisciplineGroup: r.DisciplineGroup, Level: restLevel(r.Rest),
			N: int(sign), X: sign * x, XX: sign * x * x, P: sign * r.Score, PP: sign * r.Score * r.Score,
			R: sign * r.Rest, RR: sign * r.Rest * r.Rest, XR: sign * x * r.Rest}
		if r.Score >= r.MaxScore {
			c.Right = int(sign)
		}
		d.addSum(c)
		if r.Choice != "" {
			d.choices[ItemChoice{QuizSlug: quiz, Selection: selection, QuestionID: r.QuestionID, Choice: r.Choice}] += int(sign)
		}
	}
}

// addSum adds the measures of c to its cell.
func (d *itemDelta) addSum(c ItemSum) {
	key := c
	key.N, key.X, key.XX, key.P, key.PP, key.R, key.RR, key.XR, key.Right = 0, 0, 0, 0, 0, 0, 0, 0, 0
	to := d.sums[key]
	if to == nil {
		to = new(key)
		d.sums[key] = to
	}
	to.N, to.X, to.XX, to.P, to.PP = to.N+c.N, to.X+c.X, to.XX+c.XX, to.P+c.P, to.PP+c.PP
	to.R, to.RR, to.XR, to.Right = to.R+c.R, to.RR+c.RR, to.XR+c.XR, to.Right+c.Right
}

// addTotal adds the moments of t to its selection's.
func (d *itemDelta) addTotal(t ItemTotal) {
	key := ItemTotal{QuizSlug: t.QuizSlug, Selection: t.Selection, Slot: t.Slot}
	to := d.totals[key]
	if to == nil {
		to = &key
		d.totals[key] = to
	}
	to.N, to.T, to.TT = to.N+t.N, to.T+t.T, to.TT+t.TT
}

// apply adds the delta to the stored sums' slot 0, in key order, for a regrade, which holds
// the fold lock (see foldChangesOf).
func (d *itemDelta) apply(tx *gorm.DB) error {
	sums := make([]ItemSum, 0, len(d.sums))
	for _, c := range d.sums {
		sums = append(sums, *c)
	}
	slices.SortFunc(sums, func(a, b ItemSum) int {
		return cmp.Or(cmp.Compare(a.QuizSlug, b.QuizSlug), cmp.Compare(a.Selection, b.Selection), cmp.Compare(a.QuestionID, b.QuestionID),
			cmp.Compare(a.DisciplineGroup, b.DisciplineGroup), cmp.Compare(a.Level, b.Level))
	})
	choices := make([]ItemChoice, 0, len(d.choices))
	for k, n := range d.choices {
		k.N = n
		choices = append(choices, k)
	}
	slices.SortFunc(choices, func(a, b ItemChoice) int {
		return cmp.Or(cmp.Compare(a.QuizSlug, b.QuizSlug), cmp.Compare(a.Selection, b.Selection), cmp.Compare(a.QuestionID, b.QuestionID),
			cmp.Compare(a.Choice, b.Choice))
	})
	totals := make([]ItemTotal, 0, len(d.totals))
	for _, t := range d.totals {
		totals = append(totals, *t)
	}
	slices.SortFunc(totals, func(a, b ItemTotal) int {
		return cmp.Or(cmp.Compare(a.QuizSlug, b.QuizSlug), cmp.Compare(a.Selection, b.Selection))
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

// addToItemSums counts a newly marked attempt into its quiz's item sums, inside the marking's
// transaction, reading the learner's counted attempts at the quiz first.
func (s *Store) addToItemSums(tx *gorm.DB, a *QuizAttempt) error {
	q := tx.Model(&QuizAttempt{}).Select("id, number, percent, score").
		Where("user_id = ? AND quiz_slug = ? AND submitted_at IS NOT NULL AND marking <> ?", a.UserID, a.QuizSlug, MarkingAwaited)
	var mine []countedAttempt
	if err := q.Order("number").Scan(&mine).Error; err != nil {
		return err
	}
	return countIntoItemSums(tx, a, mine)
}

// countIntoItemSums queues a newly submitted attempt a into its quiz's item sums (see
// itemSumChangesOf). a's responses are stored already.
func countIntoItemSums(tx *gorm.DB, a *QuizAttempt, mine []countedAttempt) error {
	changes := itemSumChangesOf(a, mine)
	return tx.Create(&changes).Error
}

// itemSumChangesOf are the changes that count a newly submitted attempt a into its quiz's item
// sums: into all attempts, first attempts when it is one, and the counted attempts under either
// rule when it displaces the one that counted before (which leaves them). mine are the
// learner's counted attempts at the quiz, a among them, by number; they are locked, so two of
// their submissions are counted in turn.
func itemSumChangesOf(a *QuizAttempt, mine []countedAttempt) []ItemSumChange {
	others := slices.DeleteFunc(slices.Clone(mine), func(c countedAttempt) bool { return c.ID == a.ID })
	enter := func(selection string) ItemSumChange {
		return ItemSumChange{QuizSlug: a.QuizSlug, Selection: selection, AttemptID: a.ID, Sign: 1, Total: a.Score}
	}
	changes := []ItemSumChange{enter(selectAll)}
	if a.Number == 1 {
		changes = append(changes, enter(selectFirst))
	}
	for _, selection := range []string{selectBest, selectLast} {
		last := selection == selectLast
		before, after := counted(others, last), counted(mine, last)
		if after == nil || after.ID != a.ID {
			continue
		}
		changes = append(changes, enter(selection))
		if before != nil {
			changes = append(changes, ItemSumChange{QuizSlug: a.QuizSlug, Selection: selection, AttemptID: before.ID, Sign: -1, Total: before.Score})
		}
	}
	return changes
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
func (s *Store) lockAttemptsOf(tx *gorm.DB, userID, quizSlug string) ([]QuizAttempt, error) {
	return s.lockAttemptsAt(tx, []learnerQuiz{{userID, quizSlug}})
}

// learnerQuiz names a learner's attempts at one quiz.
type learnerQuiz struct{ user, quiz string }

// lockAttemptsAt is lockAttemptsOf for several learners' attempts at once, by learner, quiz and
// number. On PostgreSQL it takes their row locks first, in that order, and reads them in a
// second statement: the first one's snapshot may predate an attempt started and submitted while
// it waited for the locks, and a count made without that attempt would be wrong. Every
// submission locks attempt 1, so whoever locks second reads after the first has committed.
// SQLite's transactions hold the write lock from their start.
func (s *Store) lockAttemptsAt(tx *gorm.DB, at []learnerQuiz) ([]QuizAttempt, error) {
	in, args := "(user_id, quiz_slug) IN ?", []any{}
	if s.postgres {
		// Two arrays, so that the statements' text is the same for any number of pairs.
		var pairs string
		_, pairs, args = unnest(columnOf("user_id", "text", len(at), func(i int) string { return at[i].user }),
			columnOf("quiz_slug", "text", len(at), func(i int) string { return at[i].quiz }))
		in = "(user_id, quiz_slug) IN (" + pairs + ")"
		if err := tx.Exec("SELECT id FROM quiz_attempts WHERE "+in+" ORDER BY user_id, quiz_slug, number FOR UPDATE", args...).Error; err != nil {
			return nil, err
		}
	} else {
		pairs := make([][]any, len(at))
		for i, lq := range at {
			pairs[i] = []any{lq.user, lq.quiz}
		}
		args = []any{pairs}
	}
	var out []QuizAttempt
	return out, tx.Select("id", "user_id", "quiz_slug", "number", "started_at", "deadline", "submitted_at", "score", "percent", "marking").
		Where(in, args...).Order("user_id, quiz_slug, number").Find(&out).Error
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

// keptItemData reads the item sums of a platform-wide scope, their slots added up, with the
// changes still queued for them: a few rows per question, however many attempts there are.
// The reads share one snapshot, so a fold committing meanwhile is counted once, not twice or
// never.
func (s *Store) keptItemData(ctx context.Context, sc ResponseScope) (*ItemData, error) {
	sel := selectionOf(sc)
	var out *ItemData
	read := func(tx *gorm.DB) error {
		out = &ItemData{}
		var total ItemTotal
		if err := tx.Raw("SELECT COALESCE(SUM(n), 0) AS n, COALESCE(SUM(t), 0) AS t, COALESCE(SUM(tt), 0) AS tt FROM ("+
			"SELECT n, t, tt FROM item_totals WHERE quiz_slug = ? AND selection = ? UNION ALL "+
			"SELECT sign, sign * total, sign * total * total FROM item_sum_changes WHERE quiz_slug = ? AND selection = ?) u",
			sc.Quiz, sel, sc.Quiz, sel).Scan(&total).Error; err != nil {
			return err
		}
		out.Totals = quizstats.Totals{N: total.N, T: total.T, TT: total.TT}
		var cells []ItemSum
		if err := tx.Raw("SELECT question_id, discipline_group, level, SUM(n) AS n, SUM(x) AS x, SUM(xx) AS xx, SUM(p) AS p, SUM(pp) AS pp, "+
			"SUM(r) AS r, SUM(rr) AS rr, SUM(xr) AS xr, SUM(right_n) AS right_n FROM ("+
			"SELECT quiz_slug, selection, question_id, discipline_group, level, n, x, xx, p, pp, r, rr, xr, right_n FROM item_sums "+
			"WHERE quiz_slug = ? AND selection = ? UNION ALL "+changedCells(s.restLevelSQL())+" WHERE c.quiz_slug = ? AND c.selection = ?) u "+
			"GROUP BY question_id, discipline_group, level HAVING SUM(n) <> 0 ORDER BY question_id, discipline_group, level",
			sc.Quiz, sel, sc.Quiz, sel).Scan(&cells).Error; err != nil {
			return err
		}
		for _, c := range cells {
			out.addCell(StratumCount{QuestionID: c.QuestionID, Group: c.DisciplineGroup, Level: c.Level, Right: c.Right},
				quizstats.Sums{N: c.N, X: c.X, XX: c.XX, P: c.P, PP: c.PP, R: c.R, RR: c.RR, XR: c.XR})
		}
		out.finishSums()
		var choices []ItemChoice
		if err := tx.Raw("SELECT question_id, choice, SUM(n) AS n FROM ("+
			"SELECT question_id, choice, n FROM item_choices WHERE quiz_slug = ? AND selection = ? UNION ALL "+
			"SELECT r.question_id, r.choice, c.sign FROM item_sum_changes c JOIN question_responses r ON r.attempt_id = c.attempt_id "+
			"WHERE c.quiz_slug = ? AND c.selection = ? AND r.choice <> '') u GROUP BY question_id, choice HAVING SUM(n) <> 0 ORDER BY question_id, choice",
			sc.Quiz, sel, sc.Quiz, sel).Scan(&choices).Error; err != nil {
			return err
		}
		for _, c := range choices {
			out.Choices = append(out.Choices, ChoiceCount{QuestionID: c.QuestionID, Choice: c.Choice, N: c.N})
		}
		return nil
	}
	if err := s.readSnapshot(ctx, read); err != nil {
		return nil, mapErr(err)
	}
	return out, nil
}
