package models

import (
	"context"
	"fmt"

	"github.com/go-gormigrate/gormigrate/v2"
)

// Migrate brings the schema up to date. On PostgreSQL an advisory lock makes servers that start
// together migrate one after another.
func (s *Store) Migrate(ctx context.Context) error {
	if s.postgres {
		sqlDB, err := s.db.DB()
		if err != nil {
			return err
		}
		conn, err := sqlDB.Conn(ctx)
		if err != nil {
			return mapErr(err)
		}
		defer conn.Close()
		const lockID = 72_420_261
		if _, err := conn.ExecContext(ctx, "SELECT pg_advisory_lock($1)", lockID); err != nil {
			return fmt.Errorf("take migration lock: %w", err)
		}
		defer func() { _, _ = conn.ExecContext(context.Background(), "SELECT pg_advisory_unlock($1)", lockID) }()
	}
	m := gormigrate.New(s.db.WithContext(ctx), &gormigrate.Options{
		TableName:      "schema_migrations",
		IDColumnName:   "id",
		IDColumnSize:   64,
		UseTransaction: true,
	}, s.migrations())
	if err := m.Migrate(); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	return nil
}

// migrations lists every schema change in order. A shipped migration is never edited: each one
// carries its own snapshot of the tables it creates, so later model changes cannot alter it.
func (s *Store) migrations() []*gormigrate.Migration {
	return []*gormigrate.Migration{
		{ID: "202611240001_initial", Migrate: migrateInitial},
		{ID: "202611240002_quiz_attempts", Migrate: migrateQuizAttempts},
		{ID: "202611240003_progress_feedback", Migrate: migrateProgressFeedback},
		{ID: "202611240004_cohorts_teams", Migrate: migrateCohortsTeams},
		{ID: "202611240005_certificates", Migrate: migrateCertificates},
		{ID: "202611240006_idempotency", Migrate: migrateIdempotency},
		{ID: "202611240007_event_forwarding", Migrate: migrateEventForwarding},
		{ID: "202611250008_attempt_keys", Migrate: migrateAttemptKeys},
		{ID: "202611250009_cohort_exercises", Migrate: migrateCohortExercises},
		{ID: "202611250010_cohort_time_zone", Migrate: migrateCohortTimeZone},
		{ID: "202611250011_peer_score_totals", Migrate: migratePeerScoreTotals},
		{ID: "202612051001_statements", Migrate: migrateStatements(s.baseURL)},
		{ID: "202612052001_credential_identity", Migrate: migrateCredentialIdentity},
		{ID: "202612055001_accounts", Migrate: migrateAccounts},
		{ID: "202612056001_consent", Migrate: migrateConsent},
		{ID: "202612057001_attempt_id_keys", Migrate: migrateAttemptIDKeys},
		{ID: "202612058001_question_responses", Migrate: migrateQuestionResponses},
		{ID: "202612058101_lti", Migrate: migrateLTI},
		{ID: "202612058102_lti_deep_links", Migrate: migrateLTIDeepLinks},
		{ID: "202612058401_hashed_limit_keys", Migrate: migrateHashedLimitKeys},
		{ID: "202612058501_lab_teamwork", Migrate: migrateLabTeamwork},
		{ID: "202612059101_lab_runs", Migrate: migrateLabRuns},
		{ID: "202612059201_lti_grades", Migrate: migrateLTIGrades},
		{ID: "202612059301_oidc_sign_in", Migrate: migrateOIDCSignIn},
		{ID: "202612059401_administration", Migrate: migrateAdministration},
		{ID: "202612059701_item_sums", Migrate: migrateItemSums},
		{ID: "202612059702_accommodations", Migrate: migrateAccommodations},
		{ID: "202612059801_attempt_drafts", Migrate: migrateAttemptDrafts},
		{ID: "202612061001_rating_changes", Migrate: migrateRatingChanges},
		{ID: "202612062001_notifications", Migrate: migrateNotifications},
		{ID: "202612063001_submission_comments", Migrate: migrateSubmissionComments},
		{ID: "202612063002_team_roles", Migrate: migrateTeamRoles},
		{ID: "202612065001_reflection_marking", Migrate: migrateReflectionMarking},
		{ID: "202612066001_user_language", Migrate: migrateUserLanguage},
		{ID: "202612071001_lti_platform_storage", Migrate: migrateLTIPlatformStorage},
		{ID: "202612073001_cross_review", Migrate: migrateCrossReview},
		{ID: "202612075001_programme_translations", Migrate: migrateProgrammeTranslations},
		{ID: "202612074001_exercise_due_accommodations", Migrate: migrateExerciseDueAccommodations},
		{ID: "202612074002_regrade_scan_index", Migrate: migrateRegradeScanIndex},
		{ID: "202612076001_cohort_summaries", Migrate: migrateCohortSummaries},
		{ID: "202612077001_item_sum_slots", Migrate: migrateItemSumSlots},
		{ID: "202612087001_item_sum_changes", Migrate: migrateItemSumChanges},
		{ID: "202612097001_rate_limit_milliseconds", Migrate: migrateRateLimitMilliseconds},
	}
}
