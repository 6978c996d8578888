package models_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"gorm.io/gorm"

	"tandem/models"
)

// Attempts submitted before item analysis get their responses: each question's score and the
// options chosen, with the learner's discipline group; an open attempt gets none.
func TestResponsesAreFilledInFromPastAttempts(t *testing.T) {
	ctx := context.Background()
	store := storeAt(t, "202612057001_attempt_id_keys")
	now := time.Now().UTC()
	db := store.DB()
	learnerAndQuiz(t, store, "r0", "data_science", now)
	results := `[{"question_id":"q1","points":1,"max_points":1,"correct":true,"answered":true},{"question_id":"q2","points":0.5,"max_points":2,"correct":false,"answered":true}]`
	answers := `[{"question_id":"q1","choice_ids":["c","a"]},{"question_id":"q2","value":3}]`
	if err := db.Exec(`INSERT INTO quiz_attempts (id, user_id, quiz_slug, number, seed, quiz_hash, started_at, submitted_at, answers, results)
VALUES ('done', 'r0', 'q', 1, 42, 'h', ?, ?, ?, ?), ('open', 'r0', 'q', 2, 43, 'h', ?, NULL, '[]', '[]')`, now, now, answers, results, now).Error; err != nil {
		t.Fatal(err)
	}
	if err := store.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	var rows []models.QuestionResponse
	if err := db.Order("question_id").Find(&rows).Error; err != nil {
		t.Fatal(err)
	}
	got := fmt.Sprint(len(rows))
	for _, r := range rows {
		got += fmt.Sprintf(" %s/%s %s %g/%g rest %g %q %s", r.AttemptID, r.QuestionID, r.DisciplineGroup, r.Score, r.MaxScore, r.Rest, r.Choice, r.UserID)
	}
	if want := `2 done/q1 technical 1/1 rest 0.5 "a,c" r0 done/q2 technical 0.5/2 rest 1 "" r0`; got != want {
		t.Errorf("responses after the migration:\n got %s\nwant %s", got, want)
	}
}

