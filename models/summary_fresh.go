package models

import (
	"cmp"
	"database/sql"
	"slices"
	"strings"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
	"gorm.io/gorm"

	"tandem/disciplines"
)

// moduleShape is what completing a module of the catalogue takes: its lessons and its quiz.
type moduleShape struct {
	track      string
	lessons    int
	quiz       bool
	countsLast bool // the quiz counts the last submitted attempt, not the best
}

// catalogShape reads the shape of the given current modules (every one when modules is nil)
// from the catalogue mirror.
func catalogShape(tx *gorm.DB, modules []string) (map[string]moduleShape, error) {
	out := map[string]moduleShape{}
	filter, args := "", []any{}
	if modules != nil {
		in, arg := oneOf(tx, "mo.slug", modules)
		filter, args = " AND "+in, []any{arg}
	}
	q := tx.Raw(`SELECT mo.slug, mo.track_slug,
	(SELECT COUNT(*) FROM lessons l WHERE l.module_slug = mo.slug AND NOT l.retired),
	(SELECT COUNT(*) FROM quizzes q WHERE q.module_slug = mo.slug AND NOT q.retired),
	(SELECT COUNT(*) FROM quizzes q WHERE q.module_slug = mo.slug AND NOT q.retired AND q.counts_last)
FROM modules mo WHERE NOT mo.retired`+filter, args...)
	err := scanRows(q, func(rows *sql.Rows) error {
		var slug string
		var m moduleShape
		var quizzes, last int
		if err := rows.Scan(&slug, &m.track, &m.lessons, &quizzes, &last); err != nil {
			return err
		}
		m.quiz, m.countsLast = quizzes > 0, last > 0
		out[slug] = m
		return nil
	})
	return out, err
}

// complete reports whether a cell completes a module of this shape.
func (m moduleShape) complete(c *CohortProgressCell) bool {
	return c.Lessons >= m.lessons && (!m.quiz || c.QuizPassed)
}

// summaryNamer builds the name keys and search texts of summary rows.
type summaryNamer struct {
	col *collate.Collator
	buf collate.Buffer
}

func newSummaryNamer() *summaryNamer {
	return &summaryNamer{col: collate.New(language.Und, collate.IgnoreCase)}
}

// row is the summary row of a member with no records yet.
func (n *summaryNamer) row(cohortID string, u *User) CohortProgress {
	key := n.col.KeyFromString(&n.buf, u.Name)
	row := CohortProgress{CohortID: cohortID, UserID: u.ID, DisciplineGroup: disciplines.Group(u.Discipline), Discipline: u.Discipline,
		NameKey: slices.Clone(key), Search: SearchText(u.Name, u.Email, u.Institution)}
	n.buf.Reset()
	return row
}

// SearchText is what a search of a cohort's learners looks in: their name, email and
// institution, in lower case, one per line.
func SearchText(name, email, institution string) string {
	return strings.ToLower(name + "\n" + email + "\n" + institution)
}

