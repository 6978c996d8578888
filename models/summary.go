package models

import (
	"database/sql"
	"hash/fnv"
	"slices"
	"strings"

	"gorm.io/gorm"
)

// A cohort's dashboard reads summary tables instead of every learner's records, so that its
// cost is one page of learners, not the cohort:
//
//   - cohort_progress: one row per member, with what the grid sorts and searches by and how
//     many of the cohort's modules they completed;
//   - cohort_progress_cells: one row per member and module they have started: lessons
//     completed, the quiz result that counts, whether the module is complete;
//   - cohort_progress_counts: per cohort, discipline group and item (a module's slug, "" for
//     the group itself, "team" for its members in a team, "x:" and an exercise's slug for
//     those whose team's latest version of it was accepted), the sums the summary rows show, split over slots by learner so that
//     learners of one cohort writing at once rarely wait for each other (a read adds the
//     slots up).
//
// They are written in the transaction that writes the records they summarise: resummarise
// recomputes a learner's rows from their records and moves the counters by the difference.
// They are exact because the records are unique (one completion per lesson, numbered
// attempts), and RebuildSummaries recomputes them all from the records.

// CohortProgress is a member's summary row in a cohort.
type CohortProgress struct {
	CohortID         string `gorm:"primaryKey;size:32"`
	UserID           string `gorm:"primaryKey;size:32"`
	DisciplineGroup  string `gorm:"size:16;not null"`
	Discipline       string `gorm:"size:32;not null"`
	NameKey          []byte `gorm:"not null"` // the name's collation key: names sort as people read them on either database
	Search           string `gorm:"type:text;not null"`
	ModulesCompleted int    `gorm:"not null"`
	LastActive       int64  `gorm:"not null"` // Unix seconds of the latest counted completion or attempt; 0 before any
	InTeam           bool   `gorm:"not null;default:false"`
	// Accepted lists, space-separated and sorted, the exercises whose latest version of the
	// member's team's work was accepted.
	Accepted string `gorm:"type:text;not null;default:''"`
}

// TableName names the table.
func (CohortProgress) TableName() string { return "cohort_progress" }

// CohortProgressCell is a member's standing on one module of a cohort.
type CohortProgressCell struct {
	CohortID    string  `gorm:"primaryKey;size:32"`
	UserID      string  `gorm:"primaryKey;size:32"`
	ModuleSlug  string  `gorm:"primaryKey;size:100"`
	Lessons     int     `gorm:"not null"` // lessons of the module completed since joining
	QuizTaken   bool    `gorm:"not null"` // an attempt at the module's quiz was submitted since joining
	QuizPercent float64 `gorm:"not null"` // the counted result: the best percent, or the last attempt's
	QuizPassed  bool    `gorm:"not null"` // any attempt passed, or the last one did
	QuizNumber  int     `gorm:"not null"` // the number of the last attempt counted
	Completed   bool    `gorm:"not null"`
	LastActive  int64   `gorm:"not null"`
}

// TableName names the table.
func (CohortProgressCell) TableName() string { return "cohort_progress_cells" }

// CohortProgressCount is one slot of a cohort's counters for a discipline group and an item.
type CohortProgressCount struct {
	CohortID        string `gorm:"primaryKey;size:32"`
	DisciplineGroup string `gorm:"primaryKey;size:16"`
	Item            string `gorm:"primaryKey;size:100"` // a module's slug, or "" for the group
	Slot            int    `gorm:"primaryKey;autoIncrement:false"`
	Learners        int64  `gorm:"not null"` // the group's members (item "")
	Completed       int64  `gorm:"not null"` // members who completed the module, or modules completed by the group's members
	QuizN           int64  `gorm:"not null"` // members with a counted quiz result
	QuizCentis      int64  `gorm:"not null"` // their counted percents added up, in hundredths
}

// TableName names the table.
func (CohortProgressCount) TableName() string { return "cohort_progress_counts" }

// TeamCounter and ExerciseCounter name the counters of team work: members in a team, and
// (followed by an exercise's slug) members whose team's latest version of it was accepted.
const (
	TeamCounter     = "team"
	ExerciseCounter = "x:"
)

// summarySlots is how many slots each counter is split over.
const summarySlots = 16

func summarySlot(userID string) int {
	h := fnv.New32a()
	h.Write([]byte(userID))
	return int(h.Sum32() % summarySlots)
}

// memberKey names a member of a cohort.
type memberKey struct{ cohort, user string }

// memberSummary is a member's summary row and cells by module.
type memberSummary struct {
	row   CohortProgress
	cells map[string]*CohortProgressCell
}

// summaryScope is whose summaries are read or computed: some learners in every cohort they
// are in, or every member of one cohort: on gives the condition on a table's alias, arg its
// argument (see oneOf).
type summaryScope struct {
	arg any
	on  func(alias string) string
}

func learnerScope(tx *gorm.DB, userIDs []string) summaryScope {
	cond, arg := oneOf(tx, "user_id", userIDs)
	return summaryScope{arg, func(alias string) string { return alias + "." + cond }}
}

func cohortScope(cohortID string) summaryScope {
	return summaryScope{cohortID, func(alias string) string { return alias + ".cohort_id = ?" }}
}

