package attempts

import (
	"context"
	"encoding/csv"
	"errors"
	"io"
	"slices"
	"strconv"

	"tandem/auth"
	"tandem/disciplines"
	"tandem/errs"
	"tandem/models"
	"tandem/quizstats"
	"tandem/quizzes"
)

// Statistics is the item analysis of one quiz over the attempts in scope. Below MinGroupSize
// attempts nothing but their number is shown, and a discipline group's figures only from that
// many of its responses, so no figure is one learner's answer.
type Statistics struct {
	Quiz     string `json:"quiz"`
	Attempts string `json:"attempts"`
	Cohort   string `json:"cohort,omitempty"`
	// AttemptCount is how many attempts are counted; Suppressed is set when they are too few
	// to show more.
	AttemptCount int                  `json:"attempt_count"`
	Suppressed   bool                 `json:"suppressed"`
	Alpha        *float64             `json:"alpha,omitempty"`
	Questions    []QuestionStatistics `json:"questions"`
}

// QuestionStatistics is one question's item analysis.
type QuestionStatistics struct {
	ID        string       `json:"id"`
	Type      quizzes.Type `json:"type"`
	Prompt    string       `json:"prompt"`
	Responses int          `json:"responses"`
	// Keyed is false for questions without a key (judgement, reflection): they get no
	// facility, discrimination or DIF screen, which would measure participation or markers
	// as if they were right answers; see keyed.
	Keyed          bool     `json:"keyed"`
	Facility       *float64 `json:"facility,omitempty"`
	Discrimination *float64 `json:"discrimination,omitempty"`
	// Marks describes a reflection question's marks, as shares of its points.
	Marks   *quizstats.Marks `json:"marks,omitempty"`
	Groups  []GroupFigures   `json:"groups"`
	Options []OptionCount    `json:"options,omitempty"`
	// DIF screens clinical against technical learners of the same standing; absent when
	// either group has fewer than quizstats.MinGroup responses.
	DIF *quizstats.DIF `json:"dif,omitempty"`
}

// GroupFigures are a question's figures among one discipline group's responses.
type GroupFigures struct {
	Group          string   `json:"group"`
	Responses      int      `json:"responses"`
	Facility       *float64 `json:"facility,omitempty"`
	Discrimination *float64 `json:"discrimination,omitempty"`
}

// OptionCount is how often an option was chosen: the distractor analysis.
type OptionCount struct {
	ID      string  `json:"id"`
	Text    string  `json:"text"`
	Correct bool    `json:"correct"`
	Chosen  int     `json:"chosen"`
	Share   float64 `json:"share"`
}

// Statistics analyses quiz's items over the scope's attempts (first, counted or all). With a
// cohort, its instructors (and admins) see its members' attempts since they joined; without,
// content authors and admins see the whole platform's.
func (s *Service) Statistics(ctx context.Context, caller auth.Caller, slug, which, cohort string) (*Statistics, error) {
	quiz, ok := s.catalog.Quiz(slug)
	if !ok {
		return nil, errs.NotFound("Quiz")
	}
	if !slices.Contains([]string{models.AttemptsFirst, models.AttemptsCounted, models.AttemptsAll}, which) {
		return nil, errs.Invalid(map[string]string{"attempts": "must be first, counted or all"})
	}
	if err := s.mayAnalyse(ctx, caller, cohort); err != nil {
		return nil, err
	}
	data, err := s.store.ItemData(ctx, models.ResponseScope{Quiz: slug, Attempts: which, Cohort: cohort,
		GradeLast: quiz.Grading == quizzes.GradeLast})
	if err != nil {
		return nil, err
	}
	out := &Statistics{Quiz: slug, Attempts: which, Cohort: cohort, AttemptCount: data.Totals.N, Questions: []QuestionStatistics{}}
	if data.Totals.N < MinGroupSize {
		out.Suppressed = true
		return out, nil
	}
	byQuestion := map[string][]models.ResponseSums{}
	for _, sum := range data.Sums {
		byQuestion[sum.QuestionID] = append(byQuestion[sum.QuestionID], sum)
	}
	choices := map[string]map[string]int{}
	for _, c := range data.Choices {
		if choices[c.QuestionID] == nil {
			choices[c.QuestionID] = map[string]int{}
		}
		choices[c.QuestionID][c.Choice] += c.N
	}
	var items []quizstats.Sums
	for i := range quiz.Questions {
		q := &quiz.Questions[i]
		sums, asked := byQuestion[q.ID]
		if !asked {
			continue
		}
		qs := questionFigures(q, sums)
		items = append(items, total(sums))
		qs.Options = optionCounts(q, quizstats.OptionCounts(choices[q.ID]), qs.Responses)
		if qs.Keyed {
			qs.DIF = quizstats.MantelHaenszel(strata(data.Strata, q.ID))
		}
		out.Questions = append(out.Questions, qs)
	}
	out.Alpha = quizstats.Alpha(items, data.Totals)
	return out, nil
}

