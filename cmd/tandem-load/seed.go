package main

import (
	"context"
	"crypto/md5"
	"database/sql"
	"encoding/hex"
	"fmt"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // database/sql driver for the bulk seed

	"tandem/disciplines"
)

// Seed is the cohort the scale mode writes straight into PostgreSQL, set-wise, because signing
// tens of thousands of learners in over HTTP would take longer than the run: learners with a
// known password hash, their instructors, a cohort on every track, enrolments, each learner's
// completions and passed quizzes up to a point of their track, and teams of four whose work on
// two exercises was sent back once, then accepted, and whose members all rated each other.
// Every id derives from RunID, so a run id names one cohort and is seeded once.
type Seed struct {
	RunID        string
	Learners     int
	Instructors  int
	PasswordHash string
	Catalog      *Catalog
	Exercises    []string // the joint exercises the teams worked on
}

// Prefix is what the seeded emails start with: PREFIX-00001@load.tandem.test for learner 1.
func (s *Seed) Prefix() string { return "scale-" + s.RunID }

// CohortID is the seeded cohort's id.
func (s *Seed) CohortID() string { return md5Hex("cohort:" + s.RunID) }

// InstructorEmail is the email of instructor n (from 1).
func (s *Seed) InstructorEmail(n int) string {
	return fmt.Sprintf("%s-instructor-%d@load.tandem.test", s.Prefix(), n)
}

func md5Hex(s string) string {
	sum := md5.Sum([]byte(s))
	return hex.EncodeToString(sum[:])
}

// lessonsDone is how many lessons of its track learner n completed before the run: spread
// evenly from none to all. The seed's SQL computes the same, as (n * 7919) % (total + 1).
func lessonsDone(n, total int) int { return n * 7919 % (total + 1) }

// Place puts l where the seed left learner l.N: past the lessons it completed and the quizzes
// of the modules it finished (passed at the first attempt), so its journey goes on from there.
func (s *Seed) Place(l *Learner) {
	total := 0
	for _, m := range l.Track.Modules {
		total += len(m.Lessons)
	}
	left := lessonsDone(l.N, total)
	for l.module = 0; l.module < len(l.Track.Modules); l.module++ {
		m := l.Track.Modules[l.module]
		if left < len(m.Lessons) {
			l.lesson = left
			return
		}
		left -= len(m.Lessons)
		if m.Quiz != nil {
			l.attempts[m.Quiz.Slug], l.passed[m.Quiz.Slug] = 1, true
		}
	}
}

// seedArgs are the parameters every statement of the seed shares: $1 the run id, $2 the
// learners' disciplines in turn, $3 the track of each, $4 the number of learners.
func (s *Seed) seedArgs() []any {
	var ds, tracks []string
	for _, d := range learnerDisciplines {
		ds = append(ds, d)
		tracks = append(tracks, s.Catalog.Track(disciplines.Group(d)).Slug)
	}
	return []any{s.RunID, ds, tracks, s.Learners}
}

// learnersCTE is the seeded learners as rows (i, id, discipline, track), from seedArgs.
const learnersCTE = `WITH l AS (
  SELECT i, md5('learner:' || $1::text || ':' || i) AS id,
         ($2::text[])[1 + i % cardinality($2::text[])] AS discipline,
         ($3::text[])[1 + i % cardinality($3::text[])] AS track
  FROM generate_series(1, $4::bigint) AS i)
`

// seedStep is one statement of the seed and the name its row count is reported under.
type seedStep struct {
	rows  string
	query string
	args  []any
}