// resummarise brings userID's summary rows up to date with their records, in tx: in every
// cohort they are a member of, and out of those they left. With modules given, only those
// modules' cells can have changed.
func resummarise(tx *gorm.DB, userID string, modules ...string) error {
	return resummariseLearners(tx, []string{userID}, modules)
}

// resummariseLearners is resummarise for several learners at once (sorted, no repeats).
// Concurrent calls for one learner are serialised on their account row, so each sees what the
// one before it wrote; accounts are locked in order, so calls for several never wait for each
// other in a circle.
func resummariseLearners(tx *gorm.DB, userIDs []string, modules []string) error {
	if isPostgres(tx) {
		cond, arg := oneOf(tx, "id", userIDs)
		if err := tx.Exec("SELECT 1 FROM users WHERE "+cond+" ORDER BY id FOR NO KEY UPDATE", arg).Error; err != nil {
			return err
		}
	}
	if len(modules) == 0 {
		modules = nil
	}
	scope := learnerScope(tx, userIDs)
	old, err := storedSummaries(tx, scope, modules)
	if err != nil {
		return err
	}
	fresh, err := freshSummaries(tx, scope, modules)
	if err != nil {
		return err
	}
	if modules != nil && !onlyCellsChanged(old, fresh) {
		modules = nil
		if old, err = storedSummaries(tx, scope, nil); err != nil {
			return err
		}
		if fresh, err = freshSummaries(tx, scope, nil); err != nil {
			return err
		}
	}
	return writeSummaryChanges(tx, old, fresh, modules)
}

// onlyCellsChanged reports whether fresh differs from old in cells alone: the same members in
// the same discipline groups. Otherwise every cell must be rewritten.
func onlyCellsChanged(old, fresh map[memberKey]*memberSummary) bool {
	for k, o := range old {
		n := fresh[k]
		if n == nil || n.row.DisciplineGroup != o.row.DisciplineGroup {
			return false
		}
	}
	for k, n := range fresh {
		o, ok := old[k]
		if !ok {
			return false
		}
		for slug := range o.cells {
			if n.cells[slug] == nil {
				return false
			}
		}
	}
	return true
}

// storedSummaries reads the summary rows in scope, with the cells of the given modules (all
// when nil), in one statement.
func storedSummaries(tx *gorm.DB, scope summaryScope, modules []string) (map[memberKey]*memberSummary, error) {
	cond, args := "", []any{scope.arg}
	if modules != nil {
		in, arg := oneOf(tx, "c.module_slug", modules)
		cond, args = " AND "+in, []any{arg, scope.arg}
	}
	q := tx.Raw(`SELECT p.cohort_id, p.user_id, p.discipline_group, p.discipline, p.name_key, p.search, p.modules_completed, p.last_active,
	p.in_team, p.accepted, c.module_slug, c.lessons, c.quiz_taken, c.quiz_percent, c.quiz_passed, c.quiz_number, c.completed, c.last_active
FROM cohort_progress p
LEFT JOIN cohort_progress_cells c ON c.cohort_id = p.cohort_id AND c.user_id = p.user_id`+cond+`
WHERE `+scope.on("p"), args...)
	out := map[memberKey]*memberSummary{}
	err := scanRows(q, func(rows *sql.Rows) error {
		var r CohortProgress
		var module sql.NullString
		var c CohortProgressCell
		var lessons, number sql.NullInt64
		var taken, passed, completed sql.NullBool
		var percent sql.NullFloat64
		var last sql.NullInt64
		if err := rows.Scan(&r.CohortID, &r.UserID, &r.DisciplineGroup, &r.Discipline, &r.NameKey, &r.Search, &r.ModulesCompleted, &r.LastActive,
			&r.InTeam, &r.Accepted, &module, &lessons, &taken, &percent, &passed, &number, &completed, &last); err != nil {
			return err
		}
		k := memberKey{r.CohortID, r.UserID}
		m := out[k]
		if m == nil {
			m = &memberSummary{row: r, cells: map[string]*CohortProgressCell{}}
			out[k] = m
		}
		if module.Valid {
			c = CohortProgressCell{CohortID: r.CohortID, UserID: r.UserID, ModuleSlug: module.String, Lessons: int(lessons.Int64),
				QuizTaken: taken.Bool, QuizPercent: percent.Float64, QuizPassed: passed.Bool, QuizNumber: int(number.Int64),
				Completed: completed.Bool, LastActive: last.Int64}
			m.cells[c.ModuleSlug] = &c
		}
		return nil
	})
	return out, err
}

// counterKey names one slot of a counter.
type counterKey struct {
	cohort, group, item string
	slot                int
}

// counterDelta is what a change adds to one slot of a counter.
type counterDelta struct{ learners, completed, quizN, quizCentis int64 }

func (d counterDelta) zero() bool { return d == counterDelta{} }

type counterDeltas map[counterKey]*counterDelta

