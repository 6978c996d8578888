package handlers_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"tandem/auth"
	"tandem/testenv"
)

// seedCohort fills PostgreSQL with a cohort of n learners on the shipped curricula: every
// learner has completed every lesson, submitted one attempt at every quiz, and is in a team
// whose work on two exercises was reviewed twice and whose members all rated each other. It returns the
// cohort id, an instructor's token and one learner's token.
func seedCohort(b *testing.B, env *testenv.Env, n int) (cohortID, instructorToken, learnerToken string) {
	b.Helper()
	instructor := env.WithRole("instructor", "medicine")
	cohortID = "benchcohort00000000000000000000" + "1"
	env.Exec(`INSERT INTO users (id, email, name, discipline, institution, role, password_hash, dashboard, created_at, updated_at)
SELECT 'bench' || lpad(i::text, 27, '0'), 'bench' || i || '@tandem.test', 'Learner ' || i,
       (ARRAY['medicine','nursing','computer_science','data_science'])[1 + i % 4], 'University ' || (i % 20), 'learner', '!', '{}', now(), now()
FROM generate_series(1, ?) AS i`, n)
	env.Exec(`INSERT INTO cohorts (id, name, owner_id, starts_on, ends_on, created_at) VALUES (?, 'Scale cohort', ?, '', '', now())`, cohortID, instructor.ID)
	env.Exec(`INSERT INTO cohort_instructors (cohort_id, user_id) VALUES (?, ?)`, cohortID, instructor.ID)
	env.Exec(`INSERT INTO cohort_tracks (cohort_id, track_slug) SELECT ?, slug FROM tracks`, cohortID)
	// The learners joined before any of their work, so the dashboard counts all of it.
	env.Exec(`INSERT INTO cohort_members (cohort_id, user_id, added_at) SELECT ?, id, now() - interval '30 days' FROM users WHERE id LIKE 'bench%'`, cohortID)
	env.Exec(`INSERT INTO lesson_completions (id, user_id, lesson_slug, lesson_hash, completed_at)
SELECT md5(u.id || l.slug), u.id, l.slug, l.hash, now() FROM users u CROSS JOIN lessons l WHERE u.id LIKE 'bench%'`)
	env.Exec(`INSERT INTO quiz_attempts (id, user_id, quiz_slug, number, seed, quiz_hash, started_at, submitted_at, score, max_score, percent, passed, answers, results)
SELECT md5(u.id || q.slug), u.id, q.slug, 1, 1, q.hash, now(), now(), 7, 10, 70 + (length(u.id || q.slug) % 30), true, '[]', '[]'
FROM users u CROSS JOIN quizzes q WHERE u.id LIKE 'bench%'`)
	// Teams of four, each with two versions of work on two exercises: the first sent back for
	// revision, the second accepted, both reviewed.
	env.Exec(`INSERT INTO teams (id, cohort_id, name, created_at)
SELECT 'bteam' || lpad(i::text, 27, '0'), ?, 'Team ' || i, now() FROM generate_series(1, ?) AS i`, cohortID, (n+3)/4)
	env.Exec(`INSERT INTO team_members (team_id, user_id, cohort_id)
SELECT 'bteam' || lpad((1 + (i - 1) / 4)::text, 27, '0'), 'bench' || lpad(i::text, 27, '0'), ? FROM generate_series(1, ?) AS i`, cohortID, n)
	for _, x := range env.App.Catalog.Exercises()[:2] {
		env.Exec(`INSERT INTO submissions (id, team_id, exercise_slug, version, author_id, body_markdown, body_html, status, created_at)
SELECT md5(t.id || ? || v), t.id, ?, v, ?, 'Our work.', '<p>Our work.</p>', CASE WHEN v = 1 THEN 'revision_requested' ELSE 'accepted' END, now()
FROM teams t CROSS JOIN generate_series(1, 2) AS v WHERE t.cohort_id = ?`, x.Slug, x.Slug, instructor.ID, cohortID)
	}
	// Every member rates every teammate on both exercises: 30,000 ratings.
	env.Exec(`INSERT INTO peer_evaluations (id, team_id, exercise_slug, rater_id, ratee_id, scores, score_sum, score_count, comment, updated_at)
SELECT md5(a.user_id || b.user_id || e.slug), a.team_id, e.slug, a.user_id, b.user_id,
       '{"contributing":4,"interacting":' || (3 + length(b.user_id || e.slug) % 3) || ',"keeping_on_track":4,"expecting_quality":3,"relevant_knowledge":5}',
       19 + length(b.user_id || e.slug) % 3, 5, '', now()
FROM team_members a JOIN team_members b ON b.team_id = a.team_id AND b.user_id <> a.user_id
CROSS JOIN (SELECT DISTINCT exercise_slug AS slug FROM submissions WHERE team_id LIKE 'bteam%') e
WHERE a.cohort_id = ?`, cohortID)
	env.Exec(`INSERT INTO reviews (id, submission_id, reviewer_id, decision, scores, comment, created_at)
SELECT md5(s.id || 'review'), s.id, ?, CASE WHEN s.version = 1 THEN 'revise' ELSE 'accept' END, '{"need":3,"plan":4}', '', now()
FROM submissions s WHERE s.team_id LIKE 'bteam%'`, instructor.ID)
	// The records went in behind the summaries' back: compute the summaries as
	// `tandem rebuild-summaries` does.
	began := time.Now()
	if _, err := env.App.Store.RebuildSummaries(context.Background()); err != nil {
		b.Fatal(err)
	}
	b.Logf("summarised %d learners in %s", n, time.Since(began).Round(time.Millisecond))
	env.Exec("ANALYZE")
	learner := "bench" + "000000000000000000000000042"
	tok, err := env.App.Tokens.Issue(context.Background(), auth.Grant{UserID: learner, Roles: []string{"learner"}})
	if err != nil {
		b.Fatal(err)
	}
	// Seeding a large cohort outlasts the instructor's first token.
	instructorToken, err = env.App.Tokens.Issue(context.Background(), auth.Grant{UserID: instructor.ID, Roles: []string{"instructor"}})
	if err != nil {
		b.Fatal(err)
	}
	return cohortID, instructorToken, tok
}

