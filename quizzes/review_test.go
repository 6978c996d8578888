package quizzes

import (
	"slices"
	"strings"
	"testing"
	"time"

	"gopkg.in/yaml.v3"
)

func reviewOf(t *testing.T, src string) Quiz {
	t.Helper()
	var q Quiz
	if err := yaml.Unmarshal([]byte(src), &q); err != nil {
		t.Fatal(err)
	}
	q.Normalize()
	return q
}

func TestReviewDefaultsFollowTheFeedbackSetting(t *testing.T) {
	for src, want := range map[string]Review{
		"max_attempts: 3":                             {AfterAttempt, AfterAttempt, AfterAttempt, AfterAttempt, ""},
		"feedback: after_deadline":                    {AfterTimeLimit, AfterTimeLimit, AfterTimeLimit, AfterAttempt, ""},
		"feedback: never":                             {Never, Never, Never, AfterAttempt, ""},
		"max_attempts: 2\nreview: after_last_attempt": {AfterLastAttempt, AfterLastAttempt, AfterLastAttempt, AfterAttempt, ""},
		"review: {right_answer: never, explanations: never, score: after_date, date: 2027-01-31}": {
			AfterAttempt, Never, Never, AfterDate, "2027-01-31"},
	} {
		if got := reviewOf(t, src).Review; got != want {
			t.Errorf("%q: review %+v, want %+v", src, got, want)
		}
	}
}

func TestReviewProblems(t *testing.T) {
	base := "slug: s\ntitle: T\npass_percent: 50\nquestions: [{id: q, type: true_false, prompt: Is it, answer: true}]\n"
	for src, want := range map[string]string{
		"max_attempts: 0\nreview: after_last_attempt":                                                                          "would never show",
		"max_attempts: 2\nreview: {score: after_time_limit}":                                                                   "score cannot be after_time_limit",
		"max_attempts: 2\nreview: {correctness: sometimes}":                                                                    `not "sometimes"`,
		"max_attempts: 2\nreview: {score: after_date}":                                                                         "needs a date",
		"max_attempts: 2\nreview: {score: after_date, date: tomorrow}":                                                         `"tomorrow" is not a date`,
		"max_attempts: 2\nreview: {right_answer: never, explanations: after_attempt}":                                          "explanations show before the right answer",
		"max_attempts: 2\nreview: {correctness: never, right_answer: after_attempt}":                                           "right answer shows before correctness",
		"max_attempts: 2\nreview: {correctness: after_last_attempt, explanations: after_attempt, right_answer: after_attempt}": "before correctness",
	} {
		q := reviewOf(t, base+src)
		problems := q.Validate()
		if !slices.ContainsFunc(problems, func(p string) bool { return strings.Contains(p, want) }) {
			t.Errorf("%q: problems %v, want one saying %q", src, problems, want)
		}
	}
	if q := reviewOf(t, base+"max_attempts: 2\nreview: after_last_attempt"); len(q.Validate()) != 0 {
		t.Errorf("a certificate exam's review: %v", q.Validate())
	}
}

func TestReviewShown(t *testing.T) {
	now := time.Date(2027, 1, 15, 12, 0, 0, 0, time.UTC)
	later := now.Add(time.Hour)
	r := Review{Date: "2027-01-31"}
	for _, tc := range []struct {
		when When
		m    Moment
		want bool
	}{
		{AfterAttempt, Moment{Now: now, AttemptsLeft: true}, true},
		{AfterTimeLimit, Moment{Now: now}, true},
		{AfterTimeLimit, Moment{Now: now, Deadline: &later}, false},
		{AfterLastAttempt, Moment{Now: now, AttemptsLeft: true}, false},
		{AfterLastAttempt, Moment{Now: now}, true},
		{AfterDate, Moment{Now: now}, false},
		{AfterDate, Moment{Now: time.Date(2027, 1, 31, 0, 0, 0, 0, time.UTC)}, true},
		{Never, Moment{Now: now}, false},
	} {
		if got := r.Shown(tc.when, tc.m); got != tc.want {
			t.Errorf("%s at %+v: %v, want %v", tc.when, tc.m, got, tc.want)
		}
	}
}
