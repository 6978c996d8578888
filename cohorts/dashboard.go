package cohorts

import (
	"context"
	"math"

	"tandem/courses"
	"tandem/disciplines"
	"tandem/models"
	"tandem/progress"
	"tandem/quizzes"
)

// Dashboard is an instructor's view of a cohort's progress.
type Dashboard struct {
	Cohort       Cohort         `json:"cohort"`
	Modules      []ModuleInfo   `json:"modules"`
	Exercises    []ExerciseInfo `json:"exercises"`
	ByModule     []ModuleStat   `json:"by_module"`
	ByDiscipline []GroupStat    `json:"by_discipline"`
	Learners     []LearnerRow   `json:"learners"` // last: the bulk of the document, written row by row
	modules      []*courses.Module
}

// ModuleInfo names a column of the dashboard.
type ModuleInfo struct {
	Slug         string `json:"slug"`
	Title        string `json:"title"`
	Track        string `json:"track"`
	LessonsTotal int    `json:"lessons_total"`
}

// Cell is one learner's standing on one module; a row's cells follow the order of the
// dashboard's modules.
type Cell struct {
	Lessons     int      `json:"lessons_completed"`
	QuizPercent *float64 `json:"quiz_percent"`
	QuizPassed  bool     `json:"quiz_passed"`
	Completed   bool     `json:"completed"`
}

// LearnerRow is one learner's row.
type LearnerRow struct {
	UserID      string             `json:"user_id"`
	Name        string             `json:"name"`
	Email       string             `json:"email"`
	Discipline  string             `json:"discipline"`
	Group       string             `json:"discipline_group"`
	Institution string             `json:"institution"`
	Percent     float64            `json:"percent"`
	Tracks      map[string]float64 `json:"tracks"`
	Modules     []Cell             `json:"modules"`
	Team        string             `json:"team"`      // name of the learner's team, "" when in none
	Exercises   []WorkCell         `json:"exercises"` // the team's standing, per dashboard exercise
}

// ModuleStat aggregates one module over the cohort (or one discipline group of it).
type ModuleStat struct {
	Slug            string   `json:"slug"`
	Completed       int      `json:"completed"`
	CompletedShare  float64  `json:"completed_percent"`
	MeanQuizPercent *float64 `json:"mean_quiz_percent"`
	quizSum         float64
	quizN           int
}

// GroupStat aggregates one discipline group: clinical, technical or other.
type GroupStat struct {
	Group       string       `json:"discipline_group"`
	Learners    int          `json:"learners"`
	MeanPercent float64      `json:"mean_percent"`
	Modules     []ModuleStat `json:"modules"`
	percentSum  float64
}

