package quiztest

import (
	"fmt"
	"strings"
	"testing"

	"tandem/quizzes"
)

// quizOf builds a quiz of ten single-choice questions, an ordering and a matching question,
// the way a careless author writes them: the right option is "a", items are written in
// their right order and item iN matches target tN. When long is set the right option is
// also the longest; otherwise every option has the same length.
func quizOf(long bool) *quizzes.Quiz {
	q := &quizzes.Quiz{Slug: "leaky", PassPercent: 70, MaxAttempts: 3}
	for i := range 10 {
		qu := quizzes.Question{ID: fmt.Sprintf("q%d", i), Type: quizzes.SingleChoice, Points: 1}
		for j, id := range []string{"a", "b", "c", "d"} {
			text := fmt.Sprintf("option %d of question %d", j, i)
			if long && j == 0 {
				text += " with the careful qualification a right answer often has"
			}
			qu.Options = append(qu.Options, quizzes.Option{ID: id, Text: text, Correct: j == 0})
		}
		q.Questions = append(q.Questions, qu)
	}
	order := quizzes.Question{ID: "order", Type: quizzes.Ordering, Points: 1}
	match := quizzes.Question{ID: "match", Type: quizzes.Matching, Points: 1}
	for i := range 4 {
		order.Items = append(order.Items, quizzes.Item{ID: fmt.Sprintf("i%d", i), Text: strings.Repeat("x", 5) + fmt.Sprint(i)})
		match.Items = append(match.Items, quizzes.Item{ID: fmt.Sprintf("i%d", i), Text: fmt.Sprintf("item %d", i), Match: fmt.Sprintf("t%d", i)})
		match.Targets = append(match.Targets, quizzes.Target{ID: fmt.Sprintf("t%d", i), Text: fmt.Sprintf("target %d", i)})
	}
	q.Questions = append(q.Questions, order, match)
	return q
}

func strategy(t *testing.T, name string) Strategy {
	for _, s := range Strategies {
		if s.Name == name {
			return s
		}
	}
	t.Fatalf("no strategy %q", name)
	return Strategy{}
}

// The harness must find a leak where there is one, or its silence about Tandem's quizzes
// would mean nothing.
func TestTheAttackerFindsLeaks(t *testing.T) {
	if tally := Tour(quizOf(false), 200, strategy(t, "smallest id"), true); !tally.BeatsGuessing(1) || tally.Passed == 0 {
		mean, se := tally.Gain()
		t.Errorf("authored ids carry the key, yet answering by the smallest id gained %.1f±%.1f points and passed %d times", mean, se, tally.Passed)
	}
	if tally := Tour(quizOf(true), 200, strategy(t, "longest text"), false); !tally.BeatsGuessing(1) {
		mean, se := tally.Gain()
		t.Errorf("the right option is always the longest, yet answering by length gained only %.1f±%.1f points", mean, se)
	}
}

// With the ids hidden and no clue in the wording, no strategy does better than guessing.
func TestHiddenIDsLeaveOnlyGuessing(t *testing.T) {
	for _, s := range Strategies {
		tally := Tour(quizOf(false), 400, s, false)
		if mean, se := tally.Gain(); tally.BeatsGuessing(1) {
			t.Errorf("%s: gained %.1f±%.1f points over guessing, passed %d times (guessing %d)", s.Name, mean, se, tally.Passed, tally.GuessPassed)
		}
	}
}
