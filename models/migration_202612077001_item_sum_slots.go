package models

import (
	"fmt"
	"strings"

	"gorm.io/gorm"
)

// itemSumTables are the kept item sums' tables with the key columns they had before this
// migration and the measures they keep.
var itemSumTables = []struct{ name, keys, measures, floats string }{
	{"item_sums", "quiz_slug, selection, question_id, discipline_group, level", "n, x, xx, p, pp, r, rr, xr, right_n", "x, xx, p, pp, r, rr, xr"},
	{"item_choices", "quiz_slug, selection, question_id, choice", "n", ""},
	{"item_totals", "quiz_slug, selection", "n, t, tt", "t, tt"},
}

// itemSum202612077001 is the item_sums table as this migration leaves it on SQLite.
type itemSum202612077001 struct {
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

func (itemSum202612077001) TableName() string { return "item_sums_slotted" }

// itemChoice202612077001 is the item_choices table as this migration leaves it on SQLite.
type itemChoice202612077001 struct {
	QuizSlug   string `gorm:"primaryKey;size:100"`
	Selection  string `gorm:"primaryKey;size:8"`
	QuestionID string `gorm:"primaryKey;size:100"`
	Choice     string `gorm:"primaryKey;size:1000"`
	Slot       int    `gorm:"primaryKey;autoIncrement:false"`
	N          int    `gorm:"not null"`
}

func (itemChoice202612077001) TableName() string { return "item_choices_slotted" }

// itemTotal202612077001 is the item_totals table as this migration leaves it on SQLite.
type itemTotal202612077001 struct {
	QuizSlug  string  `gorm:"primaryKey;size:100"`
	Selection string  `gorm:"primaryKey;size:8"`
	Slot      int     `gorm:"primaryKey;autoIncrement:false"`
	N         int     `gorm:"not null"`
	T         float64 `gorm:"not null"`
	TT        float64 `gorm:"column:tt;not null"`
}

func (itemTotal202612077001) TableName() string { return "item_totals_slotted" }

// migrateItemSumSlots adds a slot to the kept item sums' keys, so that a quiz's submissions
// write to one of several rows per cell rather than all to one. What was kept so far goes to
// slot 0. PostgreSQL changes the primary keys in place, and keeps the sums as double precision
// rather than numeric, which every submission had to convert its floats to; SQLite, which
// cannot change a primary key, copies each table into a new one (its floats are already real).
func migrateItemSumSlots(tx *gorm.DB) error {
	if tx.Dialector.Name() == "postgres" {
		for _, t := range itemSumTables {
			alter := fmt.Sprintf("ALTER TABLE %[1]s ADD COLUMN slot bigint NOT NULL DEFAULT 0, DROP CONSTRAINT %[1]s_pkey, ADD PRIMARY KEY (%[2]s, slot)", t.name, t.keys)
			if t.floats != "" {
				for _, c := range strings.Split(t.floats, ", ") {
					alter += ", ALTER COLUMN " + c + " TYPE double precision"
				}
			}
			if err := tx.Exec(alter).Error; err != nil {
				return err
			}
		}
		return nil
	}
	if err := tx.Migrator().CreateTable(&itemSum202612077001{}, &itemChoice202612077001{}, &itemTotal202612077001{}); err != nil {
		return err
	}
	for _, t := range itemSumTables {
		columns := t.keys + ", " + t.measures
		for _, stmt := range []string{
			fmt.Sprintf("INSERT INTO %[1]s_slotted (%[2]s, slot) SELECT %[2]s, 0 FROM %[1]s", t.name, columns),
			"DROP TABLE " + t.name,
			fmt.Sprintf("ALTER TABLE %[1]s_slotted RENAME TO %[1]s", t.name),
		} {
			if err := tx.Exec(stmt).Error; err != nil {
				return err
			}
		}
	}
	return nil
}
