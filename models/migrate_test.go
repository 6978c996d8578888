package models_test

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"tandem/models"
	"tandem/testenv"
)

func TestMain(m *testing.M) { testenv.Main(m) }

// storeAt opens a fresh database of this package's kind (on PostgreSQL a schema of its own in
// the package's database) migrated up to migration id only, so a test can store rows as they
// were and check what the later migrations make of them.
func storeAt(t testing.TB, id string) *models.Store {
	t.Helper()
	return storeWith(t, id, models.Options{})
}

// storeWith is storeAt with the options given; the database's are set.
func storeWith(t testing.TB, id string, opts models.Options) *models.Store {
	t.Helper()
	cfg := testenv.Config(t)
	if cfg.DatabaseURL != "" {
		cfg.DatabaseURL = freshSchema(t, cfg.DatabaseURL)
	}
	opts.URL, opts.SQLitePath, opts.MaxConns = cfg.DatabaseURL, filepath.Join(t.TempDir(), "tandem.db"), 2
	store, err := models.Open(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = store.Close() })
	if err := store.MigrateTo(context.Background(), id); err != nil {
		t.Fatal(err)
	}
	return store
}

// freshSchema creates an empty schema in the PostgreSQL database at dbURL, dropped when the test
// ends, and returns dbURL with it as the search path.
func freshSchema(t testing.TB, dbURL string) string {
	t.Helper()
	db, err := sql.Open("pgx", dbURL)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	schema := "migrated_" + strings.ToLower(strings.NewReplacer("/", "_", " ", "_").Replace(t.Name()))
	if _, err := db.Exec("CREATE SCHEMA " + schema); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if db, err := sql.Open("pgx", dbURL); err == nil {
			_, _ = db.Exec("DROP SCHEMA " + schema + " CASCADE")
			_ = db.Close()
		}
	})
	u, err := url.Parse(dbURL)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

// Peer ratings stored before their sums were kept get them from their scores.
func TestPeerScoreTotalsAreFilledIn(t *testing.T) {
	ctx := context.Background()
	store := storeAt(t, "202611250010_cohort_time_zone")
	now := time.Now().UTC()
	db := store.DB()
	for _, stmt := range []struct {
		sql  string
		args []any
	}{
		{`INSERT INTO users (id, email, name, discipline, institution, role, password_hash, dashboard, created_at, updated_at)
VALUES ('u0', 'teacher@tandem.test', 'Teacher', 'medicine', '', 'instructor', '!', '{}', ?, ?)`, []any{now, now}},
		{"INSERT INTO cohorts (id, name, owner_id, starts_on, ends_on, created_at) VALUES ('c1', 'Spring', 'u0', '', '', ?)", []any{now}},
		{"INSERT INTO teams (id, cohort_id, name, created_at) VALUES ('t1', 'c1', 'Team 1', ?)", []any{now}},
		{`INSERT INTO peer_evaluations (id, team_id, exercise_slug, rater_id, ratee_id, scores, comment, updated_at)
VALUES ('p1', 't1', 'spec', 'u1', 'u2', '{"contributing":4,"interacting":2,"keeping_on_track":5}', '', ?)`, []any{now}},
	} {
		if err := store.DB().Exec(stmt.sql, stmt.args...).Error; err != nil {
			t.Fatalf("%s: %v", stmt.sql, err)
		}
	}
	if err := store.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	var got struct{ ScoreSum, ScoreCount int }
	if err := db.Raw("SELECT score_sum, score_count FROM peer_evaluations WHERE id = 'p1'").Scan(&got).Error; err != nil {
		t.Fatal(err)
	}
	if got.ScoreSum != 11 || got.ScoreCount != 3 {
		t.Fatalf("after the migration: sum %d of %d scores, want 11 of 3", got.ScoreSum, got.ScoreCount)
	}
}

