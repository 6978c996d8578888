package cohorts

import (
	"context"
	"math"
	"strings"
	"time"

	"tandem/courses"
	"tandem/disciplines"
	"tandem/models"
	"tandem/progress"
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
}

// Progress builds the dashboard of a cohort for its instructors: the summary rows over every
// learner, read from the cohort's counters, and the rows of the learners that query asks for,
// read from their summary rows. Its cost is the page, not the cohort.
func (s *Service) Progress(ctx context.Context, caller Caller, cohortID string, q Query) (*Dashboard, error) {
	c, _, err := s.Access(ctx, caller, cohortID, true)
	if err != nil {
		return nil, err
	}
	d := &Dashboard{Cohort: view(c, "instructor"), ByDiscipline: []GroupStat{}}
	g := &grid{s: s, cohort: c, tracks: d.Cohort.Tracks, catalog: s.catalog, column: map[string]int{}}
	for _, slug := range d.Cohort.Tracks {
		t, _ := s.catalog.Track(slug)
		for _, m := range t.Modules {
			g.column[m.Slug] = len(g.modules)
			g.modules = append(g.modules, m)
			d.Modules = append(d.Modules, ModuleInfo{Slug: m.Slug, Title: m.Title, Track: t.Slug, LessonsTotal: len(m.Lessons)})
		}
	}
	counts, err := s.store.CohortCounts(ctx, cohortID)
	if err != nil {
		return nil, err
	}
	if g.work, err = s.workFrame(ctx, c); err != nil {
		return nil, err
	}
	d.Exercises = g.work.exercises
	learners := d.summarise(g, counts)
	g.query = models.ProgressQuery{Search: strings.ToLower(q.Search), Sort: q.Sort, Desc: q.Desc, Exercises: make([]string, len(d.Exercises)),
		Members: learners}
	for i, x := range d.Exercises {
		g.query.Exercises[i] = x.Slug
	}
	d.grid = g
	g.query.Offset, g.query.Limit = (q.Page-1)*q.PerPage, q.PerPage
	var total int
	if d.Learners, total, _, err = g.page(ctx); err != nil {
		return nil, err
	}
	d.Page = PageInfo{Number: q.Page, Size: q.PerPage, Total: total, Learners: learners}
	return d, nil
}

// grid is what the rows of a dashboard are computed from: the cohort, its modules in column
// order, and the query that lists its learners.
type grid struct {
	s       *Service
	cohort  *models.Cohort
	tracks  []string
	catalog *courses.Catalog
	modules []*courses.Module
	column  map[string]int // module slug -> its column
	work    *workFrame
	query   models.ProgressQuery
}

// page reads the rows of the learners the grid's query lists, how many match it, and where
// its last row stands (nil when it has none), for the next page to start after.
func (g *grid) page(ctx context.Context) ([]LearnerRow, int, *models.ProgressPosition, error) {
	found, total, err := g.s.store.CohortProgressPage(ctx, g.cohort.ID, g.query)
	if err != nil {
		return nil, 0, nil, err
	}
	ids := make([]string, len(found))
	for i, r := range found {
		ids[i] = r.ID
	}
	cells, err := g.s.store.CohortProgressCells(ctx, g.cohort.ID, ids)
	if err != nil {
		return nil, 0, nil, err
	}
	teamIDs, err := g.s.store.TeamIDsOf(ctx, g.cohort.ID, ids)
	if err != nil {
		return nil, 0, nil, err
	}
	work, err := g.s.teamWork(ctx, g.cohort, g.work, teamIDs)
	if err != nil {
		return nil, 0, nil, err
	}
	byLearner := map[string][]models.CohortProgressCell{}
	for _, c := range cells {
		byLearner[c.UserID] = append(byLearner[c.UserID], c)
	}
	rows := make([]LearnerRow, len(found))
	for i := range found {
		rows[i] = g.row(&found[i], byLearner[found[i].ID], work)
	}
	if len(found) == 0 {
		return rows, total, nil, nil
	}
	return rows, total, &found[len(found)-1].Position, nil
}

