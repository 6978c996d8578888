package models

import (
	"context"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// Track mirrors a catalogue track so that learning records reference stable rows.
type Track struct {
	Slug      string `gorm:"primaryKey;size:100"`
	Title     string `gorm:"size:300;not null"`
	Audience  string `gorm:"size:32;not null"`
	Position  int    `gorm:"not null"`
	Hash      string `gorm:"size:64;not null"`
	Retired   bool   `gorm:"not null;default:false"`
	UpdatedAt time.Time
}

// Module mirrors a catalogue module.
type Module struct {
	Slug      string `gorm:"primaryKey;size:100"`
	TrackSlug string `gorm:"size:100;not null;index"`
	Title     string `gorm:"size:300;not null"`
	Position  int    `gorm:"not null"`
	Hash      string `gorm:"size:64;not null"`
	Retired   bool   `gorm:"not null;default:false"`
	UpdatedAt time.Time
}

// Lesson mirrors a catalogue lesson. ContentUpdatedAt moves only when the content hash changes,
// so a completion older than it marks a lesson revised since.
type Lesson struct {
	Slug             string `gorm:"primaryKey;size:100"`
	ModuleSlug       string `gorm:"size:100;not null;index"`
	Title            string `gorm:"size:300;not null"`
	Position         int    `gorm:"not null"`
	Hash             string `gorm:"size:64;not null"`
	Retired          bool   `gorm:"not null;default:false"`
	ContentUpdatedAt time.Time
}

// Quiz mirrors a module's quiz.
type Quiz struct {
	Slug             string `gorm:"primaryKey;size:100"`
	ModuleSlug       string `gorm:"size:100;not null;index"`
	Title            string `gorm:"size:300;not null"`
	Hash             string `gorm:"size:64;not null"`
	Retired          bool   `gorm:"not null;default:false"`
	CountsLast       bool   `gorm:"not null;default:false"` // the last submitted attempt counts, not the best
	ContentUpdatedAt time.Time
}

// Mirror is the catalogue as rows, built by the caller from the loaded catalogue.
type Mirror struct {
	Tracks  []Track
	Modules []Module
	Lessons []Lesson
	Quizzes []Quiz
}

// SyncCatalog upserts the mirror by slug in one transaction and retires rows whose slug left the
// catalogue (they stay, so old learning records keep their references).
func (s *Store) SyncCatalog(ctx context.Context, m Mirror) error {
	now := time.Now().UTC()
	for i := range m.Lessons {
		m.Lessons[i].ContentUpdatedAt = now
	}
	for i := range m.Quizzes {
		m.Quizzes[i].ContentUpdatedAt = now
	}
	return s.tx(ctx, func(tx *gorm.DB) error {
		steps := []struct {
			table string
			rows  any
			cols  []string
			slugs []string
		}{
			{"tracks", m.Tracks, []string{"title", "audience", "position", "hash", "retired", "updated_at"}, slugsOf(m.Tracks, func(t Track) string { return t.Slug })},
			{"modules", m.Modules, []string{"track_slug", "title", "position", "hash", "retired", "updated_at"}, slugsOf(m.Modules, func(t Module) string { return t.Slug })},
			{"lessons", m.Lessons, []string{"module_slug", "title", "position", "hash", "retired"}, slugsOf(m.Lessons, func(t Lesson) string { return t.Slug })},
			{"quizzes", m.Quizzes, []string{"module_slug", "title", "hash", "retired", "counts_last"}, slugsOf(m.Quizzes, func(t Quiz) string { return t.Slug })},
		}
		for _, st := range steps {
			if len(st.slugs) == 0 {
				continue
			}
			set := clause.AssignmentColumns(st.cols)
			if st.table == "lessons" || st.table == "quizzes" {
				set = append(set, clause.Assignment{
					Column: clause.Column{Name: "content_updated_at"},
					Value:  gorm.Expr("CASE WHEN " + st.table + ".hash <> excluded.hash THEN excluded.content_updated_at ELSE " + st.table + ".content_updated_at END"),
				})
			}
			err := tx.Table(st.table).Clauses(clause.OnConflict{Columns: []clause.Column{{Name: "slug"}}, DoUpdates: set}).
				Create(st.rows).Error
			if err != nil {
				return err
			}
			if err := tx.Table(st.table).Where("slug NOT IN ?", st.slugs).Update("retired", true).Error; err != nil {
				return err
			}
		}
		return nil
	})
}

func slugsOf[T any](rows []T, slug func(T) string) []string {
	out := make([]string, len(rows))
	for i, r := range rows {
		out[i] = slug(r)
	}
	return out
}
