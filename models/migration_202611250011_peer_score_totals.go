package models

import (
	"encoding/json"
	"fmt"

	"gorm.io/gorm"
)

// migratePeerScoreTotals keeps, beside each peer rating's scores, their sum and number, so that
// a cohort's dashboard sums tens of thousands of ratings without reading JSON. Existing ratings
// are filled in from their scores; a rating whose scores cannot be read stops the migration
// rather than count as nothing. Frozen: it carries its own arithmetic.
func migratePeerScoreTotals(tx *gorm.DB) error {
	for _, stmt := range []string{
		"ALTER TABLE peer_evaluations ADD COLUMN score_sum INTEGER NOT NULL DEFAULT 0",
		"ALTER TABLE peer_evaluations ADD COLUMN score_count INTEGER NOT NULL DEFAULT 0",
	} {
		if err := tx.Exec(stmt).Error; err != nil {
			return err
		}
	}
	type rating struct{ ID, Scores string }
	var rows []rating
	if err := tx.Table("peer_evaluations").Select("id, scores").Find(&rows).Error; err != nil {
		return err
	}
	for _, r := range rows {
		var scores map[string]int
		if err := json.Unmarshal([]byte(r.Scores), &scores); err != nil {
			return fmt.Errorf("peer rating %s: scores %q are not a map of numbers: %w", r.ID, r.Scores, err)
		}
		sum := 0
		for _, v := range scores {
			sum += v
		}
		if err := tx.Table("peer_evaluations").Where("id = ?", r.ID).
			Updates(map[string]any{"score_sum": sum, "score_count": len(scores)}).Error; err != nil {
			return err
		}
	}
	return nil
}
