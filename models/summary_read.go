package models

import (
	"context"
	"database/sql"
	"strings"

	"gorm.io/gorm"
)

// CohortCount is a cohort's counter for a discipline group and an item (a module's slug, or
// "" for the group), its slots added up.
type CohortCount struct {
	Group, Item                            string
	Learners, Completed, QuizN, QuizCentis int64
}

// CohortCounts returns a cohort's counters. Dashboards read from a replica when there is one.
func (s *Store) CohortCounts(ctx context.Context, cohortID string) ([]CohortCount, error) {
	q := s.reader(ctx).Raw(`SELECT discipline_group, item, SUM(learners), SUM(completed), SUM(quiz_n), SUM(quiz_centis)
FROM cohort_progress_counts WHERE cohort_id = ? GROUP BY discipline_group, item`, cohortID)
	var out []CohortCount
	err := scanRows(q, func(rows *sql.Rows) error {
		var c CohortCount
		if err := rows.Scan(&c.Group, &c.Item, &c.Learners, &c.Completed, &c.QuizN, &c.QuizCentis); err != nil {
			return err
		}
		out = append(out, c)
		return nil
	})
	return out, mapErr(err)
}

// ProgressQuery is which members of a cohort a page of its grid lists, in which order: those
// whose name, email or institution holds Search (in lower case), sorted by Sort (name,
// discipline, progress, last_activity or team_status; descending when Desc) then by name and
// id, Limit of them after Offset, or, when After is set, the Limit that follow the row it
// stands for: a reader going through every page (the CSV) reads each as quickly as the first.
// Exercises are the exercises team status counts. Members, when not negative, is how many
// members the cohort has, which a page without a search need not count again.
type ProgressQuery struct {
	Search        string
	Sort          string
	Desc          bool
	Offset, Limit int
	After         *ProgressPosition
	Exercises     []string
	Members       int
}

// ProgressRow is a member listed on a page of the grid, with their summary row and where it
// stands in the page's order.
type ProgressRow struct {
	User
	ModulesCompleted int
	LastActive       int64
	Position         ProgressPosition
}

// ProgressPosition is where a row stands in the order of a ProgressQuery: the values it is
// sorted by.
type ProgressPosition struct {
	discipline              string
	nameKey                 []byte
	userID                  string
	modules                 int
	lastActive              int64
	inTeam, done, sentTeams int64
}

// CohortProgressPage returns a page of a cohort's members and how many match the search, from
// one snapshot, planned for the cohort, the search and the page (see readPlanned).
func (s *Store) CohortProgressPage(ctx context.Context, cohortID string, q ProgressQuery) ([]ProgressRow, int, error) {
	var out []ProgressRow
	var total int
	err := s.readPlanned(ctx, func(db *gorm.DB) error {
		var err error
		out, total, err = s.cohortProgressPage(db, cohortID, q)
		return err
	})
	return out, total, mapErr(err)
}

