package models_test

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"tandem/models"
	"tandem/testenv"
)

// eventsBeforeStatements opens a store at the schema before statements were kept, with a
// learner's events of every kind in it, and returns it with the events' ids in order.
func eventsBeforeStatements(t *testing.T, baseURL string) (*models.Store, []string) {
	t.Helper()
	ctx := context.Background()
	cfg := testenv.Config(t)
	store, err := models.Open(ctx, models.Options{URL: cfg.DatabaseURL, SQLitePath: filepath.Join(t.TempDir(), "tandem.db"), MaxConns: 2, BaseURL: baseURL})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = store.Close() })
	db := store.DB()
	if strings.HasPrefix(cfg.DatabaseURL, "postgres") {
		// The package's PostgreSQL database is shared: start from an empty schema.
		if err := db.Exec("DROP SCHEMA public CASCADE; CREATE SCHEMA public").Error; err != nil {
			t.Fatal(err)
		}
	}
	if err := store.MigrateTo(ctx, "202611250011_peer_score_totals"); err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 11, 30, 9, 15, 42, 123456789, time.UTC)
	rows := []string{
		`INSERT INTO users (id, email, name, discipline, institution, role, password_hash, dashboard, created_at, updated_at)
VALUES ('0123456789abcdef0123456789abcdef', 'ada@tandem.test', 'Ada Lovelace', 'medicine', '', 'learner', '!', '{}', ?, ?)`,
		`INSERT INTO tracks (slug, title, audience, position, hash, retired, updated_at) VALUES ('clinicians', 'AI for clinicians', 'clinical', 1, 'h', false, ?)`,
		`INSERT INTO modules (slug, track_slug, title, position, hash, retired, updated_at) VALUES ('clin-eval', 'clinicians', 'Evaluation', 1, 'h', false, ?)`,
		`INSERT INTO lessons (slug, module_slug, title, position, hash, retired, content_updated_at) VALUES ('clin-roc', 'clin-eval', 'Reading a ROC curve', 1, 'h', false, ?)`,
		`INSERT INTO quizzes (slug, module_slug, title, hash, retired, content_updated_at) VALUES ('clin-eval-quiz', 'clin-eval', 'Evaluation quiz', 'h', false, ?)`,
		`INSERT INTO organisations (id, name, kind, url, created_at) VALUES ('o1', 'Society', 'society', '', ?)`,
		`INSERT INTO programmes (id, organisation_id, title, description, tracks, min_quiz_percent, exercises, credits, credit_unit, validity_days, created_by, created_at)
VALUES ('p1', 'o1', 'AI literacy in anaesthesia', '', '[]', 60, '[]', 6, 'CME hours', 0, 'x', ?)`,
		`INSERT INTO lesson_feedbacks (id, user_id, lesson_slug, lesson_hash, rating, kind, comment, discipline_group, status, response, created_at, updated_at)
VALUES ('f1', '0123456789abcdef0123456789abcdef', 'clin-roc', 'h', 2, 'unclear', '', 'clinical', 'open', '', ?, ?)`,
	}
	for _, q := range rows {
		args := make([]any, strings.Count(q, "?"))
		for i := range args {
			args[i] = at
		}
		if err := db.Exec(q, args...).Error; err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	var ids []string
	for i, ev := range [][]string{
		{"registered", "track", "clinicians", "clinicians", `{}`},
		{"completed", "lesson", "clin-roc", "clinicians", `{}`},
		{"attempted", "quiz", "clin-eval-quiz", "clinicians", `{}`},
		{"passed", "quiz", "clin-eval-quiz", "clinicians", `{"attempt":"a1","score":6,"max_score":9,"percent":66.7,"passed":true}`},
		{"answered", "question", "clin-eval-quiz.judge", "clinicians", `{"choice":"wait"}`},
		{"commented", "feedback", "f1", "clinicians", `{"lesson":"clin-roc","rating":2,"kind":"unclear"}`},
		{"responded", "feedback", "f1", "", `{}`},
		{"shared", "exercise", "triage-model-audit", "", `{"team":"t1"}`},
		{"scored", "exercise", "triage-model-audit", "", `{"score":7,"max_score":10,"passed":true,"submission":"s1"}`},
		{"earned", "credential", "SERIAL1", "", `{"programme":"p1"}`},
	} {
		id := fmt.Sprintf("%032x", i+1)
		ids = append(ids, id)
		if err := db.Exec(`INSERT INTO progress_events (id, user_id, verb, object_type, object_id, track_slug, result, created_at)
VALUES (?, '0123456789abcdef0123456789abcdef', ?, ?, ?, ?, ?, ?)`, id, ev[0], ev[1], ev[2], ev[3], ev[4], at).Error; err != nil {
			t.Fatal(err)
		}
	}
	return store, ids
}

// Events recorded before statements were kept get theirs from the migration: valid xAPI by
// Learning Locker's validator, an account for the actor, no name, no version, every activity
// named from the database.
func TestMigrationBuildsTheStatementsOfExistingEvents(t *testing.T) {
	const base = "https://tandem.example.org"
	store, ids := eventsBeforeStatements(t, base)
	if err := store.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	var statements []json.RawMessage
	for _, id := range ids {
		var s string
		if err := store.DB().Raw("SELECT statement FROM progress_events WHERE id = ?", id).Scan(&s).Error; err != nil {
			t.Fatal(err)
		}
		statements = append(statements, json.RawMessage(s))
	}
	testenv.ValidateStatements(t, statements)
	all := string(mustJSON(t, statements))
	for _, want := range []string{
		`"account":{"homePage":"https://tandem.example.org","name":"0123456789abcdef0123456789abcdef"}`,
		`"timestamp":"2026-11-30T09:15:42.123Z"`,
		`"name":{"en-US":"Reading a ROC curve"}`,
		`"name":{"en-US":"Question judge of Evaluation quiz"}`,
		`"interactionType":"choice"`,
		`"name":{"en-US":"Feedback on Reading a ROC curve"}`,
		`"name":{"en-US":"Triage model audit"}`,
		`"name":{"en-US":"AI literacy in anaesthesia"}`,
		`"id":"https://tandem.example.org/activities/credential/SERIAL1"`,
		`"score":{"max":9,"min":0,"raw":6,"scaled":0.6666666666666666}`,
	} {
		if !strings.Contains(all, want) {
			t.Errorf("the migrated statements lack %s", want)
		}
	}
	for _, unwanted := range []string{"Ada Lovelace", "ada@tandem.test", `"version"`, "correctResponsesPattern"} {
		if strings.Contains(all, unwanted) {
			t.Errorf("the migrated statements hold %s", unwanted)
		}
	}
}

// Statements name the instance: without its base URL the migration stops rather than store
// statements no LRS would accept.
func TestMigrationNeedsTheBaseURLForExistingEvents(t *testing.T) {
	store, _ := eventsBeforeStatements(t, "")
	if err := store.Migrate(context.Background()); err == nil || !strings.Contains(err.Error(), "TANDEM_BASE_URL") {
		t.Fatalf("migrating without a base URL: %v", err)
	}
}

func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