// mayAnalyse checks who may read an item analysis: a cohort's instructors for that cohort
// (404 for anyone else, so cohorts stay undiscoverable); content authors and admins for the
// whole platform.
func (s *Service) mayAnalyse(ctx context.Context, caller auth.Caller, cohort string) error {
	if cohort == "" {
		if caller.IsAdmin() || slices.Contains(caller.Roles, auth.RoleAuthor) {
			return nil
		}
		return errs.Forbidden("Only content authors and admins may analyse a quiz across the platform; instructors analyse their cohort's.")
	}
	role, err := s.store.CohortRole(ctx, cohort, caller.ID)
	if errors.Is(err, models.ErrNotFound) {
		return errs.NotFound("Cohort")
	}
	if err != nil {
		return err
	}
	if role == "instructor" || caller.IsAdmin() {
		return nil
	}
	return errs.NotFound("Cohort")
}

func total(sums []models.ResponseSums) quizstats.Sums {
	var t quizstats.Sums
	for _, s := range sums {
		t.Add(s.Sums)
	}
	return t
}

// questionFigures are a question's overall figures and, for groups with enough responses,
// each discipline group's.
func questionFigures(q *quizzes.Question, sums []models.ResponseSums) QuestionStatistics {
	t := total(sums)
	qs := QuestionStatistics{ID: q.ID, Type: q.Type, Prompt: q.Prompt, Responses: t.N, Keyed: keyed(q.Type), Groups: []GroupFigures{}}
	if qs.Keyed {
		qs.Facility, qs.Discrimination = t.Facility(), t.Discrimination()
	} else if q.Type == quizzes.Reflection {
		qs.Marks = t.Marks()
	}
	for _, group := range disciplines.Groups() {
		for _, s := range sums {
			if s.Group != group || s.N < MinGroupSize {
				continue
			}
			g := GroupFigures{Group: group, Responses: s.N}
			if qs.Keyed {
				g.Facility, g.Discrimination = s.Facility(), s.Discrimination()
			}
			qs.Groups = append(qs.Groups, g)
		}
	}
	return qs
}

// keyed reports whether questions of type t have right answers to analyse. A judgement
// question earns participation credit for any one option, so its "facility" would count who
// answered and its discrimination who answered more; a reflection is marked against a rubric
// by people, so its marks are described (Marks) rather than read as right or wrong. Both keep
// their option counts and responses, and stay in Cronbach's alpha as the points they earned.
func keyed(t quizzes.Type) bool {
	return t != quizzes.Judgement && t != quizzes.Reflection
}

// optionCounts lists a choice question's options with how often each was chosen.
func optionCounts(q *quizzes.Question, counts map[string]int, responses int) []OptionCount {
	var out []OptionCount
	add := func(id, text string, correct bool) {
		share := 0.0
		if responses > 0 {
			share = float64(counts[id]) / float64(responses)
		}
		out = append(out, OptionCount{ID: id, Text: text, Correct: correct, Chosen: counts[id], Share: share})
	}
	switch q.Type {
	case quizzes.TrueFalse:
		add("true", "True", q.Answer != nil && *q.Answer)
		add("false", "False", q.Answer != nil && !*q.Answer)
	case quizzes.SingleChoice, quizzes.MultipleChoice, quizzes.Judgement:
		for _, o := range q.Options {
			add(o.ID, o.Text, o.Correct)
		}
	}
	return out
}

// strata gathers one question's rest-score levels, clinical as the reference group.
func strata(counts []models.StratumCount, questionID string) []quizstats.Stratum {
	byLevel := map[int]*quizstats.Stratum{}
	var levels []int
	for _, c := range counts {
		if c.QuestionID != questionID {
			continue
		}
		st, ok := byLevel[c.Level]
		if !ok {
			st = &quizstats.Stratum{}
			byLevel[c.Level] = st
			levels = append(levels, c.Level)
		}
		switch c.Group {
		case disciplines.Clinical:
			st.RefRight, st.RefWrong = st.RefRight+c.Right, st.RefWrong+c.Wrong
		case disciplines.Technical:
			st.FocalRight, st.FocalWrong = st.FocalRight+c.Right, st.FocalWrong+c.Wrong
		}
	}
	slices.Sort(levels)
	out := make([]quizstats.Stratum, len(levels))
	for i, l := range levels {
		out[i] = *byLevel[l]
	}
	return out
}

// WriteCSV writes one row per question: its figures overall, per discipline group, and the
// differential functioning screen.
func (st *Statistics) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	_ = cw.Write([]string{"question", "type", "responses", "facility", "discrimination",
		"clinical_facility", "technical_facility", "dif_class", "dif_favours", "dif_delta_mh"})
	num := func(f *float64) string {
		if f == nil {
			return ""
		}
		return strconv.FormatFloat(*f, 'f', 3, 64)
	}
	for _, q := range st.Questions {
		byGroup := map[string]string{}
		for _, g := range q.Groups {
			byGroup[g.Group] = num(g.Facility)
		}
		row := []string{q.ID, string(q.Type), strconv.Itoa(q.Responses), num(q.Facility), num(q.Discrimination),
			byGroup[disciplines.Clinical], byGroup[disciplines.Technical], "", "", ""}
		if q.DIF != nil {
			row[7], row[8], row[9] = q.DIF.Class, q.DIF.Favours, num(&q.DIF.DeltaMH)
		}
		_ = cw.Write(row)
	}
	cw.Flush()
	return cw.Error()
}