func (s *Store) cohortProgressPage(db *gorm.DB, cohortID string, q ProgressQuery) ([]ProgressRow, int, error) {
	where, args := "p.cohort_id = ?", []any{cohortID}
	if q.Search != "" {
		where += ` AND p.search LIKE ? ESCAPE '\'`
		args = append(args, "%"+likeEscaper.Replace(q.Search)+"%")
	}
	total := int64(q.Members)
	if q.Search != "" || q.Members < 0 {
		if err := db.Table("cohort_progress AS p").Where(where, args...).Count(&total).Error; err != nil {
			return nil, 0, mapErr(err)
		}
	}
	// keys are what the page is sorted by, in order, each with its value in After.
	type key struct {
		expr  string
		desc  bool
		value func(*ProgressPosition) any
	}
	byName := []key{{"p.name_key", false, func(a *ProgressPosition) any { return a.nameKey }},
		{"p.user_id", false, func(a *ProgressPosition) any { return a.userID }}}
	var keys []key
	var from, cols, outerCols string
	switch q.Sort {
	case "discipline":
		keys = append([]key{{"p.discipline", q.Desc, func(a *ProgressPosition) any { return a.discipline }}}, byName...)
	case "progress":
		keys = append([]key{{"p.modules_completed", q.Desc, func(a *ProgressPosition) any { return a.modules }}}, byName...)
	case "last_activity":
		keys = append([]key{{"p.last_active", q.Desc, func(a *ProgressPosition) any { return a.lastActive }}}, byName...)
	case "team_status":
		from = teamStatusJoin
		cols = ", COALESCE(ts.in_team, 0) AS ts_in_team, COALESCE(ts.done, 0) AS ts_done, COALESCE(ts.sent, 0) AS ts_sent"
		outerCols = ", p.ts_in_team, p.ts_done, p.ts_sent"
		exercises := append(q.Exercises, "") // never an empty list
		args = append([]any{cohortID, exercises, cohortID}, args...)
		keys = append([]key{{"COALESCE(ts.in_team, 0)", q.Desc, func(a *ProgressPosition) any { return a.inTeam }},
			{"COALESCE(ts.done, 0)", q.Desc, func(a *ProgressPosition) any { return a.done }},
			{"COALESCE(ts.sent, 0)", q.Desc, func(a *ProgressPosition) any { return a.sentTeams }}}, byName...)
	default:
		keys = []key{{"p.name_key", q.Desc, byName[0].value}, {"p.user_id", q.Desc, byName[1].value}}
	}
	order := make([]string, len(keys))
	for i, k := range keys {
		order[i] = k.expr + " ASC"
		if k.desc {
			order[i] = k.expr + " DESC"
		}
	}
	// After a row: a key past its value with every key before equal to it, for some key.
	page, pageArgs := "LIMIT ? OFFSET ?", []any{q.Limit, q.Offset}
	if q.After != nil {
		var past []string
		for i, k := range keys {
			var terms []string
			for _, e := range keys[:i] {
				terms = append(terms, e.expr+" = ?")
				args = append(args, e.value(q.After))
			}
			beyond := k.expr + " > ?"
			if k.desc {
				beyond = k.expr + " < ?"
			}
			terms = append(terms, beyond)
			args = append(args, k.value(q.After))
			past = append(past, "("+strings.Join(terms, " AND ")+")")
		}
		where += " AND (" + strings.Join(past, " OR ") + ")"
		page, pageArgs = "LIMIT ?", []any{q.Limit}
	}
	// The page is chosen from the summary rows alone; only its learners are then looked up.
	rows, err := db.Raw(`SELECT u.id, u.name, u.email, u.discipline, u.institution, p.modules_completed, p.last_active,
  p.discipline, p.name_key`+outerCols+`
FROM (SELECT p.user_id, p.modules_completed, p.last_active, p.discipline, p.name_key`+cols+`
  FROM cohort_progress p`+from+`
  WHERE `+where+` ORDER BY `+strings.Join(order, ", ")+` `+page+`) p
JOIN users u ON u.id = p.user_id
ORDER BY `+outerOrder(order), append(args, pageArgs...)...).Rows()
	if err != nil {
		return nil, 0, mapErr(err)
	}
	defer rows.Close()
	var out []ProgressRow
	for rows.Next() {
		var r ProgressRow
		dest := []any{&r.ID, &r.Name, &r.Email, &r.Discipline, &r.Institution, &r.ModulesCompleted, &r.LastActive,
			&r.Position.discipline, &r.Position.nameKey}
		if q.Sort == "team_status" {
			dest = append(dest, &r.Position.inTeam, &r.Position.done, &r.Position.sentTeams)
		}
		if err := rows.Scan(dest...); err != nil {
			return nil, 0, mapErr(err)
		}
		r.Position.userID, r.Position.modules, r.Position.lastActive = r.ID, r.ModulesCompleted, r.LastActive
		out = append(out, r)
	}
	return out, int(total), mapErr(rows.Err())
}