// steps are the seed's statements in order.
func (s *Seed) steps() []seedStep {
	var lessons, lessonTracks []string
	var lessonN, lessonTotals, quizAfter, quizTotals []int
	var quizzes, quizTracks, tracks []string
	for _, t := range s.Catalog.Tracks {
		tracks = append(tracks, t.Slug)
		total := 0
		for _, m := range t.Modules {
			total += len(m.Lessons)
		}
		n := 0
		for _, m := range t.Modules {
			for _, slug := range m.Lessons {
				n++
				lessons, lessonTracks, lessonN, lessonTotals = append(lessons, slug), append(lessonTracks, t.Slug), append(lessonN, n), append(lessonTotals, total)
			}
			if m.Quiz != nil {
				quizzes, quizTracks, quizAfter, quizTotals = append(quizzes, m.Quiz.Slug), append(quizTracks, t.Slug), append(quizAfter, n), append(quizTotals, total)
			}
		}
	}
	cohort, owner := s.CohortID(), md5Hex(fmt.Sprintf("instructor:%s:1", s.RunID))
	with := func(extra ...any) []any { return append(s.seedArgs(), extra...) }
	return []seedStep{
		{"learners", learnersCTE + `INSERT INTO users (id, email, name, discipline, institution, role, password_hash, dashboard, created_at, updated_at)
SELECT id, $5::text || '-' || lpad(i::text, greatest(5, length(i::text)), '0') || '@load.tandem.test', 'Learner ' || i, discipline,
       'University ' || (i % 20), 'learner', $6, '{}', now() - interval '60 days', now() - interval '60 days' FROM l`, with(s.Prefix(), s.PasswordHash)},
		{"instructors", `INSERT INTO users (id, email, name, discipline, institution, role, password_hash, dashboard, created_at, updated_at)
SELECT md5('instructor:' || $1::text || ':' || i), $3::text || '-instructor-' || i || '@load.tandem.test', 'Instructor ' || i, 'medicine',
       'University 0', 'instructor', $4, '{}', now() - interval '60 days', now() - interval '60 days' FROM generate_series(1, $2::int) AS i`,
			[]any{s.RunID, max(s.Instructors, 1), s.Prefix(), s.PasswordHash}},
		{"cohorts", `INSERT INTO cohorts (id, name, owner_id, starts_on, ends_on, created_at) VALUES ($1, 'Load cohort ' || $2::text, $3, '', '', now() - interval '40 days')`,
			[]any{cohort, s.RunID, owner}},
		{"cohort_instructors", `INSERT INTO cohort_instructors (cohort_id, user_id) SELECT $1, md5('instructor:' || $2::text || ':' || i) FROM generate_series(1, $3::int) AS i`,
			[]any{cohort, s.RunID, max(s.Instructors, 1)}},
		{"cohort_tracks", `INSERT INTO cohort_tracks (cohort_id, track_slug) SELECT $1, unnest($2::text[])`, []any{cohort, tracks}},
		{"cohort_exercises", `INSERT INTO cohort_exercises (cohort_id, exercise_slug, position, due_on) SELECT $1, e.slug, e.n, '' FROM unnest($2::text[]) WITH ORDINALITY AS e(slug, n)`,
			[]any{cohort, s.Exercises}},
		// The learners joined before any of their work, so the dashboard counts all of it.
		{"cohort_members", learnersCTE + `INSERT INTO cohort_members (cohort_id, user_id, added_at) SELECT $5, id, now() - interval '30 days' FROM l`, with(cohort)},
		{"enrolments", learnersCTE + `INSERT INTO enrolments (id, user_id, track_slug, created_at) SELECT md5('enrolment:' || id), id, track, now() - interval '30 days' FROM l`, with()},
		{"lesson_completions", learnersCTE + `, o AS (SELECT * FROM unnest($5::text[], $6::text[], $7::int[], $8::int[]) AS o(slug, track, n, total))
INSERT INTO lesson_completions (id, user_id, lesson_slug, lesson_hash, completed_at)
SELECT md5(l.id || o.slug), l.id, o.slug, ls.hash, now() - interval '20 days' + o.n * interval '2 hours'
FROM l JOIN o ON o.track = l.track AND o.n <= (l.i * 7919) % (o.total + 1) JOIN lessons ls ON ls.slug = o.slug`, with(lessons, lessonTracks, lessonN, lessonTotals)},
		{"quiz_attempts", learnersCTE + `, q AS (SELECT * FROM unnest($5::text[], $6::text[], $7::int[], $8::int[]) AS q(slug, track, after, total))
INSERT INTO quiz_attempts (id, user_id, quiz_slug, number, seed, quiz_hash, started_at, submitted_at, score, max_score, percent, passed, answers, results)
SELECT md5(l.id || q.slug), l.id, q.slug, 1, l.i, qz.hash, done_at, done_at + interval '10 minutes', pc, 100, pc, true, '[]', '[]'
FROM l JOIN q ON q.track = l.track AND q.after <= (l.i * 7919) % (q.total + 1) JOIN quizzes qz ON qz.slug = q.slug,
LATERAL (SELECT 80 + (l.i + q.after) % 21 AS pc, now() - interval '20 days' + q.after * interval '2 hours' + interval '1 hour' AS done_at) AS r`,
			with(quizzes, quizTracks, quizAfter, quizTotals)},
		{"teams", `INSERT INTO teams (id, cohort_id, name, created_at) SELECT md5('team:' || $1::text || ':' || t), $2, 'Team ' || t, now() - interval '25 days'
FROM generate_series(1, ($3::bigint + 3) / 4) AS t`, []any{s.RunID, cohort, s.Learners}},
		{"team_members", learnersCTE + `INSERT INTO team_members (team_id, user_id, cohort_id) SELECT md5('team:' || $1::text || ':' || (1 + (i - 1) / 4)), id, $5 FROM l`, with(cohort)},
		// Two versions of work per team and exercise, by the team's first member: the first sent
		// back for revision, the second accepted, both reviewed.
		{"submissions", `INSERT INTO submissions (id, team_id, exercise_slug, version, author_id, body_markdown, body_html, status, created_at)
SELECT md5(t.id || e.slug || v), t.id, e.slug, v, m.user_id, 'Our work.', '<p>Our work.</p>',
       CASE WHEN v = 1 THEN 'revision_requested' ELSE 'accepted' END, now() - interval '10 days' + v * interval '1 day'
FROM teams t CROSS JOIN unnest($2::text[]) AS e(slug) CROSS JOIN generate_series(1, 2) AS v
CROSS JOIN LATERAL (SELECT user_id FROM team_members WHERE team_id = t.id ORDER BY user_id LIMIT 1) AS m
WHERE t.cohort_id = $1`, []any{cohort, s.Exercises}},
		{"reviews", `INSERT INTO reviews (id, submission_id, reviewer_id, decision, scores, comment, created_at)
SELECT md5(s.id || 'review'), s.id, $2, CASE WHEN s.version = 1 THEN 'revise' ELSE 'accept' END, '{}', '', s.created_at + interval '1 hour'
FROM submissions s JOIN teams t ON t.id = s.team_id WHERE t.cohort_id = $1`, []any{cohort, owner}},
		// Every member rates every teammate on each exercise.
		{"peer_evaluations", `INSERT INTO peer_evaluations (id, team_id, exercise_slug, rater_id, ratee_id, scores, score_sum, score_count, comment, updated_at)
SELECT md5(a.user_id || b.user_id || e.slug), a.team_id, e.slug, a.user_id, b.user_id,
       '{"contributing":4,"interacting":' || (3 + length(b.user_id || e.slug) % 3) || ',"keeping_on_track":4,"expecting_quality":3,"relevant_knowledge":5}',
       19 + length(b.user_id || e.slug) % 3, 5, '', now() - interval '5 days'
FROM team_members a JOIN team_members b ON b.team_id = a.team_id AND b.user_id <> a.user_id CROSS JOIN unnest($2::text[]) AS e(slug)
WHERE a.cohort_id = $1`, []any{cohort, s.Exercises}},
	}
}

