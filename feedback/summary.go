package feedback

import (
	"context"
	"io"
	"math"
	"sort"
	"strconv"

	"tandem/auth"
	"tandem/disciplines"
	"tandem/models"
	"tandem/spreadsheet"
)

// Counts are feedback counts by kind.
type Counts struct {
	Unclear    int `json:"unclear"`
	Error      int `json:"error"`
	Suggestion int `json:"suggestion"`
	Praise     int `json:"praise"`
}

// Stat aggregates feedback from one group of learners (or all of them).
type Stat struct {
	N           int      `json:"n"`
	MeanRating  *float64 `json:"mean_rating"`
	Counts      Counts   `json:"counts"`
	OpenReports int      `json:"open_reports"`
	ratingSum   int
}

func (s *Stat) add(r models.FeedbackStat) {
	s.N += r.N
	s.ratingSum += r.RatingSum
	s.Counts.Unclear += r.Unclear
	s.Counts.Error += r.Errors
	s.Counts.Suggestion += r.Suggestions
	s.Counts.Praise += r.Praise
	s.OpenReports += r.Open
	if s.N > 0 {
		m := math.Round(100*float64(s.ratingSum)/float64(s.N)) / 100
		s.MeanRating = &m
	}
}

// Row is the feedback on one lesson or module, overall and split by the learners' discipline,
// because a lesson can be clear to one side and opaque to the other.
type Row struct {
	Slug    string          `json:"slug"`
	Title   string          `json:"title"`
	Module  string          `json:"module,omitempty"`
	Track   string          `json:"track"`
	All     Stat            `json:"all"`
	ByGroup map[string]Stat `json:"by_group"`
	Reports []Item          `json:"reports,omitempty"`
}

// Summary is what instructors and admins see.
type Summary struct {
	Lessons []Row `json:"lessons"`
	Modules []Row `json:"modules"`
}

// Summarise aggregates all feedback per lesson and per module, each with the open reports the
// caller may read, most reports first.
func (s *Service) Summarise(ctx context.Context, caller auth.Caller) (*Summary, error) {
	stats, err := s.store.FeedbackStats(ctx)
	if err != nil {
		return nil, err
	}
	var open []models.LessonFeedback
	if readsEvery(caller) {
		open, err = s.store.OpenReports(ctx)
	} else {
		open, err = s.store.OpenReportsSeenBy(ctx, caller.ID)
	}
	if err != nil {
		return nil, err
	}
	lessons, modules := map[string]*Row{}, map[string]*Row{}
	row := func(m map[string]*Row, slug, title, module, track string) *Row {
		r, ok := m[slug]
		if !ok {
			r = &Row{Slug: slug, Title: title, Module: module, Track: track, ByGroup: map[string]Stat{disciplines.Clinical: {}, disciplines.Technical: {}}}
			m[slug] = r
		}
		return r
	}
	for _, st := range stats {
		l, ok := s.catalog.Lesson(st.LessonSlug)
		if !ok {
			continue
		}
		for _, r := range []*Row{
			row(lessons, l.Slug, l.Title, l.Module.Slug, l.Module.Track.Slug),
			row(modules, l.Module.Slug, l.Module.Title, "", l.Module.Track.Slug),
		} {
			r.All.add(st)
			g := r.ByGroup[st.Group]
			g.add(st)
			r.ByGroup[st.Group] = g
		}
	}
	for i := range open {
		if r, ok := lessons[open[i].LessonSlug]; ok {
			r.Reports = append(r.Reports, *s.item(&open[i]))
		}
	}
	return &Summary{Lessons: sorted(lessons), Modules: sorted(modules)}, nil
}

func sorted(m map[string]*Row) []Row {
	out := make([]Row, 0, len(m))
	for _, r := range m {
		out = append(out, *r)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].All.OpenReports != out[j].All.OpenReports {
			return out[i].All.OpenReports > out[j].All.OpenReports
		}
		if out[i].All.N != out[j].All.N {
			return out[i].All.N > out[j].All.N
		}
		return out[i].Slug < out[j].Slug
	})
	return out
}

// WriteCSV writes the per-lesson summary as CSV.
func WriteCSV(w io.Writer, sum *Summary) error {
	cw, err := spreadsheet.NewWriter(w)
	if err != nil {
		return err
	}
	mean := func(m *float64) string {
		if m == nil {
			return ""
		}
		return strconv.FormatFloat(*m, 'f', 2, 64)
	}
	n := strconv.Itoa
	if err := cw.Write("lesson", "module", "track", "ratings", "mean_rating", "unclear", "error", "suggestion", "praise",
		"open_reports", "clinical_ratings", "clinical_mean", "technical_ratings", "technical_mean"); err != nil {
		return err
	}
	for _, r := range sum.Lessons {
		c, t := r.ByGroup[disciplines.Clinical], r.ByGroup[disciplines.Technical]
		if err := cw.Write(r.Slug, r.Module, r.Track, n(r.All.N), mean(r.All.MeanRating), n(r.All.Counts.Unclear),
			n(r.All.Counts.Error), n(r.All.Counts.Suggestion), n(r.All.Counts.Praise), n(r.All.OpenReports),
			n(c.N), mean(c.MeanRating), n(t.N), mean(t.MeanRating)); err != nil {
			return err
		}
	}
	return cw.Flush()
}

// WriteReportsCSV writes every open report with its comment as CSV.
func WriteReportsCSV(w io.Writer, sum *Summary) error {
	cw, err := spreadsheet.NewWriter(w)
	if err != nil {
		return err
	}
	n := strconv.Itoa
	if err := cw.Write("report_id", "lesson", "kind", "rating", "discipline_group", "created_at", "lesson_revised", "comment"); err != nil {
		return err
	}
	for _, r := range sum.Lessons {
		for _, it := range r.Reports {
			if err := cw.Write(it.ID, it.Lesson, it.Kind, n(it.Rating), it.Group, it.CreatedAt.Format("2006-01-02T15:04:05Z"),
				strconv.FormatBool(it.LessonRevised), it.Comment); err != nil {
				return err
			}
		}
	}
	return cw.Flush()
}
