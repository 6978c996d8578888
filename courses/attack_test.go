package courses_test

import (
	"math"
	"testing"

	"tandem/courses"
	"tandem/quizzes"
	"tandem/quizzes/quiztest"
)

func shipped(t *testing.T) *courses.Catalog {
	t.Helper()
	c, err := courses.Load(courses.Embedded())
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// wordingSlack is how far, in percentage points, answering every question of one quiz by the
// wording of its options (always the longest, always the shortest) may lead guessing before
// it counts as a leak. A fixed strategy scores the same on every attempt, so a handful of
// questions whose right answer happens to be the longest moves it by several points; the
// catalogue-wide tests below hold the authors to chance across all questions.
const wordingSlack = 12

// A learner who answers only from what an attempt shows, by position, by id or by wording,
// and leaves numbers and text blank, does no better than one who guesses, in any shipped quiz.
func TestNoShippedQuizRewardsAnsweringBlind(t *testing.T) {
	for _, quiz := range shipped(t).Quizzes() {
		t.Run(quiz.Slug, func(t *testing.T) {
			t.Parallel()
			for _, s := range quiztest.Strategies {
				blind(t, quiz, s)
			}
		})
	}
}

func blind(t *testing.T, quiz *courses.Quiz, s quiztest.Strategy) {
	const attempts = 200
	tally := quiztest.Tour(&quiz.Quiz, attempts, s, false)
	slack := 1.0
	if s.Fixed {
		slack = wordingSlack
	}
	if tally.BeatsGuessing(slack) {
		mean, se := tally.Gain()
		t.Errorf("%s: %.1f±%.1f points above guessing; passed %d of %d attempts (guessing %d)",
			s.Name, mean, se, tally.Passed, attempts, tally.GuessPassed)
	}
}

// Across the catalogue the right single answer is the longest (or the shortest) option no
// more often than chance would make it: authors tend to qualify the right answer until it is
// the longest, and learners learn to pick it.
func TestRightOptionsAreNotSingledOutByLength(t *testing.T) {
	for _, longest := range []bool{true, false} {
		var observed, expected, variance float64
		var n int
		for _, quiz := range shipped(t).Quizzes() {
			for _, q := range quiz.Questions {
				if q.Type != quizzes.SingleChoice {
					continue
				}
				p := 1 / float64(len(q.Options))
				n++
				expected += p
				variance += p * (1 - p)
				if extreme(q.Options, longest) {
					observed++
				}
			}
		}
		if limit := expected + 2*math.Sqrt(variance); observed > limit {
			t.Errorf("longest=%v: the right option stands out by length in %.0f of %d single-choice questions; chance gives %.1f, allowed up to %.1f",
				longest, observed, n, expected, limit)
		}
	}
}

// extreme reports whether the only right option is strictly the longest (or shortest).
func extreme(opts []quizzes.Option, longest bool) bool {
	right := -1
	for i, o := range opts {
		if o.Correct {
			if right >= 0 {
				return false
			}
			right = i
		}
	}
	if right < 0 {
		return false
	}
	for i, o := range opts {
		if i == right {
			continue
		}
		if d := len(opts[right].Text) - len(o.Text); (longest && d <= 0) || (!longest && d >= 0) {
			return false
		}
	}
	return true
}

// True/false keys are balanced, so "always false" is no better than guessing.
func TestTrueFalseKeysAreBalanced(t *testing.T) {
	var yes, all float64
	for _, quiz := range shipped(t).Quizzes() {
		for _, q := range quiz.Questions {
			if q.Type == quizzes.TrueFalse && q.Answer != nil {
				all++
				if *q.Answer {
					yes++
				}
			}
		}
	}
	if share := yes / all; share < 0.35 || share > 0.65 {
		t.Errorf("%.0f of %.0f true/false questions are true (%.0f%%); keep the share between 35%% and 65%%", yes, all, 100*share)
	}
}