// SeedCohort writes s into the database of dbURL in one transaction, unless a cohort of the
// same run id is there already, and analyses the tables for the planner.
func SeedCohort(ctx context.Context, dbURL string, s *Seed) (*SeedReport, error) {
	rep := &SeedReport{RunID: s.RunID, CohortID: s.CohortID(), Rows: map[string]int{}}
	start := time.Now()
	db, err := sql.Open("pgx", dbURL)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	if err := tx.QueryRowContext(ctx, "SELECT EXISTS (SELECT 1 FROM cohorts WHERE id = $1)", rep.CohortID).Scan(&rep.Reused); err != nil {
		return nil, err
	}
	if rep.Reused {
		var n int
		err := tx.QueryRowContext(ctx, "SELECT count(*) FROM cohort_members WHERE cohort_id = $1", rep.CohortID).Scan(&n)
		rep.Rows["cohort_members"], rep.Seconds = n, time.Since(start).Seconds()
		return rep, err
	}
	for _, st := range s.steps() {
		res, err := tx.ExecContext(ctx, st.query, st.args...)
		if err != nil {
			return nil, fmt.Errorf("seed %s: %w", st.rows, err)
		}
		n, _ := res.RowsAffected()
		rep.Rows[st.rows] = int(n)
	}
	if err := tx.Commit(); err != nil {
		return nil, err
	}
	if _, err := db.ExecContext(ctx, "ANALYZE"); err != nil {
		return nil, err
	}
	rep.Seconds = time.Since(start).Seconds()
	return rep, nil
}
