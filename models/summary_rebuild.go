package models

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"

	"gorm.io/gorm"
)

// summaryTables are the summary tables, in the order they are emptied.
var summaryTables = []string{"cohort_progress_cells", "cohort_progress", "cohort_progress_counts"}

// catalogShapeState names the summary_state row holding the catalogue shape the summaries were
// computed for.
const catalogShapeState = "catalog_shape"

// SummaryState is a fact about the summary tables.
type SummaryState struct {
	Name  string `gorm:"primaryKey;size:64"`
	Value string `gorm:"type:text;not null"`
}

// TableName names the table.
func (SummaryState) TableName() string { return "summary_state" }

// RebuildSummaries recomputes every cohort's summary tables from the records and returns how
// many cohorts it summarised. While it runs, learners' writes and dashboards wait for it.
func (s *Store) RebuildSummaries(ctx context.Context) (int, error) {
	var n int
	err := s.tx(ctx, func(tx *gorm.DB) error {
		var err error
		n, err = s.rebuildSummaries(tx)
		return err
	})
	return n, err
}

// EnsureSummaries rebuilds the summary tables when the catalogue's shape (which lessons and
// quiz each module has, and which attempt a quiz counts) differs from the one they were
// computed for: after this migration first runs, and after a release that changes a module.
// It reports whether it rebuilt them. Servers starting together rebuild once.
func (s *Store) EnsureSummaries(ctx context.Context) (bool, error) {
	rebuilt := false
	err := s.tx(ctx, func(tx *gorm.DB) error {
		current, err := summariesCurrent(tx)
		if err != nil || current {
			return err
		}
		// Look again once no other server can be rebuilding: it may just have.
		if err := s.lockSummaries(tx); err != nil {
			return err
		}
		if current, err = summariesCurrent(tx); err != nil || current {
			return err
		}
		rebuilt = true
		_, err = s.rebuildSummaries(tx)
		return err
	})
	return rebuilt, err
}

// summariesCurrent reports whether the summaries were computed for the catalogue's shape as
// the mirror holds it now.
func summariesCurrent(tx *gorm.DB) (bool, error) {
	shape, err := catalogShape(tx, nil)
	if err != nil {
		return false, err
	}
	var state SummaryState
	if err := tx.Where("name = ?", catalogShapeState).Limit(1).Find(&state).Error; err != nil {
		return false, err
	}
	return state.Value == shapeFingerprint(shape), nil
}

// rebuildSummaries empties the summary tables and computes them again, cohort by cohort,
// recording the catalogue shape they were computed for.
func (s *Store) rebuildSummaries(tx *gorm.DB) (int, error) {
	if err := s.lockSummaries(tx); err != nil {
		return 0, err
	}
	for _, t := range summaryTables {
		if err := tx.Exec("DELETE FROM " + t).Error; err != nil {
			return 0, err
		}
	}
	var cohorts []string
	if err := tx.Model(&Cohort{}).Order("id").Pluck("id", &cohorts).Error; err != nil {
		return 0, err
	}
	for _, id := range cohorts {
		if err := s.summariseCohort(tx, id); err != nil {
			return 0, fmt.Errorf("summarise cohort %s: %w", id, err)
		}
	}
	shape, err := catalogShape(tx, nil)
	if err != nil {
		return 0, err
	}
	state := SummaryState{Name: catalogShapeState, Value: shapeFingerprint(shape)}
	if err := tx.Save(&state).Error; err != nil {
		return 0, err
	}
	if s.postgres {
		// Give the planner the tables' new sizes now rather than at autovacuum's next visit.
		if err := tx.Exec("ANALYZE " + strings.Join(summaryTables, ", ")).Error; err != nil {
			return 0, err
		}
	}
	return len(cohorts), nil
}

// summariseCohort writes a cohort's summary rows, cells and counters from its records.
func (s *Store) summariseCohort(tx *gorm.DB, cohortID string) error {
	fresh, err := freshSummaries(tx, cohortScope(cohortID), nil)
	if err != nil {
		return err
	}
	rows := make([]CohortProgress, 0, len(fresh))
	var cells []CohortProgressCell
	deltas := counterDeltas{}
	for _, m := range fresh {
		rows = append(rows, m.row)
		for _, c := range m.cells {
			cells = append(cells, *c)
		}
		deltas.add(m, 1)
	}
	if len(rows) > 0 {
		if err := tx.CreateInBatches(rows, 1000).Error; err != nil {
			return err
		}
	}
	if len(cells) > 0 {
		if err := tx.CreateInBatches(cells, 1000).Error; err != nil {
			return err
		}
	}
	return applyCounterDeltas(tx, deltas)
}

// lockSummaries makes writers and readers of the summaries wait until tx ends; a second
// server starting at the same time waits too, then finds them rebuilt. SQLite has one writer
// at a time already.
func (s *Store) lockSummaries(tx *gorm.DB) error {
	if !s.postgres {
		return nil
	}
	return tx.Exec("LOCK TABLE " + strings.Join(summaryTables, ", ") + " IN ACCESS EXCLUSIVE MODE").Error
}

// shapeFingerprint is the catalogue shape as text, the same for the same shape.
func shapeFingerprint(shape map[string]moduleShape) string {
	var b strings.Builder
	for _, slug := range slices.Sorted(maps.Keys(shape)) {
		m := shape[slug]
		fmt.Fprintf(&b, "%s %s %d %t %t\n", slug, m.track, m.lessons, m.quiz, m.countsLast)
	}
	return b.String()
}

// SummaryRows returns every summary row, cell and non-zero counter slot, ordered, for
// comparing the live tables with a rebuild.
func (s *Store) SummaryRows(ctx context.Context) ([]CohortProgress, []CohortProgressCell, []CohortProgressCount, error) {
	db := s.db.WithContext(ctx)
	var rows []CohortProgress
	var cells []CohortProgressCell
	var counts []CohortProgressCount
	if err := db.Order("cohort_id, user_id").Find(&rows).Error; err != nil {
		return nil, nil, nil, err
	}
	if err := db.Order("cohort_id, user_id, module_slug").Find(&cells).Error; err != nil {
		return nil, nil, nil, err
	}
	err := db.Where("learners <> 0 OR completed <> 0 OR quiz_n <> 0 OR quiz_centis <> 0").
		Order("cohort_id, discipline_group, item, slot").Find(&counts).Error
	return rows, cells, counts, err
}