// add adds sign times a member's contribution: their row to the group's counter and each cell
// to its module's.
func (ds counterDeltas) add(m *memberSummary, sign int64) {
	slot := summarySlot(m.row.UserID)
	at := func(item string) *counterDelta {
		k := counterKey{m.row.CohortID, m.row.DisciplineGroup, item, slot}
		if ds[k] == nil {
			ds[k] = &counterDelta{}
		}
		return ds[k]
	}
	g := at("")
	g.learners += sign
	g.completed += sign * int64(m.row.ModulesCompleted)
	ds.addTeamWork(&m.row, sign)
	for slug, c := range m.cells {
		d := at(slug)
		if c.Completed {
			d.completed += sign
		}
		if c.QuizTaken {
			d.quizN += sign
			d.quizCentis += sign * centis(c.QuizPercent)
		}
	}
}

// addTeamWork adds sign times a member's team work: being in a team, and each exercise their
// team's latest version of was accepted.
func (ds counterDeltas) addTeamWork(row *CohortProgress, sign int64) {
	at := func(item string) *counterDelta {
		k := counterKey{row.CohortID, row.DisciplineGroup, item, summarySlot(row.UserID)}
		if ds[k] == nil {
			ds[k] = &counterDelta{}
		}
		return ds[k]
	}
	if row.InTeam {
		at(TeamCounter).learners += sign
	}
	for _, slug := range strings.Fields(row.Accepted) {
		at(ExerciseCounter + slug).completed += sign
	}
}

// centis is a percent in hundredths, as attempts round it.
func centis(percent float64) int64 {
	if percent < 0 {
		return -int64(-percent*100 + 0.5)
	}
	return int64(percent*100 + 0.5)
}

// writeSummaryChanges writes fresh in place of old: the rows, the cells of the given modules
// (all when nil), and the counters moved by the difference.
func writeSummaryChanges(tx *gorm.DB, old, fresh map[memberKey]*memberSummary, modules []string) error {
	deltas := counterDeltas{}
	keys := make([]memberKey, 0, len(old)+len(fresh))
	for k := range old {
		keys = append(keys, k)
	}
	for k := range fresh {
		if _, ok := old[k]; !ok {
			keys = append(keys, k)
		}
	}
	slices.SortFunc(keys, func(a, b memberKey) int { return strings.Compare(a.cohort+"/"+a.user, b.cohort+"/"+b.user) })
	var (
		rows  []CohortProgress
		cells []CohortProgressCell
	)
	for _, k := range keys {
		o, n := old[k], fresh[k]
		if o != nil {
			deltas.add(o, -1)
		}
		if n != nil {
			if modules != nil {
				// The cells of the other modules and the team work stay as they are, and count as before.
				n.row.ModulesCompleted = o.row.ModulesCompleted - completedIn(o.cells) + completedIn(n.cells)
				n.row.LastActive = max(n.row.LastActive, o.row.LastActive)
				n.row.InTeam, n.row.Accepted = o.row.InTeam, o.row.Accepted
			}
			deltas.add(n, 1)
		}
		if o != nil && len(o.cells) > 0 && modules == nil {
			if err := tx.Where("cohort_id = ? AND user_id = ?", k.cohort, k.user).Delete(&CohortProgressCell{}).Error; err != nil {
				return err
			}
		}
		if n == nil {
			if err := tx.Where("cohort_id = ? AND user_id = ?", k.cohort, k.user).Delete(&CohortProgress{}).Error; err != nil {
				return err
			}
			continue
		}
		rows = append(rows, n.row)
		for _, c := range n.cells {
			cells = append(cells, *c)
		}
	}
	if err := upsertSummaryRows(tx, rows); err != nil {
		return err
	}
	// A module's cell, once there, stays: its records are never taken back while the learner
	// is a member, so with modules given each cell is new or replaces the old one.
	if err := upsertSummaryCells(tx, cells); err != nil {
		return err
	}
	return applyCounterDeltas(tx, deltas)
}

func completedIn(cells map[string]*CohortProgressCell) int {
	n := 0
	for _, c := range cells {
		if c.Completed {
			n++
		}
	}
	return n
}

// resummariseLesson brings userID's summaries up to date after a change to their completion of
// a lesson.
func resummariseLesson(tx *gorm.DB, userID, lessonSlug string) error {
	var modules []string
	if err := tx.Model(&Lesson{}).Where("slug = ?", lessonSlug).Pluck("module_slug", &modules).Error; err != nil {
		return err
	}
	return resummarise(tx, userID, modules...)
}

// resummariseQuiz brings userID's summaries up to date after a change to their attempts at a
// quiz.
func resummariseQuiz(tx *gorm.DB, userID, quizSlug string) error {
	return resummariseQuizzes(tx, []string{userID}, []string{quizSlug})
}

// resummariseQuizzes brings the summaries of several learners (sorted, no repeats) up to date
// after changes to their attempts at the given quizzes.
func resummariseQuizzes(tx *gorm.DB, userIDs, quizSlugs []string) error {
	var modules []string
	in, arg := oneOf(tx, "slug", quizSlugs)
	if err := tx.Model(&Quiz{}).Distinct("module_slug").Where(in, arg).Pluck("module_slug", &modules).Error; err != nil {
		return err
	}
	return resummariseLearners(tx, userIDs, modules)
}
