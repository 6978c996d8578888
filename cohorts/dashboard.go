package cohorts

import (
	"context"
	"io"
	"math"
	"strconv"

	"tandem/auth"
	"tandem/courses"
	"tandem/models"
	"tandem/progress"
	"tandem/spreadsheet"
)

// Dashboard is an instructor's view of a cohort's progress.
type Dashboard struct {
	Cohort       Cohort       `json:"cohort"`
	Modules      []ModuleInfo `json:"modules"`
	Learners     []LearnerRow `json:"learners"`
	ByModule     []ModuleStat `json:"by_module"`
	ByDiscipline []GroupStat  `json:"by_discipline"`
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
	c, _, err := s.access(ctx, caller, cohortID, true)
	if err != nil {
		return nil, err
	}
	rec, err := s.store.CohortRecords(ctx, cohortID)
	if err != nil {
		return nil, err
	}
	learners := rec.Learners
	d := &Dashboard{Cohort: view(c, "instructor"), Learners: make([]LearnerRow, 0, len(learners)), ByDiscipline: []GroupStat{}}
	column := map[string]int{}
	for _, slug := range d.Cohort.Tracks {
		t, _ := s.catalog.Track(slug)
		for _, m := range t.Modules {
			column[m.Slug] = len(d.modules)
			d.modules = append(d.modules, m)
			d.Modules = append(d.Modules, ModuleInfo{Slug: m.Slug, Title: m.Title, Track: t.Slug, LessonsTotal: len(m.Lessons)})
		}
	}
	// records[learner row][module column], filled from the database's per-module aggregates.
	rowOf := make(map[string]int, len(learners))
	for i, u := range learners {
		rowOf[u.ID] = i
	}
	records := make([]models.ModuleRecord, len(learners)*len(d.modules))
	for _, r := range rec.Modules {
		i, okRow := rowOf[r.UserID]
		j, okCol := column[r.ModuleSlug]
		if okRow && okCol {
			records[i*len(d.modules)+j] = r
		}
	}
	overall := newModuleStats(d.modules)
	groups := map[string]*GroupStat{}
	for li, u := range learners {
		row := LearnerRow{UserID: u.ID, Name: u.Name, Email: u.Email, Discipline: u.Discipline, Group: auth.DisciplineGroup(u.Discipline),
			Institution: u.Institution, Tracks: map[string]float64{}, Modules: make([]Cell, 0, len(d.modules))}
		g := groups[row.Group]
		if g == nil {
			g = &GroupStat{Group: row.Group, Modules: newModuleStats(d.modules)}
			groups[row.Group] = g
		}
		completedByTrack, completed := map[string]int{}, 0
		for i, m := range d.modules {
			r := records[li*len(d.modules)+i]
			mod := progress.Standing(m, r.Lessons, r.Quiz)
			row.Modules = append(row.Modules, Cell{Lessons: mod.LessonsCompleted, QuizPercent: mod.QuizPercent, QuizPassed: mod.QuizPassed, Completed: mod.Completed})
			if mod.Completed {
				completedByTrack[m.Track.Slug]++
				completed++
			}
			overall[i].add(mod)
			g.Modules[i].add(mod)
		}
		for _, slug := range d.Cohort.Tracks {
			t, _ := s.catalog.Track(slug)
			row.Tracks[slug] = progress.Percent(completedByTrack[slug], len(t.Modules))
		}
		row.Percent = progress.Percent(completed, len(d.modules))
		g.Learners++
		g.percentSum += row.Percent
		d.Learners = append(d.Learners, row)
	}
	d.ByModule = finish(overall, len(learners))
	for _, name := range []string{"clinical", "technical", "other"} {
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

func (m *ModuleStat) add(mod progress.Module) {
	if mod.Completed {
		m.Completed++
	}
	if mod.QuizPercent != nil {
		m.quizSum += *mod.QuizPercent
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

// WriteCSV writes one row per learner: who they are, their percent per track, and per module
// the lessons completed, the counted quiz percent and whether it is complete.
func (d *Dashboard) WriteCSV(w io.Writer) error {
	cw, err := spreadsheet.NewWriter(w)
	if err != nil {
		return err
	}
	header := []string{"name", "email", "discipline", "discipline_group", "institution", "percent"}
	for _, t := range d.Cohort.Tracks {
		header = append(header, t+" percent")
	}
	for _, m := range d.Modules {
		header = append(header, m.Slug+" lessons completed", m.Slug+" quiz percent", m.Slug+" complete")
	}
	if err := cw.Write(header...); err != nil {
		return err
	}
	num := func(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }
	for _, r := range d.Learners {
		row := []string{r.Name, r.Email, r.Discipline, r.Group, r.Institution, num(r.Percent)}
		for _, t := range d.Cohort.Tracks {
			row = append(row, num(r.Tracks[t]))
		}
		for _, m := range r.Modules {
			quiz := ""
			if m.QuizPercent != nil {
				quiz = num(*m.QuizPercent)
			}
			row = append(row, strconv.Itoa(m.Lessons), quiz, strconv.FormatBool(m.Completed))
		}
		if err := cw.Write(row...); err != nil {
			return err
		}
	}
	return cw.Flush()
}

// Events returns a page of the cohort members' learning events for its instructors, with the
// names of the learners they belong to.
func (s *Service) Events(ctx context.Context, caller Caller, cohortID, after string, limit int) ([]models.ProgressEvent, map[string]string, error) {
	if _, _, err := s.access(ctx, caller, cohortID, true); err != nil {
		return nil, nil, err
	}
	events, err := s.store.CohortEvents(ctx, cohortID, after, limit)
	if err != nil {
		return nil, nil, err
	}
	learners, err := s.store.CohortLearners(ctx, cohortID)
	if err != nil {
		return nil, nil, err
	}
	names := make(map[string]string, len(learners))
	for _, u := range learners {
		names[u.ID] = u.Name
	}
	return events, names, nil
}