// Attempts started before attempts had their own secret get one each, so an open attempt
// goes on under opaque ids.
func TestAttemptsGetIDKeys(t *testing.T) {
	ctx := context.Background()
	store := storeAt(t, "202611250011_peer_score_totals")
	now := time.Now().UTC()
	db := store.DB()
	learnerAndQuiz(t, store, "k0", "medicine", now)
	for _, id := range []string{"a1", "a2"} {
		if err := db.Exec(`INSERT INTO quiz_attempts (id, user_id, quiz_slug, number, seed, quiz_hash, started_at)
VALUES (?, 'k0', 'q', ?, 42, 'h', ?)`, id, id[1:], now).Error; err != nil {
			t.Fatal(err)
		}
	}
	if err := store.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	var keys []string
	if err := db.Raw("SELECT id_key FROM quiz_attempts WHERE user_id = 'k0' ORDER BY id").Scan(&keys).Error; err != nil {
		t.Fatal(err)
	}
	if len(keys) != 2 || len(keys[0]) != 43 || keys[0] == keys[1] {
		t.Fatalf("attempts' secrets after the migration: %q, want two different 32-byte keys", keys)
	}
}

// Team events stored before events carried their team get it: a version sent from its result,
// a review from the version it reviewed.
func TestEventTeamsAreFilledIn(t *testing.T) {
	store := storeAt(t, "202612052001_credential_identity")
	now := time.Now().UTC()
	db := store.DB()
	for _, stmt := range []string{
		`INSERT INTO users (id, email, name, discipline, institution, role, password_hash, dashboard, created_at, updated_at)
VALUES ('u0', 'learner@tandem.test', 'Learner', 'medicine', '', 'learner', '!', '{}', ?, ?)`,
		"INSERT INTO cohorts (id, name, owner_id, starts_on, ends_on, created_at) VALUES ('c1', 'Spring', 'u0', '', '', ?)",
		"INSERT INTO teams (id, cohort_id, name, created_at) VALUES ('t1', 'c1', 'Team 1', ?)",
		`INSERT INTO submissions (id, team_id, exercise_slug, version, author_id, body_markdown, body_html, status, created_at)
VALUES ('s1', 't1', 'spec', 1, 'u0', 'x', 'x', 'submitted', ?)`,
		`INSERT INTO progress_events (id, user_id, verb, object_type, object_id, track_slug, result, created_at)
VALUES ('e1', 'u0', 'shared', 'exercise', 'spec', '', '{"team":"t1"}', ?),
       ('e2', 'u0', 'scored', 'exercise', 'spec', '', '{"score":3,"submission":"s1"}', ?),
       ('e3', 'u0', 'completed', 'lesson', 'l1', 'clinicians', '{}', ?)`,
	} {
		args := make([]any, strings.Count(stmt, "?"))
		for i := range args {
			args[i] = now
		}
		if err := db.Exec(stmt, args...).Error; err != nil {
			t.Fatalf("%s: %v", stmt, err)
		}
	}
	if err := store.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	var got []struct{ ID, TeamID string }
	if err := db.Raw("SELECT id, team_id FROM progress_events ORDER BY id").Scan(&got).Error; err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(got) != "[{e1 t1} {e2 t1} {e3 }]" {
		t.Fatalf("event teams after the migration: %v", got)
	}
}

// learnerAndQuiz stores, in a schema of any age, a learner with the given id and discipline
// and a quiz "q" in module "m" of track "t", for migration tests to give attempts to.
func learnerAndQuiz(t *testing.T, store *models.Store, userID, discipline string, now time.Time) {
	t.Helper()
	for _, stmt := range []struct {
		sql  string
		args []any
	}{
		{`INSERT INTO users (id, email, name, discipline, institution, role, password_hash, dashboard, created_at, updated_at)
VALUES (?, 'learner@tandem.test', 'Learner', ?, '', 'learner', '!', '{}', ?, ?)`, []any{userID, discipline, now, now}},
		{"INSERT INTO tracks (slug, title, audience, position, hash, retired, updated_at) VALUES ('t', 'T', 'clinical', 0, 'h', false, ?)", []any{now}},
		{"INSERT INTO modules (slug, track_slug, title, position, hash, retired, updated_at) VALUES ('m', 't', 'M', 0, 'h', false, ?)", []any{now}},
		{"INSERT INTO quizzes (slug, module_slug, title, hash, retired, content_updated_at) VALUES ('q', 'm', 'Q', 'h', false, ?)", []any{now}},
	} {
		if err := store.DB().Exec(stmt.sql, stmt.args...).Error; err != nil {
			t.Fatalf("%s: %v", stmt.sql, err)
		}
	}
}
