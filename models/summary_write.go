package models

import (
	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// upsertSummaryRows writes members' summary rows, replacing those there: on PostgreSQL as
// arrays (see insertRows).
func upsertSummaryRows(tx *gorm.DB, rows []CohortProgress) error {
	switch {
	case len(rows) == 0:
		return nil
	case !isPostgres(tx):
		return tx.Clauses(clause.OnConflict{UpdateAll: true}).CreateInBatches(rows, 500).Error
	}
	n := len(rows)
	return insertRows(tx, "cohort_progress", " ON CONFLICT (cohort_id, user_id) DO UPDATE SET discipline_group = excluded.discipline_group, "+
		"discipline = excluded.discipline, name_key = excluded.name_key, search = excluded.search, modules_completed = excluded.modules_completed, "+
		"last_active = excluded.last_active, in_team = excluded.in_team, accepted = excluded.accepted",
		columnOf("cohort_id", "text", n, func(i int) string { return rows[i].CohortID }),
		columnOf("user_id", "text", n, func(i int) string { return rows[i].UserID }),
		columnOf("discipline_group", "text", n, func(i int) string { return rows[i].DisciplineGroup }),
		columnOf("discipline", "text", n, func(i int) string { return rows[i].Discipline }),
		columnOf("name_key", "bytea", n, func(i int) []byte { return rows[i].NameKey }),
		columnOf("search", "text", n, func(i int) string { return rows[i].Search }),
		columnOf("modules_completed", "bigint", n, func(i int) int { return rows[i].ModulesCompleted }),
		columnOf("last_active", "bigint", n, func(i int) int64 { return rows[i].LastActive }),
		columnOf("in_team", "boolean", n, func(i int) bool { return rows[i].InTeam }),
		columnOf("accepted", "text", n, func(i int) string { return rows[i].Accepted }))
}

// upsertSummaryCells writes members' cells, replacing those there: on PostgreSQL as arrays
// (see insertRows).
func upsertSummaryCells(tx *gorm.DB, cells []CohortProgressCell) error {
	switch {
	case len(cells) == 0:
		return nil
	case !isPostgres(tx):
		return tx.Clauses(clause.OnConflict{UpdateAll: true}).CreateInBatches(cells, 500).Error
	}
	n := len(cells)
	return insertRows(tx, "cohort_progress_cells", " ON CONFLICT (cohort_id, user_id, module_slug) DO UPDATE SET lessons = excluded.lessons, "+
		"quiz_taken = excluded.quiz_taken, quiz_percent = excluded.quiz_percent, quiz_passed = excluded.quiz_passed, "+
		"quiz_number = excluded.quiz_number, completed = excluded.completed, last_active = excluded.last_active",
		columnOf("cohort_id", "text", n, func(i int) string { return cells[i].CohortID }),
		columnOf("user_id", "text", n, func(i int) string { return cells[i].UserID }),
		columnOf("module_slug", "text", n, func(i int) string { return cells[i].ModuleSlug }),
		columnOf("lessons", "bigint", n, func(i int) int { return cells[i].Lessons }),
		columnOf("quiz_taken", "boolean", n, func(i int) bool { return cells[i].QuizTaken }),
		columnOf("quiz_percent", "numeric", n, func(i int) float64 { return cells[i].QuizPercent }),
		columnOf("quiz_passed", "boolean", n, func(i int) bool { return cells[i].QuizPassed }),
		columnOf("quiz_number", "bigint", n, func(i int) int { return cells[i].QuizNumber }),
		columnOf("completed", "boolean", n, func(i int) bool { return cells[i].Completed }),
		columnOf("last_active", "bigint", n, func(i int) int64 { return cells[i].LastActive }))
}
