package cohorts

import (
	"context"
	"errors"
	"time"

	"tandem/courses"
	"tandem/disciplines"
	"tandem/errs"
	"tandem/models"
	"tandem/progress"
	"tandem/quizzes"
)

// learnerStore reads one learner's records for the drill-down from the dashboard.
type learnerStore interface {
	LearnerRecords(ctx context.Context, cohortID, userID string, lessons, quizzes []string) (*models.LearnerRecords, error)
	UsersByIDs(ctx context.Context, ids []string) ([]models.User, error)
}

// LearnerDetail is one learner of a cohort as its instructors may see them: only what the
// learner shared by joining (the cohort's tracks and team, since the day they joined).
type LearnerDetail struct {
	CohortID string `json:"cohort_id"`
	MemberRow
	Modules  []LearnerModule  `json:"modules"`
	Quizzes  []LearnerQuiz    `json:"quizzes"`
	Team     *LearnerTeam     `json:"team"`
	Feedback []LearnerLetter  `json:"feedback"`
	Ratings  LearnerPeerViews `json:"peer_ratings"`
}

// LearnerModule is the learner's standing on one module of the cohort's tracks.
type LearnerModule struct {
	Slug         string   `json:"slug"`
	Title        string   `json:"title"`
	Track        string   `json:"track"`
	Lessons      int      `json:"lessons_completed"`
	LessonsTotal int      `json:"lessons_total"`
	QuizPercent  *float64 `json:"quiz_percent"`
	QuizPassed   bool     `json:"quiz_passed"`
	Completed    bool     `json:"completed"`
}

// LearnerQuiz is the learner's attempts at one quiz of the cohort's tracks: the counted
// percent (best or last attempt, as the quiz counts) and each submitted attempt.
type LearnerQuiz struct {
	Slug        string           `json:"slug"`
	Title       string           `json:"title"`
	Module      string           `json:"module"`
	Counts      string           `json:"counts"`
	Percent     float64          `json:"counted_percent"`
	Passed      bool             `json:"passed"`
	MaxAttempts int              `json:"max_attempts"`
	Attempts    []LearnerAttempt `json:"attempts"`
}

// LearnerAttempt is one submitted attempt.
type LearnerAttempt struct {
	Number      int       `json:"number"`
	StartedAt   time.Time `json:"started_at"`
	SubmittedAt time.Time `json:"submitted_at"`
	Percent     float64   `json:"percent"`
	Passed      bool      `json:"passed"`
}

// LearnerLetter is feedback the learner sent on a lesson of the cohort's tracks.
type LearnerLetter struct {
	Lesson      string    `json:"lesson"`
	LessonTitle string    `json:"lesson_title"`
	Rating      int       `json:"rating"`
	Kind        string    `json:"kind"`
	Comment     string    `json:"comment"`
	Status      string    `json:"status"`
	Response    string    `json:"response"`
	UpdatedAt   time.Time `json:"updated_at"`
}

// Learner returns the drill-down of one learner of a cohort for its instructors. A member
// asking gets 403; anyone else, or a user who is not a learner of the cohort, 404.
func (s *Service) Learner(ctx context.Context, caller Caller, cohortID, userID string) (*LearnerDetail, error) {
	c, _, err := s.Access(ctx, caller, cohortID, true)
	if err != nil {
		return nil, err
	}
	cv := view(c, "instructor")
	var mods []*courses.Module
	var lessons, quizSlugs []string
	for _, slug := range cv.Tracks {
		t, _ := s.catalog.Track(slug)
		for _, m := range t.Modules {
			mods = append(mods, m)
			for _, l := range m.Lessons {
				lessons = append(lessons, l.Slug)
			}
			if m.Quiz != nil {
				quizSlugs = append(quizSlugs, m.Quiz.Slug)
			}
		}
	}
	rec, err := s.store.LearnerRecords(ctx, cohortID, userID, lessons, quizSlugs)
	if errors.Is(err, models.ErrNotFound) {
		return nil, errs.NotFound("Learner")
	}
	if err != nil {
		return nil, err
	}
	u := rec.User
	d := &LearnerDetail{CohortID: c.ID, MemberRow: MemberRow{UserID: u.ID, Name: u.Name, Email: u.Email, Discipline: u.Discipline,
		Group: disciplines.Group(u.Discipline), Institution: u.Institution, JoinedAt: rec.JoinedAt},
		Modules: []LearnerModule{}, Quizzes: []LearnerQuiz{}, Feedback: s.letters(rec.Feedback)}
	d.learning(mods, rec)
	if d.Team, d.Ratings, err = s.learnerTeam(ctx, c, rec); err != nil {
		return nil, err
	}
	return d, nil
}

// learning fills the modules and quizzes of d from the learner's records.
func (d *LearnerDetail) learning(mods []*courses.Module, rec *models.LearnerRecords) {
	done := map[string]bool{}
	for _, l := range rec.Completions {
		done[l.LessonSlug] = true
	}
	attempts := map[string][]models.QuizAttempt{}
	for _, a := range rec.Attempts {
		attempts[a.QuizSlug] = append(attempts[a.QuizSlug], a)
	}
	for _, m := range mods {
		row := LearnerModule{Slug: m.Slug, Title: m.Title, Track: m.Track.Slug, LessonsTotal: len(m.Lessons)}
		for _, l := range m.Lessons {
			if done[l.Slug] {
				row.Lessons++
			}
		}
		if q := m.Quiz; q != nil && len(attempts[q.Slug]) > 0 {
			quiz := countedQuiz(q, attempts[q.Slug])
			quiz.Module = m.Slug
			d.Quizzes = append(d.Quizzes, quiz)
			row.QuizPercent, row.QuizPassed = &quiz.Percent, quiz.Passed
		}
		row.Completed = progress.ModuleComplete(m, row.Lessons, row.QuizPassed)
		d.Modules = append(d.Modules, row)
	}
}

// countedQuiz lists a quiz's submitted attempts (in order of number) with the result that
// counts, the way the cohort dashboard counts it: the best percent and whether any attempt
// passed, or the last attempt for a quiz that counts the last.
func countedQuiz(q *courses.Quiz, list []models.QuizAttempt) LearnerQuiz {
	out := LearnerQuiz{Slug: q.Slug, Title: q.Title, Counts: string(quizzes.GradeBest), MaxAttempts: q.MaxAttempts,
		Attempts: make([]LearnerAttempt, 0, len(list))}
	for _, a := range list {
		out.Attempts = append(out.Attempts, LearnerAttempt{Number: a.Number, StartedAt: a.StartedAt, SubmittedAt: *a.SubmittedAt,
			Percent: a.Percent, Passed: a.Passed})
		out.Percent, out.Passed = max(out.Percent, a.Percent), out.Passed || a.Passed
	}
	if q.Grading == quizzes.GradeLast {
		last := list[len(list)-1]
		out.Counts, out.Percent, out.Passed = string(quizzes.GradeLast), last.Percent, last.Passed
	}
	return out
}

// letters shows the learner's lesson feedback with each lesson's title.
func (s *Service) letters(list []models.LessonFeedback) []LearnerLetter {
	out := make([]LearnerLetter, 0, len(list))
	for _, f := range list {
		title := f.LessonSlug
		if l, ok := s.catalog.Lesson(f.LessonSlug); ok {
			title = l.Title
		}
		out = append(out, LearnerLetter{Lesson: f.LessonSlug, LessonTitle: title, Rating: f.Rating, Kind: f.Kind,
			Comment: f.Comment, Status: f.Status, Response: f.Response, UpdatedAt: f.UpdatedAt})
	}
	return out
}
