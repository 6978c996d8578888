package models

import "gorm.io/gorm"

// itemSumChange202612087001 is the item_sum_changes table as this migration creates it.
type itemSumChange202612087001 struct {
	ID        int64   `gorm:"primaryKey"`
	QuizSlug  string  `gorm:"size:100;not null;index:idx_item_sum_changes_scope,priority:1"`
	Selection string  `gorm:"size:8;not null;index:idx_item_sum_changes_scope,priority:2"`
	AttemptID string  `gorm:"size:32;not null;index"`
	Sign      int     `gorm:"not null"`
	Total     float64 `gorm:"not null"`
}

func (itemSumChange202612087001) TableName() string { return "item_sum_changes" }

// migrateItemSumChanges creates the queue of changes to the item sums: a submission or a
// marking queues which attempts enter or leave which selections in its own transaction, and a
// fold adds them to the sums after commit, many submissions in one statement per table,
// instead of every submission updating the sums' rows itself.
func migrateItemSumChanges(tx *gorm.DB) error {
	return tx.Migrator().CreateTable(&itemSumChange202612087001{})
}
