// Package progress derives a learner's progress from their records — lesson completions,
// submitted attempts, enrolments — rather than from stored counters, and records the learning
// events that go with them.
package progress

import (
	"context"
	"math"
	"time"

	"tandem/auth"
	"tandem/courses"
	"tandem/errs"
	"tandem/models"
	"tandem/quizzes"
)

// Store is what progress needs from the database.
type Store interface {
	Enrol(ctx context.Context, userID, trackSlug string) (*models.Enrolment, bool, error)
	Enrolments(ctx context.Context, userID string) ([]models.Enrolment, error)
	CompleteLesson(ctx context.Context, userID, lessonSlug, lessonHash, trackSlug string) (*models.LessonCompletion, error)
	Completions(ctx context.Context, userID string) ([]models.LessonCompletion, error)
	QuizStats(ctx context.Context, userIDs []string) ([]models.QuizStat, error)
	Events(ctx context.Context, userID, after string, limit int) ([]models.ProgressEvent, error)
}

// Service records and reports progress.
type Service struct {
	store   Store
	catalog *courses.Catalog
}

// NewService returns a progress service over the catalogue.
func NewService(store Store, catalog *courses.Catalog) *Service {
	return &Service{store: store, catalog: catalog}
}

// Enrol enrols the caller in a track; created says whether it is new.
func (s *Service) Enrol(ctx context.Context, caller auth.Caller, trackSlug string) (e *models.Enrolment, created bool, err error) {
	if _, ok := s.catalog.Track(trackSlug); !ok {
		return nil, false, errs.NotFound("Track")
	}
	return s.store.Enrol(ctx, caller.ID, trackSlug)
}

// Complete marks a lesson complete for the caller; repeating it changes nothing.
func (s *Service) Complete(ctx context.Context, caller auth.Caller, lessonSlug string) (*models.LessonCompletion, error) {
	l, ok := s.catalog.Lesson(lessonSlug)
	if !ok {
		return nil, errs.NotFound("Lesson")
	}
	return s.store.CompleteLesson(ctx, caller.ID, l.Slug, l.Hash, l.Module.Track.Slug)
}

// Events returns the caller's learning events, oldest first, at most limit of them after the
// event id after ("" for the first page).
func (s *Service) Events(ctx context.Context, caller auth.Caller, after string, limit int) ([]models.ProgressEvent, error) {
	return s.store.Events(ctx, caller.ID, after, limit)
}

// Progress is a learner's standing on every track.
type Progress struct {
	Tracks []Track `json:"tracks"`
}

// Track is the learner's standing on one track.
type Track struct {
	Slug     string   `json:"slug"`
	Title    string   `json:"title"`
	Enrolled bool     `json:"enrolled"`
	Percent  float64  `json:"percent"`
	Resume   *Resume  `json:"resume"`
	Modules  []Module `json:"modules"`
}

// Resume is where to pick up a track: the first lesson not yet completed or, when every
// lesson is, the first quiz not yet passed. Nil when the track is complete.
type Resume struct {
	Kind   string `json:"kind"` // lesson or quiz
	Slug   string `json:"slug"`
	Title  string `json:"title"`
	Module string `json:"module"`
}

// Module is the learner's standing on one module.
type Module struct {
	Slug             string   `json:"slug"`
	Title            string   `json:"title"`
	LessonsCompleted int      `json:"lessons_completed"`
	LessonsTotal     int      `json:"lessons_total"`
	QuizAttempts     int      `json:"quiz_attempts"`
	QuizBestPercent  *float64 `json:"quiz_best_percent"`
	QuizPercent      *float64 `json:"quiz_percent"`
	QuizPassed       bool     `json:"quiz_passed"`
	Completed        bool     `json:"completed"`
	// CompletedLessons lists the lessons completed, in module order.
	CompletedLessons []string `json:"completed_lessons"`
	// Revised lists completed lessons whose content has changed since the learner completed
	// them: they stay completed, and the learner may want to read them again.
	Revised []string `json:"revised_lessons"`
}

