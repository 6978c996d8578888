package models_test

import (
	"context"
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"

	"gorm.io/gorm/schema"

	"tandem/models"
)

// tables are the models stored in tables of their own, by type name.
var tables = map[string]any{
	"User": &models.User{}, "RefreshToken": &models.RefreshToken{}, "SigningKey": &models.SigningKey{},
	"RateLimit": &models.RateLimit{}, "AuditEvent": &models.AuditEvent{},
	"Track": &models.Track{}, "Module": &models.Module{}, "Lesson": &models.Lesson{}, "Quiz": &models.Quiz{},
	"QuizAttempt": &models.QuizAttempt{}, "JudgementAnswer": &models.JudgementAnswer{}, "QuestionResponse": &models.QuestionResponse{},
	"ItemSum": &models.ItemSum{}, "ItemChoice": &models.ItemChoice{}, "ItemTotal": &models.ItemTotal{},
	"ItemSumChange": &models.ItemSumChange{},
	"Accommodation": &models.Accommodation{},
	"Enrolment":     &models.Enrolment{}, "LessonCompletion": &models.LessonCompletion{}, "ProgressEvent": &models.ProgressEvent{},
	"LessonFeedback": &models.LessonFeedback{},
	"Cohort":         &models.Cohort{}, "CohortTrack": &models.CohortTrack{}, "CohortInstructor": &models.CohortInstructor{},
	"CohortMember": &models.CohortMember{}, "CohortExercise": &models.CohortExercise{},
	"CohortProgress": &models.CohortProgress{}, "CohortProgressCell": &models.CohortProgressCell{},
	"CohortProgressCount": &models.CohortProgressCount{}, "SummaryState": &models.SummaryState{},
	"Team": &models.Team{}, "TeamMember": &models.TeamMember{}, "Submission": &models.Submission{}, "Review": &models.Review{},
	"SubmissionComment": &models.SubmissionComment{}, "TeamRole": &models.TeamRole{},
	"CrossReview": &models.CrossReview{}, "CrossReviewPair": &models.CrossReviewPair{},
	"CrossReviewCalibration": &models.CrossReviewCalibration{}, "CrossReviewMark": &models.CrossReviewMark{},
	"PeerEvaluation": &models.PeerEvaluation{},
	"Organisation":   &models.Organisation{}, "Membership": &models.Membership{}, "Programme": &models.Programme{},
	"Certificate": &models.Certificate{}, "IdempotentRequest": &models.IdempotentRequest{},
	"CohortInvitation": &models.CohortInvitation{}, "CohortJoinCode": &models.CohortJoinCode{},
	"CertificateOffer": &models.CertificateOffer{}, "ProgrammeApplication": &models.ProgrammeApplication{}, "ProgrammeTranslation": &models.ProgrammeTranslation{},
	"AccountToken": &models.AccountToken{}, "OutboxMail": &models.OutboxMail{},
	"LabIssue": &models.LabIssue{}, "LabIssueConfirmation": &models.LabIssueConfirmation{}, "LabProposal": &models.LabProposal{},
	"LabDisplay": &models.LabDisplay{}, "LabRun": &models.LabRun{}, "LabRunDecision": &models.LabRunDecision{},
	"LTIRegistration": &models.LTIRegistration{}, "LTILaunchState": &models.LTILaunchState{},
	"LTIAccount": &models.LTIAccount{}, "LTIContext": &models.LTIContext{}, "LTIDeepLink": &models.LTIDeepLink{},
	"OIDCSignInState": &models.OIDCSignInState{}, "OIDCIdentity": &models.OIDCIdentity{}, "OIDCLinkOffer": &models.OIDCLinkOffer{},
	"LTIContextService": &models.LTIContextService{}, "LTILineItem": &models.LTILineItem{}, "LTIScore": &models.LTIScore{},
	"LTIGradeCursor": &models.LTIGradeCursor{},
	"Notification":   &models.Notification{}, "NotificationPreference": &models.NotificationPreference{},
	"NotificationSetting": &models.NotificationSetting{},
	"ReflectionAnswer":    &models.ReflectionAnswer{}, "ReflectionMark": &models.ReflectionMark{},
}

// storedModels finds, in the models package's source, every struct with a primary key: the
// types that have a table. A new one must be added to tables above.
func storedModels(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") || strings.HasPrefix(f, "migration_") {
			continue
		}
		file, err := parser.ParseFile(token.NewFileSet(), f, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(file, func(n ast.Node) bool {
			ts, ok := n.(*ast.TypeSpec)
			if !ok || !ts.Name.IsExported() {
				return true
			}
			st, ok := ts.Type.(*ast.StructType)
			if !ok {
				return true
			}
			for _, field := range st.Fields.List {
				if field.Tag != nil && strings.Contains(field.Tag.Value, "primaryKey") {
					names = append(names, ts.Name.Name)
					break
				}
			}
			return true
		})
	}
	sort.Strings(names)
	return names
}

// After every migration has run, each model's table, every column it reads and writes, and
// every index its tags declare (the unique ones hold Tandem's limits) exist, on both
// databases: the migrations and the models cannot drift apart unnoticed.
func TestMigrationsBuildEveryModel(t *testing.T) {
	for _, name := range storedModels(t) {
		if _, ok := tables[name]; !ok {
			t.Errorf("model %s has a primary key but is not checked here: add it to tables", name)
		}
	}
	store := storeAt(t, "202611240001_initial")
	if err := store.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	db := store.DB()
	m := db.Migrator()
	cache := &sync.Map{}
	for name, model := range tables {
		s, err := schema.Parse(model, cache, db.NamingStrategy)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !m.HasTable(model) {
			t.Errorf("%s: no table %s", name, s.Table)
			continue
		}
		for _, column := range s.DBNames {
			if !m.HasColumn(model, column) {
				t.Errorf("%s: table %s has no column %s", name, s.Table, column)
			}
		}
		for _, idx := range s.ParseIndexes() {
			if !m.HasIndex(model, idx.Name) {
				t.Errorf("%s: table %s has no index %s on %v", name, s.Table, idx.Name, indexFields(idx))
			}
		}
	}
}

func indexFields(idx *schema.Index) []string {
	var out []string
	for _, f := range idx.Fields {
		out = append(out, f.DBName)
	}
	return slices.Clip(out)
}
