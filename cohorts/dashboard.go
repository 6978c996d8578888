package cohorts

import (
	"context"
	"math"
	"time"

	"tandem/courses"
	"tandem/disciplines"
	"tandem/models"
	"tandem/progress"
	"tandem/quizzes"
)

// Dashboard is an instructor's view of a cohort's progress: the summary rows over every
// learner, and the learners of one page of the grid.
type Dashboard struct {
	Cohort       Cohort         `json:"cohort"`
	Modules      []ModuleInfo   `json:"modules"`
	Exercises    []ExerciseInfo `json:"exercises"`
	ByModule     []ModuleStat   `json:"by_module"`
	ByExercise   []ExerciseStat `json:"by_exercise"`
	ByDiscipline []GroupStat    `json:"by_discipline"`
	MeanPercent  float64        `json:"mean_percent"` // over every learner
	Page         PageInfo       `json:"page"`
	Learners     []LearnerRow   `json:"learners"` // last: the bulk of the document, written row by row
	grid         *grid
	order        []int // the learners matching the query, in its order
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
	UserID       string             `json:"user_id"`
	Name         string             `json:"name"`
	Email        string             `json:"email"`
	Discipline   string             `json:"discipline"`
	Group        string             `json:"discipline_group"`
	Institution  string             `json:"institution"`
	Percent      float64            `json:"percent"`
	Tracks       map[string]float64 `json:"tracks"`
	Modules      []Cell             `json:"modules"`
	Team         string             `json:"team"`          // name of the learner's team, "" when in none
	Exercises    []WorkCell         `json:"exercises"`     // the team's standing, per dashboard exercise
	LastActivity *time.Time         `json:"last_activity"` // latest counted completion or attempt, to the second
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

// ExerciseStat aggregates one joint exercise over the cohort (or one discipline group of it):
// how many learners are in a team, and how many of them have had their team's work accepted.
type ExerciseStat struct {
	Slug     string `json:"slug"`
	InTeams  int    `json:"in_teams"`
	Accepted int    `json:"accepted"`
}

// GroupStat aggregates one discipline group: clinical, technical or other.
type GroupStat struct {
	Group       string         `json:"discipline_group"`
	Learners    int            `json:"learners"`
	MeanPercent float64        `json:"mean_percent"`
	Modules     []ModuleStat   `json:"modules"`
	Exercises   []ExerciseStat `json:"exercises"`
	percentSum  float64
}

// Progress builds the dashboard of a cohort for its instructors: the summary rows over every
// learner, and the rows of the learners that query asks for. Completions and attempts are
// aggregated by the database; this arranges the rows.
func (s *Service) Progress(ctx context.Context, caller Caller, cohortID string, q Query) (*Dashboard, error) {
	c, _, err := s.Access(ctx, caller, cohortID, true)
	if err != nil {
		return nil, err
	}
	d := &Dashboard{Cohort: view(c, "instructor"), ByDiscipline: []GroupStat{}}
	g := &grid{tracks: d.Cohort.Tracks, catalog: s.catalog}
	var lessons []string
	var counted []models.CountedQuiz
	for _, slug := range d.Cohort.Tracks {
		t, _ := s.catalog.Track(slug)
		for _, m := range t.Modules {
			g.modules = append(g.modules, m)
			d.Modules = append(d.Modules, ModuleInfo{Slug: m.Slug, Title: m.Title, Track: t.Slug, LessonsTotal: len(m.Lessons)})
			g.first = append(g.first, len(lessons))
			for _, l := range m.Lessons {
				lessons = append(lessons, l.Slug)
			}
			g.quiz = append(g.quiz, -1)
			if m.Quiz != nil {
				g.quiz[len(g.quiz)-1] = len(counted)
				counted = append(counted, models.CountedQuiz{Slug: m.Quiz.Slug, Last: m.Quiz.Grading == quizzes.GradeLast})
			}
		}
	}
	if g.rec, err = s.store.CohortRecords(ctx, cohortID, lessons, counted); err != nil {
		return nil, err
	}
	if g.work, err = s.teamWork(ctx, c); err != nil {
		return nil, err
	}
	d.Exercises, d.grid = g.work.exercises, g
	keys := d.summarise()
	d.order = q.order(g.rec.Learners, keys)
	d.Page = PageInfo{Number: q.Page, Size: q.PerPage, Total: len(d.order), Learners: len(g.rec.Learners)}
	from := min((q.Page-1)*q.PerPage, len(d.order))
	to := min(from+q.PerPage, len(d.order))
	d.Learners = make([]LearnerRow, 0, to-from)
	for _, li := range d.order[from:to] {
		d.Learners = append(d.Learners, g.row(li))
	}
	return d, nil
}

// grid is what every row of a dashboard is computed from: the modules in column order (the
// lessons of column j start at first[j] among the lessons asked for; quiz[j] is the index of
// its quiz, or -1), the records and the team work.
type grid struct {
	tracks      []string
	catalog     *courses.Catalog
	modules     []*courses.Module
	first, quiz []int
	rec         *models.CohortRecords
	work        *teamWork
}

// row is learner li's row.
func (g *grid) row(li int) LearnerRow {
	u := g.rec.Learners[li]
	row := LearnerRow{UserID: u.ID, Name: u.Name, Email: u.Email, Discipline: u.Discipline, Group: disciplines.Group(u.Discipline),
		Institution: u.Institution, Tracks: map[string]float64{}, Modules: make([]Cell, 0, len(g.modules))}
	if last := g.rec.LastActivity(li); !last.IsZero() {
		last = last.UTC().Truncate(time.Second)
		row.LastActivity = &last
	}
	completedByTrack, completed := map[string]int{}, 0
	for i, m := range g.modules {
		done := 0
		for l := range m.Lessons {
			if g.rec.Completed(li, g.first[i]+l) {
				done++
			}
		}
		cell := Cell{Lessons: done}
		if g.quiz[i] >= 0 {
			if r := g.rec.Quiz(li, g.quiz[i]); r != nil {
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
	}
	for _, slug := range g.tracks {
		t, _ := g.catalog.Track(slug)
		row.Tracks[slug] = progress.Percent(completedByTrack[slug], len(t.Modules))
	}
	row.Percent = progress.Percent(completed, len(g.modules))
	row.Team, row.Exercises = g.work.row(u.ID)
	return row
}

// summarise fills the summary rows from every learner's row and returns what each learner is
// sorted by.
func (d *Dashboard) summarise() []sortKey {
	g := d.grid
	overall, overallWork := newModuleStats(g.modules), newExerciseStats(d.Exercises)
	groups := map[string]*GroupStat{}
	keys := make([]sortKey, len(g.rec.Learners))
	var percentSum float64
	for li := range g.rec.Learners {
		row := g.row(li)
		grp := groups[row.Group]
		if grp == nil {
			grp = &GroupStat{Group: row.Group, Modules: newModuleStats(g.modules), Exercises: newExerciseStats(d.Exercises)}
			groups[row.Group] = grp
		}
		for i, cell := range row.Modules {
			overall[i].add(cell)
			grp.Modules[i].add(cell)
		}
		for i, w := range row.Exercises {
			overallWork[i].add(row.Team, w)
			grp.Exercises[i].add(row.Team, w)
		}
		grp.Learners++
		grp.percentSum += row.Percent
		percentSum += row.Percent
		keys[li] = keyOf(&row)
	}
	d.ByModule, d.ByExercise = finish(overall, len(g.rec.Learners)), overallWork
	if n := len(g.rec.Learners); n > 0 {
		d.MeanPercent = math.Round(10*percentSum/float64(n)) / 10
	}
	for _, name := range disciplines.Groups() {
		if grp := groups[name]; grp != nil {
			grp.Modules = finish(grp.Modules, grp.Learners)
			grp.MeanPercent = math.Round(10*grp.percentSum/float64(grp.Learners)) / 10
			d.ByDiscipline = append(d.ByDiscipline, *grp)
		}
	}
	return keys
}

func newExerciseStats(xs []ExerciseInfo) []ExerciseStat {
	out := make([]ExerciseStat, len(xs))
	for i, x := range xs {
		out[i].Slug = x.Slug
	}
	return out
}

func (x *ExerciseStat) add(team string, w WorkCell) {
	if team == "" {
		return
	}
	x.InTeams++
	if w.Status == "accepted" {
		x.Accepted++
	}
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
