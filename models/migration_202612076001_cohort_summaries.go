package models

import "gorm.io/gorm"

// cohortProgress202612076001 is the cohort_progress table as this migration creates it.
type cohortProgress202612076001 struct {
	CohortID         string `gorm:"primaryKey;size:32;index:idx_cohort_progress_name,priority:1;index:idx_cohort_progress_done,priority:1;index:idx_cohort_progress_active,priority:1"`
	UserID           string `gorm:"primaryKey;size:32;index;index:idx_cohort_progress_name,priority:3"`
	DisciplineGroup  string `gorm:"size:16;not null"`
	Discipline       string `gorm:"size:32;not null"`
	NameKey          []byte `gorm:"not null;index:idx_cohort_progress_name,priority:2"`
	Search           string `gorm:"type:text;not null"`
	ModulesCompleted int    `gorm:"not null;index:idx_cohort_progress_done,priority:2"`
	LastActive       int64  `gorm:"not null;index:idx_cohort_progress_active,priority:2"`
	InTeam           bool   `gorm:"not null;default:false"`
	Accepted         string `gorm:"type:text;not null;default:''"`
}

func (cohortProgress202612076001) TableName() string { return "cohort_progress" }

// cohortProgressCell202612076001 is the cohort_progress_cells table as this migration creates it.
type cohortProgressCell202612076001 struct {
	CohortID    string  `gorm:"primaryKey;size:32"`
	UserID      string  `gorm:"primaryKey;size:32"`
	ModuleSlug  string  `gorm:"primaryKey;size:100"`
	Lessons     int     `gorm:"not null"`
	QuizTaken   bool    `gorm:"not null"`
	QuizPercent float64 `gorm:"not null"`
	QuizPassed  bool    `gorm:"not null"`
	QuizNumber  int     `gorm:"not null"`
	Completed   bool    `gorm:"not null"`
	LastActive  int64   `gorm:"not null"`
}

func (cohortProgressCell202612076001) TableName() string { return "cohort_progress_cells" }

// cohortProgressCount202612076001 is the cohort_progress_counts table as this migration creates it.
type cohortProgressCount202612076001 struct {
	CohortID        string `gorm:"primaryKey;size:32"`
	DisciplineGroup string `gorm:"primaryKey;size:16"`
	Item            string `gorm:"primaryKey;size:100"`
	Slot            int    `gorm:"primaryKey;autoIncrement:false"`
	Learners        int64  `gorm:"not null"`
	Completed       int64  `gorm:"not null"`
	QuizN           int64  `gorm:"not null"`
	QuizCentis      int64  `gorm:"not null"`
}

func (cohortProgressCount202612076001) TableName() string { return "cohort_progress_counts" }

// summaryState202612076001 is the summary_state table as this migration creates it.
type summaryState202612076001 struct {
	Name  string `gorm:"primaryKey;size:64"`
	Value string `gorm:"type:text;not null"`
}

func (summaryState202612076001) TableName() string { return "summary_state" }

// quiz202612076001 is the quizzes table's new column.
type quiz202612076001 struct {
	CountsLast bool `gorm:"not null;default:false"`
}

func (quiz202612076001) TableName() string { return "quizzes" }

// migrateCohortSummaries creates the summary tables that cohort dashboards read, and marks in
// the catalogue mirror which quizzes count the last attempt rather than the best. The tables
// start empty and the catalogue shape unknown, so the first start after this migration builds
// them from the records.
func migrateCohortSummaries(tx *gorm.DB) error {
	if err := tx.Migrator().AddColumn(&quiz202612076001{}, "CountsLast"); err != nil {
		return err
	}
	return tx.Migrator().CreateTable(&cohortProgress202612076001{}, &cohortProgressCell202612076001{},
		&cohortProgressCount202612076001{}, &summaryState202612076001{})
}
