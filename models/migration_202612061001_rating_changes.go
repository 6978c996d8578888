package models

import "gorm.io/gorm"

// migrateRatingChanges indexes peer ratings by when they changed and learning events by team
// and object, so the score publisher finds changed ratings and the team's scored exercises
// without reading either table whole.
func migrateRatingChanges(tx *gorm.DB) error {
	for _, q := range []string{
		"CREATE INDEX IF NOT EXISTS idx_peer_updated ON peer_evaluations (updated_at)",
		"CREATE INDEX IF NOT EXISTS idx_event_team ON progress_events (team_id, object_id)",
	} {
		if err := tx.Exec(q).Error; err != nil {
			return err
		}
	}
	return nil
}
