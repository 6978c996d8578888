package models

import (
	"context"
	"database/sql"
	"strings"
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
// id, Limit of them after Offset. Exercises are the exercises team status counts. Members,
// when not negative, is how many members the cohort has, which a page without a search need
// not count again.
type ProgressQuery struct {
	Search        string
	Sort          string
	Desc          bool
	Offset, Limit int
	Exercises     []string
	Members       int
}

// ProgressRow is a member listed on a page of the grid, with their summary row.
type ProgressRow struct {
	User
	ModulesCompleted int
	LastActive       int64
}

// CohortProgressPage returns a page of a cohort's members and how many match the search.
func (s *Store) CohortProgressPage(ctx context.Context, cohortID string, q ProgressQuery) ([]ProgressRow, int, error) {
	where, args := "p.cohort_id = ?", []any{cohortID}
	if q.Search != "" {
		where += ` AND p.search LIKE ? ESCAPE '\'`
		args = append(args, "%"+likeEscaper.Replace(q.Search)+"%")
	}
	db := s.reader(ctx)
	total := int64(q.Members)
	if q.Search != "" || q.Members < 0 {
		if err := db.Table("cohort_progress AS p").Where(where, args...).Count(&total).Error; err != nil {
			return nil, 0, mapErr(err)
		}
	}
	dir := "ASC"
	if q.Desc {
		dir = "DESC"
	}
	var from, cols, order string
	switch q.Sort {
	case "discipline":
		order = "p.discipline " + dir + ", p.name_key, p.user_id"
	case "progress":
		order = "p.modules_completed " + dir + ", p.name_key, p.user_id"
	case "last_activity":
		order = "p.last_active " + dir + ", p.name_key, p.user_id"
	case "team_status":
		from, order = teamStatusJoin, "COALESCE(ts.in_team, 0) "+dir+", COALESCE(ts.done, 0) "+dir+", COALESCE(ts.sent, 0) "+dir+", p.name_key, p.user_id"
		cols = ", ts.in_team AS ts_in_team, ts.done AS ts_done, ts.sent AS ts_sent"
		exercises := append(q.Exercises, "") // never an empty list
		args = append([]any{cohortID, exercises, cohortID}, args...)
	default:
		order = "p.name_key " + dir + ", p.user_id " + dir
	}
	// The page is chosen from the summary rows alone; only its learners are then looked up.
	rows, err := db.Raw(`SELECT u.id, u.name, u.email, u.discipline, u.institution, p.modules_completed, p.last_active
FROM (SELECT p.user_id, p.modules_completed, p.last_active, p.discipline, p.name_key`+cols+`
  FROM cohort_progress p`+from+`
  WHERE `+where+` ORDER BY `+order+` LIMIT ? OFFSET ?) p
JOIN users u ON u.id = p.user_id
ORDER BY `+strings.ReplaceAll(order, "COALESCE(ts.", "COALESCE(p.ts_"), append(args, q.Limit, q.Offset)...).Rows()
	if err != nil {
		return nil, 0, mapErr(err)
	}
	defer rows.Close()
	var out []ProgressRow
	for rows.Next() {
		var r ProgressRow
		if err := rows.Scan(&r.ID, &r.Name, &r.Email, &r.Discipline, &r.Institution, &r.ModulesCompleted, &r.LastActive); err != nil {
			return nil, 0, mapErr(err)
		}
		out = append(out, r)
	}
	return out, int(total), mapErr(rows.Err())
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
