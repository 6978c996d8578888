package models

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"gorm.io/gorm"
)

// questionResponse202612058001 is the question_responses table as this migration creates it.
type questionResponse202612058001 struct {
	AttemptID       string    `gorm:"primaryKey;size:32"`
	QuestionID      string    `gorm:"primaryKey;size:100"`
	QuizSlug        string    `gorm:"size:100;not null;index:idx_response_quiz,priority:1"`
	UserID          string    `gorm:"size:32;not null;index:idx_question_responses_user_id"`
	AttemptNumber   int       `gorm:"not null"`
	DisciplineGroup string    `gorm:"size:16;not null"`
	Score           float64   `gorm:"not null"`
	MaxScore        float64   `gorm:"not null"`
	Rest            float64   `gorm:"not null"`
	Answered        bool      `gorm:"not null"`
	Choice          string    `gorm:"size:1000;not null;default:''"`
	SubmittedAt     time.Time `gorm:"not null;index:idx_response_quiz,priority:2"`
}

func (questionResponse202612058001) TableName() string { return "question_responses" }

// groups202612058001 are the discipline groups as they stood when this migration shipped.
var groups202612058001 = map[string]string{
	"medicine": "clinical", "nursing": "clinical", "allied_health": "clinical",
	"computer_science": "technical", "data_science": "technical", "engineering": "technical",
}

// migrateQuestionResponses creates the table item analysis reads and fills it from every
// submitted attempt, with each learner's discipline group as it is now. An attempt whose
// stored results or answers do not parse stops the migration with its id.
func migrateQuestionResponses(tx *gorm.DB) error {
	if err := tx.Migrator().CreateTable(&questionResponse202612058001{}); err != nil {
		return err
	}
	var rows []struct {
		ID, UserID, QuizSlug, Answers, Results, Discipline string
		Number                                             int
		SubmittedAt                                        time.Time
	}
	err := tx.Table("quiz_attempts AS a").Joins("JOIN users AS u ON u.id = a.user_id").
		Select("a.id, a.user_id, a.quiz_slug, a.answers, a.results, a.number, a.submitted_at, u.discipline").
		Where("a.submitted_at IS NOT NULL").Scan(&rows).Error
	if err != nil {
		return err
	}
	for _, a := range rows {
		var results []struct {
			QuestionID string  `json:"question_id"`
			Points     float64 `json:"points"`
			MaxPoints  float64 `json:"max_points"`
			Answered   bool    `json:"answered"`
		}
		var answers []struct {
			QuestionID string   `json:"question_id"`
			ChoiceIDs  []string `json:"choice_ids"`
		}
		if err := json.Unmarshal([]byte(a.Results), &results); err != nil {
			return fmt.Errorf("attempt %s: results: %w", a.ID, err)
		}
		if err := json.Unmarshal([]byte(a.Answers), &answers); err != nil {
			return fmt.Errorf("attempt %s: answers: %w", a.ID, err)
		}
		choices := map[string]string{}
		for _, ans := range answers {
			ids := slices.Clone(ans.ChoiceIDs)
			slices.Sort(ids)
			choices[ans.QuestionID] = strings.Join(ids, ",")
		}
		group := groups202612058001[a.Discipline]
		if group == "" {
			group = "other"
		}
		var total float64
		for _, r := range results {
			total += r.Points
		}
		out := make([]questionResponse202612058001, 0, len(results))
		for _, r := range results {
			out = append(out, questionResponse202612058001{AttemptID: a.ID, QuestionID: r.QuestionID, QuizSlug: a.QuizSlug,
				UserID: a.UserID, AttemptNumber: a.Number, DisciplineGroup: group, Score: r.Points, MaxScore: r.MaxPoints,
				Rest: total - r.Points, Answered: r.Answered, Choice: choices[r.QuestionID], SubmittedAt: a.SubmittedAt})
		}
		if len(out) > 0 {
			if err := tx.Create(&out).Error; err != nil {
				return err
			}
		}
	}
	return nil
}