// outerOrder is the inner query's order as the outer query names its columns: the team
// standing's under their aliases.
func outerOrder(order []string) string {
	out := strings.Join(order, ", ")
	for _, c := range []string{"in_team", "done", "sent"} {
		out = strings.ReplaceAll(out, "COALESCE(ts."+c+", 0)", "p.ts_"+c)
	}
	return out
}

// teamStatusJoin joins each member's team standing: in a team at all, how many of the
// exercises counted its latest versions were accepted on, and on how many it sent work. Its
// placeholders are the cohort, the exercises and the cohort.
const teamStatusJoin = `
LEFT JOIN (SELECT tm.user_id, 1 AS in_team, w.done, w.sent
  FROM team_members tm
  LEFT JOIN (SELECT s.team_id, SUM(CASE WHEN s.status = 'accepted' THEN 1 ELSE 0 END) AS done, COUNT(*) AS sent
    FROM submissions s JOIN teams t ON t.id = s.team_id
    WHERE t.cohort_id = ? AND s.exercise_slug IN ?
      AND s.version = (SELECT MAX(v.version) FROM submissions v WHERE v.team_id = s.team_id AND v.exercise_slug = s.exercise_slug)
    GROUP BY s.team_id) w ON w.team_id = tm.team_id
  WHERE tm.cohort_id = ?) ts ON ts.user_id = p.user_id`

var likeEscaper = strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)

// CohortProgressCells returns the cells of the given members of a cohort.
func (s *Store) CohortProgressCells(ctx context.Context, cohortID string, userIDs []string) ([]CohortProgressCell, error) {
	out := make([]CohortProgressCell, 0, 16*len(userIDs)) // a cell per started module; the shipped tracks have 16
	if len(userIDs) == 0 {
		return out, nil
	}
	q := s.reader(ctx).Model(&CohortProgressCell{}).Select("user_id, module_slug, lessons, quiz_taken, quiz_percent, quiz_passed, quiz_number, completed, last_active").
		Where("cohort_id = ? AND user_id IN ?", cohortID, userIDs)
	err := scanRows(q, func(rows *sql.Rows) error {
		c := CohortProgressCell{CohortID: cohortID}
		if err := rows.Scan(&c.UserID, &c.ModuleSlug, &c.Lessons, &c.QuizTaken, &c.QuizPercent, &c.QuizPassed, &c.QuizNumber, &c.Completed, &c.LastActive); err != nil {
			return err
		}
		out = append(out, c)
		return nil
	})
	return out, mapErr(err)
}

// CohortExercisesSent returns which of the given exercises any team of a cohort sent work on,
// each found by the first version of it rather than by reading them all.
func (s *Store) CohortExercisesSent(ctx context.Context, cohortID string, exercises []string) ([]string, error) {
	out := []string{}
	db := s.db.WithContext(ctx)
	for _, slug := range exercises {
		var found []int
		err := db.Raw(`SELECT 1 FROM submissions s JOIN teams t ON t.id = s.team_id WHERE t.cohort_id = ? AND s.exercise_slug = ? LIMIT 1`, cohortID, slug).
			Scan(&found).Error
		if err != nil {
			return nil, mapErr(err)
		}
		if len(found) > 0 {
			out = append(out, slug)
		}
	}
	return out, nil
}

// TeamIDsOf returns the ids of the teams of a cohort the given learners are in.
func (s *Store) TeamIDsOf(ctx context.Context, cohortID string, userIDs []string) ([]string, error) {
	var out []string
	if len(userIDs) == 0 {
		return out, nil
	}
	err := s.db.WithContext(ctx).Model(&TeamMember{}).Distinct("team_id").Where("cohort_id = ? AND user_id IN ?", cohortID, userIDs).
		Pluck("team_id", &out).Error
	return out, mapErr(err)
}

// teamFilter narrows a statement on a cohort's teams (aliased t) to the given teams; nil
// leaves every team.
func teamFilter(where string, args []any, teams []string) (string, []any) {
	if teams == nil {
		return where, args
	}
	return where + " AND t.id IN ?", append(args, append(teams, ""))
}
