package quizzes

import (
	"time"

	"gopkg.in/yaml.v3"
)

// When says from what moment learners see one part of a submitted attempt.
type When string

// The moments a part of an attempt's review can be shown from.
const (
	// AfterAttempt: as soon as the attempt is submitted.
	AfterAttempt When = "after_attempt"
	// AfterTimeLimit: once the attempt's own time limit has passed; at once without one.
	AfterTimeLimit When = "after_time_limit"
	// AfterLastAttempt: once the learner has used every attempt the quiz allows (never on a
	// quiz with unlimited attempts, unless by date).
	AfterLastAttempt When = "after_last_attempt"
	// AfterDate: from the quiz's review date.
	AfterDate When = "after_date"
	// Never: not to learners.
	Never When = "never"
)

var whens = []When{AfterAttempt, AfterTimeLimit, AfterLastAttempt, AfterDate, Never}

// Review says what learners see of a submitted attempt, and from when: whether each answer was
// right (with each question's points), the right answers, the explanations, and the score.
// Whether the attempt passed is always shown: progress and certificates depend on it.
// In quiz.yaml it is either one When for the first three (the score then shows at once), or a
// map of the four with an optional date.
type Review struct {
	Correctness  When `yaml:"correctness,omitempty" json:"correctness"`
	RightAnswer  When `yaml:"right_answer,omitempty" json:"right_answer"`
	Explanations When `yaml:"explanations,omitempty" json:"explanations"`
	Score        When `yaml:"score,omitempty" json:"score"`
	// Date is when AfterDate parts show, as written (a date or an RFC 3339 time, UTC).
	Date string `yaml:"date,omitempty" json:"date,omitempty"`
}

// UnmarshalYAML reads the one-word form (`review: after_last_attempt`) or the map.
func (r *Review) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode {
		w := When(n.Value)
		*r = Review{Correctness: w, RightAnswer: w, Explanations: w}
		return nil
	}
	var m struct {
		Correctness  When   `yaml:"correctness"`
		RightAnswer  When   `yaml:"right_answer"`
		Explanations When   `yaml:"explanations"`
		Score        When   `yaml:"score"`
		Date         string `yaml:"date"`
	}
	if err := n.Decode(&m); err != nil {
		return err
	}
	*r = Review(m)
	return nil
}

// parts lists the review's parts with their names in quiz.yaml, for checking and messages.
func (r *Review) parts() []struct {
	name string
	when *When
} {
	return []struct {
		name string
		when *When
	}{{"correctness", &r.Correctness}, {"right_answer", &r.RightAnswer}, {"explanations", &r.Explanations}, {"score", &r.Score}}
}

// normalize fills what the author left out: the legacy feedback setting decides the first
// three parts, and the score shows after each attempt.
func (r *Review) normalize(legacy Feedback) {
	fallback := AfterAttempt
	switch legacy {
	case FeedbackAfterDeadline:
		fallback = AfterTimeLimit
	case FeedbackNever:
		fallback = Never
	}
	for _, p := range r.parts()[:3] {
		if *p.when == "" {
			*p.when = fallback
		}
	}
	if r.Score == "" {
		r.Score = AfterAttempt
	}
}

// DateTime parses Date: "2027-01-31" means the start of that day in UTC.
func (r *Review) DateTime() (time.Time, error) {
	if t, err := time.Parse(time.RFC3339, r.Date); err == nil {
		return t.UTC(), nil
	}
	return time.Parse(time.DateOnly, r.Date)
}

// problems checks the review settings against the quiz's other settings.
func (r *Review) problems(q *Quiz) []string {
	var p problems
	usesDate := false
	for _, part := range r.parts() {
		switch w := *part.when; {
		case w == "":
		case !validWhen(w):
			p.add("review: %s must be one of %v, not %q", part.name, whens, w)
		case w == AfterDate:
			usesDate = true
		case w == AfterLastAttempt && q.MaxAttempts == 0:
			p.add("review: %s is after_last_attempt, but the quiz allows unlimited attempts, so it would never show", part.name)
		}
	}
	if r.Score == AfterTimeLimit {
		p.add("review: score cannot be after_time_limit: progress shows the best score of all attempts, which have no one time limit")
	}
	switch {
	case usesDate && r.Date == "":
		p.add("review: after_date needs a date (2027-01-31 or an RFC 3339 time)")
	case r.Date != "":
		if _, err := r.DateTime(); err != nil {
			p.add("review: date %q is not a date (2027-01-31) or an RFC 3339 time", r.Date)
		}
	}
	// Each part gives the ones before it away: the right answer beside one's own answer says
	// whether it was right, and explanations usually say both.
	for _, pair := range []struct {
		first, then When
		what        string
	}{
		{r.RightAnswer, r.Correctness, "the right answer shows before correctness"},
		{r.Explanations, r.Correctness, "explanations show before correctness"},
		{r.Explanations, r.RightAnswer, "explanations show before the right answer"},
	} {
		if earlier(pair.first, pair.then) {
			p.add("review: %s (%s before %s), which gives it away", pair.what, pair.first, pair.then)
		}
	}
	return p
}

func validWhen(w When) bool {
	for _, x := range whens {
		if w == x {
			return true
		}
	}
	return false
}

// earlier reports whether a certainly shows before b does; a date is compared with nothing.
func earlier(a, b When) bool {
	rank := map[When]int{AfterAttempt: 0, AfterTimeLimit: 1, AfterLastAttempt: 2, Never: 3}
	ra, okA := rank[a]
	rb, okB := rank[b]
	return okA && okB && ra < rb
}

// Moment is what decides, for one learner and attempt, which review parts show now.
type Moment struct {
	Now time.Time
	// Deadline is the attempt's time limit, if it has one.
	Deadline *time.Time
	// AttemptsLeft is true while the learner may still start or finish an attempt.
	AttemptsLeft bool
}

// Shown reports whether a part set to w shows at moment m.
func (r *Review) Shown(w When, m Moment) bool {
	switch w {
	case AfterAttempt:
		return true
	case AfterTimeLimit:
		return m.Deadline == nil || !m.Now.Before(*m.Deadline)
	case AfterLastAttempt:
		return !m.AttemptsLeft
	case AfterDate:
		at, err := r.DateTime()
		return err == nil && !m.Now.Before(at)
	}
	return false
}