// BenchmarkItemData reads the item analysis data of 100,000 attempts (50,000 learners, two
// attempts each) at a ten-question quiz, platform-wide from the kept item sums (filled by
// their migration from the stored responses), and for a cohort of 1,000 of the learners
// from its responses:
//
//	TANDEM_TEST_DB=postgres go test -run '^$' -bench ItemData -benchtime 20x ./models/
func BenchmarkItemData(b *testing.B) {
	ctx := context.Background()
	store := storeAt(b, "202612058501_lab_teamwork")
	db := store.DB()
	at := time.Now().UTC()
	for _, stmt := range []string{
		"INSERT INTO tracks (slug, title, audience, position, hash, retired, updated_at) VALUES ('t', 'T', 'clinical', 0, 'h', false, ?)",
		"INSERT INTO modules (slug, track_slug, title, position, hash, retired, updated_at) VALUES ('m', 't', 'M', 0, 'h', false, ?)",
		"INSERT INTO quizzes (slug, module_slug, title, hash, retired, content_updated_at) VALUES ('bench', 'm', 'Q', 'h', false, ?)",
	} {
		if err := db.Exec(stmt, at).Error; err != nil {
			b.Fatal(err)
		}
	}
	const learners, questions = 50_000, 10
	groups := []string{"medicine", "computer_science", "other"}
	var users []models.User
	var attempts []models.QuizAttempt
	var responses []models.QuestionResponse
	flush := func(force bool) {
		if len(responses) < 20_000 && !force {
			return
		}
		// Rows as the schema had them at that migration: later columns are left out.
		for _, q := range []*gorm.DB{db.Omit("Language").CreateInBatches(&users, 1000),
			db.Omit("Draft", "DraftSavedAt", "Marking").CreateInBatches(&attempts, 1000), db.CreateInBatches(&responses, 1000)} {
			if q.Error != nil {
				b.Fatal(q.Error)
			}
		}
		users, attempts, responses = users[:0], attempts[:0], responses[:0]
	}
	for u := range learners {
		id := fmt.Sprintf("u%06d", u)
		users = append(users, models.User{ID: id, Email: id + "@tandem.test", Name: id, Discipline: groups[u%3], Role: "learner",
			PasswordHash: "!", Dashboard: "{}", CreatedAt: at, UpdatedAt: at})
		for n := 1; n <= 2; n++ {
			a := models.QuizAttempt{ID: fmt.Sprintf("a%06d%d", u, n), UserID: id, QuizSlug: "bench", Number: n, QuizHash: "h",
				StartedAt: at, SubmittedAt: &at, MaxScore: questions, Answers: "[]", Results: "[]"}
			scores := make([]float64, questions)
			for q := range scores {
				scores[q] = float64((u*7 + q*3 + n) % 4 / 3)
				a.Score += scores[q]
			}
			a.Percent = 100 * a.Score / questions
			attempts = append(attempts, a)
			for q, score := range scores {
				responses = append(responses, models.QuestionResponse{AttemptID: a.ID, QuestionID: fmt.Sprintf("q%d", q), QuizSlug: "bench",
					UserID: id, AttemptNumber: n, DisciplineGroup: []string{"clinical", "technical", "other"}[u%3],
					Score: score, MaxScore: 1, Rest: a.Score - score, Answered: true, Choice: string(rune('a' + (u+q)%4)), SubmittedAt: at})
			}
		}
		flush(false)
	}
	flush(true)
	if err := db.Create(&models.Cohort{ID: "c", Name: "C", OwnerID: "u000000", CreatedAt: at}).Error; err != nil {
		b.Fatal(err)
	}
	members := make([]models.CohortMember, 1000)
	for i := range members {
		members[i] = models.CohortMember{CohortID: "c", UserID: fmt.Sprintf("u%06d", i*50), AddedAt: at.Add(-time.Hour)}
	}
	if err := db.Create(&members).Error; err != nil {
		b.Fatal(err)
	}
	if err := store.Migrate(ctx); err != nil {
		b.Fatal(err)
	}
	if store.Dialect() == "postgres" { // statistics for the planner, as autovacuum would gather them
		if err := db.Exec("ANALYZE").Error; err != nil {
			b.Fatal(err)
		}
	}
	read := func(queued string) {
		for _, cohort := range []string{"", "c"} {
			for _, which := range []string{models.AttemptsAll, models.AttemptsFirst, models.AttemptsCounted} {
				b.Run(which+"/cohort="+cohort+queued, func(b *testing.B) {
					for b.Loop() {
						d, err := store.ItemData(ctx, models.ResponseScope{Quiz: "bench", Attempts: which, Cohort: cohort})
						if err != nil || d.Totals.N == 0 {
							b.Fatal(d, err)
						}
					}
				})
			}
		}
	}
	read("")
	// The same reads while a fold's batch of changes waits in the queue: 500 third attempts,
	// submitted as learners submit them, with no fold running.
	for u := range 500 {
		id := fmt.Sprintf("u%06d", u*100)
		a := models.QuizAttempt{ID: fmt.Sprintf("a%06d3", u*100), UserID: id, QuizSlug: "bench", Number: 3, QuizHash: "h",
			StartedAt: at, MaxScore: questions, Answers: "[]", Results: "[]"}
		if err := db.Create(&a).Error; err != nil {
			b.Fatal(err)
		}
		a.SubmittedAt, a.Score, a.Percent = &at, questions, 100
		var rows []models.QuestionResponse
		for q := range questions {
			rows = append(rows, models.QuestionResponse{AttemptID: a.ID, QuestionID: fmt.Sprintf("q%d", q), QuizSlug: "bench",
				UserID: id, AttemptNumber: 3, DisciplineGroup: []string{"clinical", "technical", "other"}[u%3],
				Score: 1, MaxScore: 1, Rest: questions - 1, Answered: true, Choice: "a", SubmittedAt: at})
		}
		if _, err := store.SubmitAttempt(ctx, models.GradedAttempt{Attempt: &a, Responses: rows}); err != nil {
			b.Fatal(err)
		}
	}
	var queued int64
	if err := db.Model(&models.ItemSumChange{}).Count(&queued).Error; err != nil || queued < 1000 {
		b.Fatalf("%d changes queued (%v); want each submission's", queued, err)
	}
	read(fmt.Sprintf("/queued=%d", queued))
}
