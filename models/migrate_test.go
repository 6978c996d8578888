package models_test

import (
	"context"
	"database/sql"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // database/sql driver for creating a test database

	"tandem/models"
	"tandem/testenv"
)

func TestMain(m *testing.M) { testenv.Main(m) }

// freshStore opens an empty database of the test's own, which a test may migrate step by
// step: a file on SQLite, a database beside the package's on PostgreSQL.
func freshStore(t *testing.T) *models.Store {
	t.Helper()
	ctx := context.Background()
	cfg := testenv.Config(t)
	if cfg.DatabaseURL != "" {
		u, err := url.Parse(cfg.DatabaseURL)
		if err != nil {
			t.Fatal(err)
		}
		admin, err := sql.Open("pgx", cfg.DatabaseURL)
		if err != nil {
			t.Fatal(err)
		}
		name := strings.TrimPrefix(u.Path, "/") + "_" + strings.ToLower(strings.ReplaceAll(t.Name(), "/", "_"))
		if _, err := admin.Exec("CREATE DATABASE " + name); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() {
			_, _ = admin.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")
			admin.Close()
		})
		u.Path = "/" + name
		cfg.DatabaseURL = u.String()
	}
	store, err := models.Open(ctx, models.Options{URL: cfg.DatabaseURL, SQLitePath: filepath.Join(t.TempDir(), "tandem.db"), MaxConns: 2})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	return store
}

// Peer ratings stored before their sums were kept get them from their scores.
func TestPeerScoreTotalsAreFilledIn(t *testing.T) {
	ctx := context.Background()
	store := freshStore(t)
	if err := store.MigrateTo(ctx, "202611250010_cohort_time_zone"); err != nil {
		t.Fatal(err)
	}
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
		if err := db.Exec(stmt.sql, stmt.args...).Error; err != nil {
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
	store := freshStore(t)
	if err := store.MigrateTo(ctx, "202611250011_peer_score_totals"); err != nil {
		t.Fatal(err)
	}
	now := time.Now().UTC()
	db := store.DB()
	for _, stmt := range []string{
		`INSERT INTO users (id, email, name, discipline, institution, role, password_hash, dashboard, created_at, updated_at)
VALUES ('k0', 'learner@tandem.test', 'Learner', 'medicine', '', 'learner', '!', '{}', ?, ?)`,
		"INSERT INTO tracks (slug, title, audience, position, hash, retired, updated_at) VALUES ('t', 'T', 'clinical', 0, 'h', false, ?)",
		"INSERT INTO modules (slug, track_slug, title, position, hash, retired, updated_at) VALUES ('m', 't', 'M', 0, 'h', false, ?)",
		"INSERT INTO quizzes (slug, module_slug, title, hash, retired, content_updated_at) VALUES ('q', 'm', 'Q', 'h', false, ?)",
	} {
		args := []any{now}
		if strings.Count(stmt, "?") == 2 {
			args = append(args, now)
		}
		if err := db.Exec(stmt, args...).Error; err != nil {
			t.Fatalf("%s: %v", stmt, err)
		}
	}
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
