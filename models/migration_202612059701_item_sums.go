package models

import (
	"math"

	"gorm.io/gorm"
)

// itemSum202612059701 is the item_sums table as this migration creates it.
type itemSum202612059701 struct {
	QuizSlug        string  `gorm:"primaryKey;size:100"`
	Selection       string  `gorm:"primaryKey;size:8"`
	QuestionID      string  `gorm:"primaryKey;size:100"`
	DisciplineGroup string  `gorm:"primaryKey;size:16"`
	Level           int     `gorm:"primaryKey;autoIncrement:false"`
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

func (itemSum202612059701) TableName() string { return "item_sums" }

// itemChoice202612059701 is the item_choices table as this migration creates it.
type itemChoice202612059701 struct {
	QuizSlug   string `gorm:"primaryKey;size:100"`
	Selection  string `gorm:"primaryKey;size:8"`
	QuestionID string `gorm:"primaryKey;size:100"`
	Choice     string `gorm:"primaryKey;size:1000"`
	N          int    `gorm:"not null"`
}

func (itemChoice202612059701) TableName() string { return "item_choices" }

// itemTotal202612059701 is the item_totals table as this migration creates it.
type itemTotal202612059701 struct {
	QuizSlug  string  `gorm:"primaryKey;size:100"`
	Selection string  `gorm:"primaryKey;size:8"`
	N         int     `gorm:"not null"`
	T         float64 `gorm:"not null"`
	TT        float64 `gorm:"column:tt;not null"`
}

func (itemTotal202612059701) TableName() string { return "item_totals" }

// attempt202612059701 is what the fill needs of a submitted attempt.
type attempt202612059701 struct {
	ID, UserID, QuizSlug string
	Number               int
	Percent, Score       float64
}

// migrateItemSums creates the item sums that platform-wide item analysis reads and fills
// them from the stored responses (all attempts, first attempts, and each learner's best and
// last attempt), and indexes responses by quiz and learner for a cohort's analysis.
func migrateItemSums(tx *gorm.DB) error {
	if err := tx.Migrator().CreateTable(&itemSum202612059701{}, &itemChoice202612059701{}, &itemTotal202612059701{}); err != nil {
		return err
	}
	// A cohort's item analysis reads its members' responses to one quiz.
	if err := tx.Exec("CREATE INDEX IF NOT EXISTS idx_response_quiz_user ON question_responses (quiz_slug, user_id)").Error; err != nil {
		return err
	}
	var attempts []attempt202612059701
	if err := tx.Table("quiz_attempts").Select("id, user_id, quiz_slug, number, percent, score").
		Where("submitted_at IS NOT NULL").Order("quiz_slug, user_id, number").Scan(&attempts).Error; err != nil {
		return err
	}
	selections := map[string][]string{}
	best, last := map[[2]string]attempt202612059701{}, map[[2]string]attempt202612059701{}
	for _, a := range attempts {
		selections[a.ID] = []string{"all"}
		if a.Number == 1 {
			selections[a.ID] = append(selections[a.ID], "first")
		}
		k := [2]string{a.QuizSlug, a.UserID}
		if b, ok := best[k]; !ok || a.Percent > b.Percent {
			best[k] = a
		}
		last[k] = a // ordered by number
	}
	for k := range best {
		selections[best[k].ID] = append(selections[best[k].ID], "best")
		selections[last[k].ID] = append(selections[last[k].ID], "last")
	}
	sums := map[itemSum202612059701]*itemSum202612059701{}
	choices := map[itemChoice202612059701]int{}
	totals := map[[2]string]*itemTotal202612059701{}
	scores := map[string]float64{}
	for _, a := range attempts {
		scores[a.ID] = a.Score
	}
	rows, err := tx.Table("question_responses").Select("attempt_id, question_id, quiz_slug, discipline_group, score, max_score, rest, choice").Rows()
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var attemptID, questionID, quiz, group, choice string
		var score, maxScore, rest float64
		if err := rows.Scan(&attemptID, &questionID, &quiz, &group, &score, &maxScore, &rest, &choice); err != nil {
			return err
		}
		x := 0.0
		if maxScore > 0 {
			x = score / maxScore
		}
		for _, sel := range selections[attemptID] {
			key := itemSum202612059701{QuizSlug: quiz, Selection: sel, QuestionID: questionID, DisciplineGroup: group, Level: int(math.Floor(rest + 0.5))}
			c := sums[key]
			if c == nil {
				c = &itemSum202612059701{QuizSlug: quiz, Selection: sel, QuestionID: questionID, DisciplineGroup: group, Level: key.Level}
				sums[key] = c
			}
			c.N++
			c.X, c.XX, c.P, c.PP = c.X+x, c.XX+x*x, c.P+score, c.PP+score*score
			c.R, c.RR, c.XR = c.R+rest, c.RR+rest*rest, c.XR+x*rest
			if score >= maxScore {
				c.Right++
			}
			if choice != "" {
				choices[itemChoice202612059701{QuizSlug: quiz, Selection: sel, QuestionID: questionID, Choice: choice}]++
			}
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	for _, a := range attempts {
		for _, sel := range selections[a.ID] {
			k := [2]string{a.QuizSlug, sel}
			if totals[k] == nil {
				totals[k] = &itemTotal202612059701{QuizSlug: a.QuizSlug, Selection: sel}
			}
			totals[k].N++
			totals[k].T += a.Score
			totals[k].TT += a.Score * a.Score
		}
	}
	return insertItemSums202612059701(tx, sums, choices, totals)
}

// insertItemSums202612059701 writes the filled sums.
func insertItemSums202612059701(tx *gorm.DB, sums map[itemSum202612059701]*itemSum202612059701, choices map[itemChoice202612059701]int, totals map[[2]string]*itemTotal202612059701) error {
	var rows []any
	for _, c := range sums {
		rows = append(rows, c)
	}
	for k, n := range choices {
		k.N = n
		rows = append(rows, &k)
	}
	for _, t := range totals {
		rows = append(rows, t)
	}
	for _, r := range rows {
		if err := tx.Create(r).Error; err != nil {
			return err
		}
	}
	return nil
}