// freshSummaries computes the summary rows in scope from the records, with the cells of the
// given modules (all when nil): each member's completions and submitted attempts since they
// joined, on the modules of the cohort's tracks.
func freshSummaries(tx *gorm.DB, scope summaryScope, modules []string) (map[memberKey]*memberSummary, error) {
	shape, err := catalogShape(tx, modules) // only these modules' cells are computed
	if err != nil {
		return nil, err
	}
	out := map[memberKey]*memberSummary{}
	tracks := map[memberKey][]string{}
	namer := newSummaryNamer()
	q := tx.Raw(`SELECT m.cohort_id, u.id, u.name, u.email, u.institution, u.discipline, ct.track_slug
FROM cohort_members m JOIN users u ON u.id = m.user_id JOIN cohort_tracks ct ON ct.cohort_id = m.cohort_id
WHERE `+scope.on("m")+` ORDER BY m.cohort_id, u.id`, scope.arg)
	err = scanRows(q, func(rows *sql.Rows) error {
		var cohortID, track string
		var u User
		if err := rows.Scan(&cohortID, &u.ID, &u.Name, &u.Email, &u.Institution, &u.Discipline, &track); err != nil {
			return err
		}
		k := memberKey{cohortID, u.ID}
		if out[k] == nil {
			out[k] = &memberSummary{row: namer.row(cohortID, &u), cells: map[string]*CohortProgressCell{}}
		}
		tracks[k] = append(tracks[k], track)
		return nil
	})
	if err != nil {
		return nil, err
	}
	// cell returns the member's cell of a module their cohort takes that is asked for, nil otherwise.
	cell := func(k memberKey, module string) *CohortProgressCell {
		m, ok := out[k]
		sh, known := shape[module]
		if !ok || !known || !slices.Contains(tracks[k], sh.track) || modules != nil && !slices.Contains(modules, module) {
			return nil
		}
		c := m.cells[module]
		if c == nil {
			c = &CohortProgressCell{CohortID: k.cohort, UserID: k.user, ModuleSlug: module}
			m.cells[module] = c
		}
		return c
	}
	lessonFilter, quizFilter, args := "", "", []any{scope.arg}
	if modules != nil {
		lessons, arg := oneOf(tx, "l.module_slug", modules)
		quizzes, _ := oneOf(tx, "q.module_slug", modules)
		lessonFilter, quizFilter, args = " AND "+lessons, " AND "+quizzes, []any{scope.arg, arg}
	}
	// Completions counted per module, and every submitted attempt, in one statement.
	q = tx.Raw(`SELECT m.cohort_id, m.user_id, l.module_slug, COUNT(*), MAX(lc.completed_at), 0, CAST(0 AS DOUBLE PRECISION), FALSE
FROM cohort_members m
JOIN lesson_completions lc ON lc.user_id = m.user_id AND lc.completed_at >= m.added_at
JOIN lessons l ON l.slug = lc.lesson_slug AND NOT l.retired
WHERE `+scope.on("m")+lessonFilter+`
GROUP BY m.cohort_id, m.user_id, l.module_slug
UNION ALL
SELECT m.cohort_id, m.user_id, q.module_slug, 0, a.submitted_at, a.number, a.percent, a.passed
FROM cohort_members m
JOIN quiz_attempts a ON a.user_id = m.user_id AND a.submitted_at >= m.added_at
JOIN quizzes q ON q.slug = a.quiz_slug AND NOT q.retired
WHERE `+scope.on("m")+quizFilter, append(args, args...)...)
	err = scanRows(q, func(rows *sql.Rows) error {
		var k memberKey
		var module string
		var lessons, number int
		var percent float64
		var passed bool
		var at dbTime
		if err := rows.Scan(&k.cohort, &k.user, &module, &lessons, &at, &number, &percent, &passed); err != nil {
			return err
		}
		c := cell(k, module)
		if c == nil {
			return nil
		}
		c.LastActive = max(c.LastActive, at.Time.Unix())
		if number == 0 { // a module's completions
			c.Lessons = lessons
			return nil
		}
		switch {
		case shape[module].countsLast:
			if !c.QuizTaken || number > c.QuizNumber {
				c.QuizPercent, c.QuizPassed, c.QuizNumber = percent, passed, number
			}
		default:
			if !c.QuizTaken || percent > c.QuizPercent {
				c.QuizPercent = percent
			}
			c.QuizPassed = c.QuizPassed || passed
			c.QuizNumber = max(c.QuizNumber, number)
		}
		c.QuizTaken = true
		return nil
	})
	if err != nil {
		return nil, err
	}
	if modules == nil {
		work, err := teamWorkOf(tx, scope, "")
		if err != nil {
			return nil, err
		}
		for k, accepted := range work {
			if m := out[k]; m != nil {
				m.row.InTeam, m.row.Accepted = true, accepted
			}
		}
	}
	for _, m := range out {
		for slug, c := range m.cells {
			c.Completed = shape[slug].complete(c)
			if c.Completed {
				m.row.ModulesCompleted++
			}
			m.row.LastActive = max(m.row.LastActive, c.LastActive)
		}
	}
	return out, nil
}

// applyCounterDeltas adds the deltas to the counters, in key order so that transactions
// moving the same counters never wait for each other in a circle.
func applyCounterDeltas(tx *gorm.DB, deltas counterDeltas) error {
	keys := make([]counterKey, 0, len(deltas))
	for k, d := range deltas {
		if !d.zero() {
			keys = append(keys, k)
		}
	}
	slices.SortFunc(keys, func(a, b counterKey) int {
		return cmp.Or(cmp.Compare(a.cohort, b.cohort), cmp.Compare(a.group, b.group), cmp.Compare(a.item, b.item), cmp.Compare(a.slot, b.slot))
	})
	rows := make([]CohortProgressCount, len(keys))
	for i, k := range keys {
		d := deltas[k]
		rows[i] = CohortProgressCount{CohortID: k.cohort, DisciplineGroup: k.group, Item: k.item, Slot: k.slot,
			Learners: d.learners, Completed: d.completed, QuizN: d.quizN, QuizCentis: d.quizCentis}
	}
	if len(rows) == 0 || !isPostgres(tx) {
		return upsertAdding(tx, &rows, "cohort_progress_counts", []string{"cohort_id", "discipline_group", "item", "slot"},
			"learners", "completed", "quiz_n", "quiz_centis")
	}
	n := len(rows)
	return insertRows(tx, "cohort_progress_counts", " ON CONFLICT (cohort_id, discipline_group, item, slot) DO UPDATE SET "+
		adding("cohort_progress_counts", "learners", "completed", "quiz_n", "quiz_centis"),
		columnOf("cohort_id", "text", n, func(i int) string { return rows[i].CohortID }),
		columnOf("discipline_group", "text", n, func(i int) string { return rows[i].DisciplineGroup }),
		columnOf("item", "text", n, func(i int) string { return rows[i].Item }),
		columnOf("slot", "bigint", n, func(i int) int { return rows[i].Slot }),
		columnOf("learners", "bigint", n, func(i int) int64 { return rows[i].Learners }),
		columnOf("completed", "bigint", n, func(i int) int64 { return rows[i].Completed }),
		columnOf("quiz_n", "bigint", n, func(i int) int64 { return rows[i].QuizN }),
		columnOf("quiz_centis", "bigint", n, func(i int) int64 { return rows[i].QuizCentis }))
}