// Of computes the caller's progress on every track of the catalogue.
func (s *Service) Of(ctx context.Context, caller auth.Caller) (*Progress, error) {
	userID := caller.ID
	enrolments, err := s.store.Enrolments(ctx, userID)
	if err != nil {
		return nil, err
	}
	completions, err := s.store.Completions(ctx, userID)
	if err != nil {
		return nil, err
	}
	stats, err := s.store.QuizStats(ctx, []string{userID})
	if err != nil {
		return nil, err
	}
	enrolled := map[string]bool{}
	for _, e := range enrolments {
		enrolled[e.TrackSlug] = true
	}
	done := map[string]string{}
	for _, c := range completions {
		done[c.LessonSlug] = c.LessonHash
	}
	byQuiz := map[string]models.QuizStat{}
	for _, st := range stats {
		byQuiz[st.QuizSlug] = st
	}
	out := &Progress{Tracks: make([]Track, 0, len(s.catalog.Tracks))}
	now := time.Now()
	for _, t := range s.catalog.Tracks {
		tr := TrackOf(t, enrolled[t.Slug], done, byQuiz)
		hideScores(t, &tr, now)
		out.Tracks = append(out.Tracks, tr)
	}
	return out, nil
}

// hideScores leaves out the quiz percents a learner may not see yet under their quizzes'
// review settings (while attempts remain, say); whether a quiz is passed still shows.
func hideScores(t *courses.Track, tr *Track, now time.Time) {
	for i, m := range t.Modules {
		q, mod := m.Quiz, &tr.Modules[i]
		if q == nil || mod.QuizBestPercent == nil {
			continue
		}
		left := q.MaxAttempts == 0 || mod.QuizAttempts < q.MaxAttempts
		if !q.Review.Shown(q.Review.Score, quizzes.Moment{Now: now, AttemptsLeft: left}) {
			mod.QuizBestPercent, mod.QuizPercent = nil, nil
		}
	}
}

// TrackOf computes standing on track t from completions (lesson slug to the hash completed)
// and quiz statistics by quiz slug.
func TrackOf(t *courses.Track, enrolled bool, done map[string]string, byQuiz map[string]models.QuizStat) Track {
	tr := Track{Slug: t.Slug, Title: t.Title, Enrolled: enrolled, Modules: make([]Module, 0, len(t.Modules))}
	completed := 0
	for _, m := range t.Modules {
		completedLessons, revised := []string{}, []string{}
		for _, l := range m.Lessons {
			hash, ok := done[l.Slug]
			switch {
			case !ok && tr.Resume == nil:
				tr.Resume = &Resume{Kind: "lesson", Slug: l.Slug, Title: l.Title, Module: m.Slug}
			case ok:
				completedLessons = append(completedLessons, l.Slug)
				if hash != l.Hash {
					revised = append(revised, l.Slug)
				}
			}
		}
		var st *models.QuizStat
		if m.Quiz != nil {
			if s, ok := byQuiz[m.Quiz.Slug]; ok {
				st = &s
			}
		}
		mod := Standing(m, len(completedLessons), st)
		mod.CompletedLessons, mod.Revised = completedLessons, revised
		if mod.Completed {
			completed++
		}
		tr.Modules = append(tr.Modules, mod)
	}
	if tr.Resume == nil {
		for i, m := range t.Modules {
			if m.Quiz != nil && !tr.Modules[i].QuizPassed {
				tr.Resume = &Resume{Kind: "quiz", Slug: m.Quiz.Slug, Title: m.Quiz.Title, Module: m.Slug}
				break
			}
		}
	}
	tr.Percent = Percent(completed, len(t.Modules))
	return tr
}

// Standing is a learner's standing on module m, from how many of its lessons they completed
// and their quiz statistics (nil before any submitted attempt). The module is complete when
// every lesson is completed and its quiz is passed under the quiz's grading rule: the best
// attempt or the last one.
func Standing(m *courses.Module, lessonsDone int, st *models.QuizStat) Module {
	mod := Module{Slug: m.Slug, Title: m.Title, LessonsCompleted: lessonsDone, LessonsTotal: len(m.Lessons),
		CompletedLessons: []string{}, Revised: []string{}}
	if q := m.Quiz; q != nil && st != nil {
		best, counted := st.BestPercent, st.BestPercent
		mod.QuizPassed = st.BestPassed
		if q.Grading == quizzes.GradeLast {
			counted, mod.QuizPassed = st.LastPercent, st.LastPassed
		}
		mod.QuizAttempts, mod.QuizBestPercent, mod.QuizPercent = st.Attempts, &best, &counted
	}
	mod.Completed = ModuleComplete(m, lessonsDone, mod.QuizPassed)
	return mod
}

// ModuleComplete is the rule: every lesson of m completed, and its quiz (if it has one) passed.
func ModuleComplete(m *courses.Module, lessonsDone int, quizPassed bool) bool {
	return lessonsDone >= len(m.Lessons) && (m.Quiz == nil || quizPassed)
}

// Percent is done out of total as a percentage with one decimal.
func Percent(done, total int) float64 {
	if total == 0 {
		return 0
	}
	return math.Round(1000*float64(done)/float64(total)) / 10
}