// Progress builds the dashboard of a cohort for its instructors. Completions and attempts are
// aggregated by the database; this only arranges the rows.
func (s *Service) Progress(ctx context.Context, caller Caller, cohortID string) (*Dashboard, error) {
	c, _, err := s.Access(ctx, caller, cohortID, true)
	if err != nil {
		return nil, err
	}
	d := &Dashboard{Cohort: view(c, "instructor"), ByDiscipline: []GroupStat{}}
	// Lesson and quiz indexes: the lessons of module column j start at first[j]; quiz[j] is
	// the index of its quiz, or -1.
	var lessons []string
	var counted []models.CountedQuiz
	first, quiz := []int{}, []int{}
	for _, slug := range d.Cohort.Tracks {
		t, _ := s.catalog.Track(slug)
		for _, m := range t.Modules {
			d.modules = append(d.modules, m)
			d.Modules = append(d.Modules, ModuleInfo{Slug: m.Slug, Title: m.Title, Track: t.Slug, LessonsTotal: len(m.Lessons)})
			first = append(first, len(lessons))
			for _, l := range m.Lessons {
				lessons = append(lessons, l.Slug)
			}
			quiz = append(quiz, -1)
			if m.Quiz != nil {
				quiz[len(quiz)-1] = len(counted)
				counted = append(counted, models.CountedQuiz{Slug: m.Quiz.Slug, Last: m.Quiz.Grading == quizzes.GradeLast})
			}
		}
	}
	rec, err := s.store.CohortRecords(ctx, cohortID, lessons, counted)
	if err != nil {
		return nil, err
	}
	work, err := s.teamWork(ctx, c)
	if err != nil {
		return nil, err
	}
	d.Exercises = work.exercises
	learners := rec.Learners
	d.Learners = make([]LearnerRow, 0, len(learners))
	overall := newModuleStats(d.modules)
	groups := map[string]*GroupStat{}
	for li, u := range learners {
		row := LearnerRow{UserID: u.ID, Name: u.Name, Email: u.Email, Discipline: u.Discipline, Group: disciplines.Group(u.Discipline),
			Institution: u.Institution, Tracks: map[string]float64{}, Modules: make([]Cell, 0, len(d.modules))}
		g := groups[row.Group]
		if g == nil {
			g = &GroupStat{Group: row.Group, Modules: newModuleStats(d.modules)}
			groups[row.Group] = g
		}
		completedByTrack, completed := map[string]int{}, 0
		for i, m := range d.modules {
			done := 0
			for l := range m.Lessons {
				if rec.Completed(li, first[i]+l) {
					done++
				}
			}
			cell := Cell{Lessons: done}
			if quiz[i] >= 0 {
				if r := rec.Quiz(li, quiz[i]); r != nil {
					percent := r.Percent
					cell.QuizPercent, cell.QuizPassed = &percent, r.Passed
				}
			}
			cell.Completed = progress.ModuleComplete(m, done, cell.QuizPassed)
			row.Modules = append(row.Modules, cell)
			if cell.Completed {
				completedByTrack[m.Track.Slug]++
				completed++
			}
			overall[i].add(cell)
			g.Modules[i].add(cell)
		}
		for _, slug := range d.Cohort.Tracks {
			t, _ := s.catalog.Track(slug)
			row.Tracks[slug] = progress.Percent(completedByTrack[slug], len(t.Modules))
		}
		row.Percent = progress.Percent(completed, len(d.modules))
		row.Team, row.Exercises = work.row(u.ID)
		g.Learners++
		g.percentSum += row.Percent
		d.Learners = append(d.Learners, row)
	}
	d.ByModule = finish(overall, len(learners))
	for _, name := range disciplines.Groups() {
		if g := groups[name]; g != nil {
			g.Modules = finish(g.Modules, g.Learners)
			g.MeanPercent = math.Round(10*g.percentSum/float64(g.Learners)) / 10
			d.ByDiscipline = append(d.ByDiscipline, *g)
		}
	}
	return d, nil
}

func newModuleStats(mods []*courses.Module) []ModuleStat {
	out := make([]ModuleStat, len(mods))
	for i, m := range mods {
		out[i].Slug = m.Slug
	}
	return out
}

func (m *ModuleStat) add(c Cell) {
	if c.Completed {
		m.Completed++
	}
	if c.QuizPercent != nil {
		m.quizSum += *c.QuizPercent
		m.quizN++
	}
}

func finish(stats []ModuleStat, learners int) []ModuleStat {
	for i := range stats {
		stats[i].CompletedShare = progress.Percent(stats[i].Completed, learners)
		if stats[i].quizN > 0 {
			mean := math.Round(10*stats[i].quizSum/float64(stats[i].quizN)) / 10
			stats[i].MeanQuizPercent = &mean
		}
	}
	return stats
}

// Events returns a page of the cohort members' learning events for its instructors.
func (s *Service) Events(ctx context.Context, caller Caller, cohortID, after string, limit int) ([]models.ProgressEvent, error) {
	if _, _, err := s.Access(ctx, caller, cohortID, true); err != nil {
		return nil, err
	}
	return s.store.CohortEvents(ctx, cohortID, after, limit)
}