// row is a learner's row from their summary row and cells.
func (g *grid) row(u *models.ProgressRow, cells []models.CohortProgressCell, work *teamWork) LearnerRow {
	row := LearnerRow{UserID: u.ID, Name: u.Name, Email: u.Email, Discipline: u.Discipline, Group: disciplines.Group(u.Discipline),
		Institution: u.Institution, Tracks: map[string]float64{}, Modules: make([]Cell, len(g.modules))}
	if u.LastActive > 0 {
		last := time.Unix(u.LastActive, 0).UTC()
		row.LastActivity = &last
	}
	completedByTrack, completed := map[string]int{}, 0
	for _, c := range cells {
		i, ok := g.column[c.ModuleSlug]
		if !ok {
			continue
		}
		cell := Cell{Lessons: c.Lessons, QuizPassed: c.QuizPassed, Completed: c.Completed}
		if c.QuizTaken {
			percent := c.QuizPercent
			cell.QuizPercent = &percent
		}
		row.Modules[i] = cell
		if cell.Completed {
			completedByTrack[g.modules[i].Track.Slug]++
			completed++
		}
	}
	for _, slug := range g.tracks {
		t, _ := g.catalog.Track(slug)
		row.Tracks[slug] = progress.Percent(completedByTrack[slug], len(t.Modules))
	}
	row.Percent = progress.Percent(completed, len(g.modules))
	row.Team, row.Exercises = work.row(u.ID)
	return row
}

// summarise fills the summary rows from the cohort's counters and returns how many learners
// the cohort has.
func (d *Dashboard) summarise(g *grid, counts []models.CohortCount) int {
	type sums struct{ learners, completed int64 }
	groups, items := map[string]*sums{}, map[string]map[string]models.CohortCount{}
	for _, c := range counts {
		if c.Item == "" {
			groups[c.Group] = &sums{c.Learners, c.Completed}
			continue
		}
		if items[c.Group] == nil {
			items[c.Group] = map[string]models.CohortCount{}
		}
		items[c.Group][c.Item] = c
	}
	var all sums
	overall := make([]models.CohortCount, len(g.modules))
	overallWork := newExerciseStats(d.Exercises)
	for _, name := range disciplines.Groups() {
		sum := groups[name]
		if sum == nil || sum.learners == 0 {
			continue
		}
		all.learners += sum.learners
		all.completed += sum.completed
		grp := GroupStat{Group: name, Learners: int(sum.learners), Modules: make([]ModuleStat, len(g.modules)),
			MeanPercent: progress.Percent(int(sum.completed), int(sum.learners)*len(g.modules))}
		for i, m := range g.modules {
			c := items[name][m.Slug]
			grp.Modules[i] = moduleStat(m.Slug, c, sum.learners)
			overall[i].Completed += c.Completed
			overall[i].QuizN += c.QuizN
			overall[i].QuizCentis += c.QuizCentis
		}
		grp.Exercises = newExerciseStats(d.Exercises)
		for i := range grp.Exercises {
			grp.Exercises[i].InTeams = int(items[name][models.TeamCounter].Learners)
			grp.Exercises[i].Accepted = int(items[name][models.ExerciseCounter+grp.Exercises[i].Slug].Completed)
			overallWork[i].InTeams += grp.Exercises[i].InTeams
			overallWork[i].Accepted += grp.Exercises[i].Accepted
		}
		d.ByDiscipline = append(d.ByDiscipline, grp)
	}
	d.ByModule = make([]ModuleStat, len(g.modules))
	for i, m := range g.modules {
		d.ByModule[i] = moduleStat(m.Slug, overall[i], all.learners)
	}
	d.ByExercise = overallWork
	d.MeanPercent = progress.Percent(int(all.completed), int(all.learners)*len(g.modules))
	return int(all.learners)
}

// moduleStat is a module's summary over learners from its counter.
func moduleStat(slug string, c models.CohortCount, learners int64) ModuleStat {
	st := ModuleStat{Slug: slug, Completed: int(c.Completed), CompletedShare: progress.Percent(int(c.Completed), int(learners))}
	if c.QuizN > 0 {
		mean := math.Round(float64(c.QuizCentis)/float64(c.QuizN)/10) / 10
		st.MeanQuizPercent = &mean
	}
	return st
}

func newExerciseStats(xs []ExerciseInfo) []ExerciseStat {
	out := make([]ExerciseStat, len(xs))
	for i, x := range xs {
		out[i].Slug = x.Slug
	}
	return out
}

// Events returns a page of the cohort members' learning events for its instructors.
func (s *Service) Events(ctx context.Context, caller Caller, cohortID, after string, limit int) ([]models.ProgressEvent, error) {
	if _, _, err := s.Access(ctx, caller, cohortID, true); err != nil {
		return nil, err
	}
	return s.store.CohortEvents(ctx, cohortID, after, limit)
}