// BenchmarkScale measures the cohort dashboard and a learner's progress with 5,000 learners
// on the shipped curricula (16 modules, 54 lessons): 270,000 completions, 80,000 attempts,
// 1,250 teams with 5,000 versions of work, as many reviews and 30,000 peer ratings.
func BenchmarkScale(b *testing.B) {
	if testenv.Backend() != "postgres" {
		b.Skip("the scale benchmark runs on PostgreSQL (TANDEM_TEST_DB=postgres)")
	}
	cfg := testenv.Config(b)
	cfg.CatalogDir = ""
	env := testenv.NewWith(b, cfg)
	cohortID, instructorToken, learnerToken := seedCohort(b, env, 5000)
	handler := env.App.Handler()
	get := func(b *testing.B, path, token string, header ...string) {
		req := httptest.NewRequest(http.MethodGet, path, nil)
		req.Header.Set("Authorization", "Bearer "+token)
		for i := 0; i+1 < len(header); i += 2 {
			req.Header.Set(header[i], header[i+1])
		}
		rec := httptest.NewRecorder()
		handler.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			b.Fatalf("%s: %d %s", path, rec.Code, rec.Body.String())
		}
	}
	b.Run("CohortProgress5000", func(b *testing.B) {
		for b.Loop() {
			get(b, "/api/v1/cohorts/"+cohortID+"/progress", instructorToken)
		}
	})
	b.Run("CohortProgressGzip5000", func(b *testing.B) {
		for b.Loop() {
			get(b, "/api/v1/cohorts/"+cohortID+"/progress", instructorToken, "Accept-Encoding", "gzip")
		}
	})
	b.Run("CohortProgressCSV5000", func(b *testing.B) {
		for b.Loop() {
			get(b, "/api/v1/cohorts/"+cohortID+"/progress?format=csv", instructorToken)
		}
	})
	b.Run("MyProgress", func(b *testing.B) {
		for b.Loop() {
			get(b, "/api/v1/me/progress", learnerToken)
		}
	})
}
