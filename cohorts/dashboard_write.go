package cohorts

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"maps"
	"slices"
	"strconv"
	"time"

	"tandem/spreadsheet"
)

// WriteJSON writes the dashboard as JSON, the same document encoding/json would write. The
// learner rows, tens of thousands of cells in a large cohort, are written directly rather
// than through reflection, which took most of the time of a 5,000-learner dashboard.
func (d *Dashboard) WriteJSON(w io.Writer) error {
	head, err := json.Marshal(struct {
		Cohort       Cohort         `json:"cohort"`
		Modules      []ModuleInfo   `json:"modules"`
		Exercises    []ExerciseInfo `json:"exercises"`
		ByModule     []ModuleStat   `json:"by_module"`
		ByExercise   []ExerciseStat `json:"by_exercise"`
		ByDiscipline []GroupStat    `json:"by_discipline"`
		MeanPercent  float64        `json:"mean_percent"`
		Page         PageInfo       `json:"page"`
	}{d.Cohort, d.Modules, d.Exercises, d.ByModule, d.ByExercise, d.ByDiscipline, d.MeanPercent, d.Page})
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	b := append(head[:len(head)-1:len(head)-1], `,"learners":[`...)
	// Track percents are written in the order of their keys, as encoding/json writes a map,
	// so the same dashboard is always the same bytes.
	tracks := slices.Sorted(maps.Keys(trackSet(d.Learners)))
	for i := range d.Learners {
		if i > 0 {
			b = append(b, ',')
		}
		b = d.Learners[i].appendJSON(b, tracks)
		if len(b) > 32<<10 {
			if _, err := bw.Write(b); err != nil {
				return err
			}
			b = b[:0]
		}
	}
	b = append(b, "]}"...)
	if _, err := bw.Write(b); err != nil {
		return err
	}
	return bw.Flush()
}

// trackSet is every track slug the rows' percents name.
func trackSet(rows []LearnerRow) map[string]bool {
	set := map[string]bool{}
	for _, r := range rows {
		for slug := range r.Tracks {
			set[slug] = true
		}
	}
	return set
}

// appendJSON appends the row; tracks are the slugs its Tracks may hold, sorted.
func (r *LearnerRow) appendJSON(b []byte, tracks []string) []byte {
	b = append(b, `{"user_id":`...)
	b = appendString(b, r.UserID)
	b = append(b, `,"name":`...)
	b = appendString(b, r.Name)
	b = append(b, `,"email":`...)
	b = appendString(b, r.Email)
	b = append(b, `,"discipline":`...)
	b = appendString(b, r.Discipline)
	b = append(b, `,"discipline_group":`...)
	b = appendString(b, r.Group)
	b = append(b, `,"institution":`...)
	b = appendString(b, r.Institution)
	b = append(b, `,"percent":`...)
	b = strconv.AppendFloat(b, r.Percent, 'f', -1, 64)
	b = append(b, `,"tracks":{`...)
	first := true
	for _, slug := range tracks {
		percent, ok := r.Tracks[slug]
		if !ok {
			continue
		}
		if !first {
			b = append(b, ',')
		}
		first = false
		b = appendString(b, slug)
		b = append(b, ':')
		b = strconv.AppendFloat(b, percent, 'f', -1, 64)
	}
	b = append(b, `},"modules":[`...)
	for i, m := range r.Modules {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"lessons_completed":`...)
		b = strconv.AppendInt(b, int64(m.Lessons), 10)
		b = append(b, `,"quiz_percent":`...)
		if m.QuizPercent == nil {
			b = append(b, "null"...)
		} else {
			b = strconv.AppendFloat(b, *m.QuizPercent, 'f', -1, 64)
		}
		b = append(b, `,"quiz_passed":`...)
		b = strconv.AppendBool(b, m.QuizPassed)
		b = append(b, `,"completed":`...)
		b = strconv.AppendBool(b, m.Completed)
		b = append(b, '}')
	}
	b = append(b, `],"team":`...)
	b = appendString(b, r.Team)
	b = append(b, `,"exercises":[`...)
	for i, w := range r.Exercises {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"version":`...)
		b = strconv.AppendInt(b, int64(w.Version), 10)
		b = append(b, `,"status":`...)
		b = appendString(b, w.Status)
		b = append(b, `,"points":`...)
		if w.Points == nil {
			b = append(b, "null"...)
		} else {
			b = strconv.AppendFloat(b, *w.Points, 'f', -1, 64)
		}
		b = append(b, `,"late":`...)
		b = strconv.AppendBool(b, w.Late)
		b = append(b, `,"peer_factor":`...)
		if w.PeerFactor == nil {
			b = append(b, "null"...)
		} else {
			b = strconv.AppendFloat(b, *w.PeerFactor, 'f', -1, 64)
		}
		b = append(b, '}')
	}
	b = append(b, `],"last_activity":`...)
	if r.LastActivity == nil {
		return append(b, "null}"...)
	}
	b = append(b, '"')
	b = r.LastActivity.AppendFormat(b, time.RFC3339Nano)
	return append(b, `"}`...)
}

// appendString appends s as a JSON string: directly when it holds only printable ASCII that
// needs no escaping, else through encoding/json.
func appendString(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
			q, _ := json.Marshal(s)
			return append(b, q...)
		}
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}

// csvPage is how many learners the CSV reads at a time: its memory stays that of a page.
const csvPage = 1000

// WriteCSV writes one row per learner matching the dashboard's query, in its order, a page
// at a time: who they are, their percent per track, per module the
// lessons completed, the counted quiz percent and whether it is complete, then their team and,
// per exercise, the status of the team's latest version, its review points, whether it was
// late and the learner's peer adjustment factor, and when they were last active.
func (d *Dashboard) WriteCSV(ctx context.Context, w io.Writer) error {
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
	header = append(header, "team")
	for _, x := range d.Exercises {
		header = append(header, x.Slug+" status", x.Slug+" points of "+strconv.Itoa(x.MaxPoints), x.Slug+" late", x.Slug+" peer factor")
	}
	header = append(header, "last activity")
	if err := cw.Write(header...); err != nil {
		return err
	}
	g := *d.grid
	// Each page starts after the last row of the one before, not at an offset the database
	// would have to count its way to.
	for g.query.Offset, g.query.Limit = 0, csvPage; ; {
		rows, _, last, err := g.page(ctx)
		if err != nil {
			return err
		}
		for i := range rows {
			if err := cw.Write(csvRow(d, &rows[i])...); err != nil {
				return err
			}
		}
		if len(rows) < csvPage {
			return cw.Flush()
		}
		g.query.After = last
	}
}

// csvRow is a learner's row of the CSV.
func csvRow(d *Dashboard, r *LearnerRow) []string {
	num := csvPercent
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
	row = append(row, r.Team)
	for _, w := range r.Exercises {
		points := ""
		if w.Points != nil {
			points = strconv.FormatFloat(*w.Points, 'f', -1, 64)
		}
		factor := ""
		if w.PeerFactor != nil {
			factor = csvFactor(*w.PeerFactor)
		}
		row = append(row, w.Status, points, strconv.FormatBool(w.Late), factor)
	}
	last := ""
	if r.LastActivity != nil {
		last = r.LastActivity.Format(time.RFC3339)
	}
	return append(row, last)
}
