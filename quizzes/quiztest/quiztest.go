// Package quiztest plays quizzes the way a learner who does not know the material would try to
// pass them: answering only from what an attempt shows (the ids, the order, the wording) and
// leaving numeric and text questions blank. Tests use it to show that nothing an attempt shows
// gives the key away. It is imported only by tests.
package quiztest

import (
	"cmp"
	"math"
	"math/rand/v2"
	"slices"

	"tandem/quizzes"
)

// Shown is one question of an attempt as the learner's client receives it.
type Shown struct {
	ID      string           `json:"id"`
	Type    quizzes.Type     `json:"type"`
	Options []quizzes.Choice `json:"options"`
	Items   []quizzes.Choice `json:"items"`
	Targets []quizzes.Choice `json:"targets"`
}

// Strategy answers a shown question from what it shows. Rank puts choices in the order the
// strategy prefers them: the first option is the one picked, items are ordered and matched
// in that order. Options of true/false questions carry nothing to rank (always True then
// False); every strategy guesses them, and their keys' balance is checked on its own.
type Strategy struct {
	Name string
	Rank func(c []quizzes.Choice, rng *rand.Rand) []quizzes.Choice
	// Fixed strategies (by wording) give the same answer whatever the attempt; their gain
	// over a guess is a property of the written questions, not of the presentation.
	Fixed bool
}

// Strategies are the ways of answering without knowing anything that the test suite tries.
var Strategies = []Strategy{
	{Name: "first shown", Rank: func(c []quizzes.Choice, _ *rand.Rand) []quizzes.Choice { return c }},
	{Name: "last shown", Rank: func(c []quizzes.Choice, _ *rand.Rand) []quizzes.Choice { slices.Reverse(c); return c }},
	{Name: "smallest id", Rank: sortBy(func(a, b quizzes.Choice) int { return cmp.Compare(a.ID, b.ID) })},
	{Name: "largest id", Rank: sortBy(func(a, b quizzes.Choice) int { return cmp.Compare(b.ID, a.ID) })},
	{Name: "longest text", Fixed: true, Rank: sortBy(func(a, b quizzes.Choice) int { return cmp.Compare(len(b.Text), len(a.Text)) })},
	{Name: "shortest text", Fixed: true, Rank: sortBy(func(a, b quizzes.Choice) int { return cmp.Compare(len(a.Text), len(b.Text)) })},
}

// Guess ranks choices at random: the baseline every strategy is measured against.
var Guess = Strategy{Name: "guess", Rank: func(c []quizzes.Choice, rng *rand.Rand) []quizzes.Choice {
	rng.Shuffle(len(c), func(i, j int) { c[i], c[j] = c[j], c[i] })
	return c
}}

func sortBy(f func(a, b quizzes.Choice) int) func([]quizzes.Choice, *rand.Rand) []quizzes.Choice {
	return func(c []quizzes.Choice, _ *rand.Rand) []quizzes.Choice {
		slices.SortStableFunc(c, f)
		return c
	}
}

// Answer is s's answer to q, in the ids q shows; ok is false for a question left blank.
func (s Strategy) Answer(q Shown, rng *rand.Rand) (a quizzes.Answer, ok bool) {
	a.QuestionID = q.ID
	ranked := func(c []quizzes.Choice) []quizzes.Choice { return s.Rank(slices.Clone(c), rng) }
	switch q.Type {
	case quizzes.TrueFalse:
		a.ChoiceIDs = []string{q.Options[rng.IntN(len(q.Options))].ID}
	case quizzes.SingleChoice, quizzes.Judgement:
		a.ChoiceIDs = []string{ranked(q.Options)[0].ID}
	case quizzes.MultipleChoice:
		for _, c := range ranked(q.Options)[:(len(q.Options)+1)/2] {
			a.ChoiceIDs = append(a.ChoiceIDs, c.ID)
		}
	case quizzes.Ordering:
		for _, c := range ranked(q.Items) {
			a.Order = append(a.Order, c.ID)
		}
	case quizzes.Matching:
		items, targets := ranked(q.Items), ranked(q.Targets)
		a.Pairs = map[string]string{}
		for i, it := range items {
			a.Pairs[it.ID] = targets[i%len(targets)].ID
		}
	default:
		return a, false
	}
	return a, true
}

// Answers are s's answers to every question shown.
func (s Strategy) Answers(shown []Shown, rng *rand.Rand) []quizzes.Answer {
	var out []quizzes.Answer
	for _, q := range shown {
		if a, ok := s.Answer(q, rng); ok {
			out = append(out, a)
		}
	}
	return out
}

// Tally collects the percent a strategy and a guess scored on the same attempts.
type Tally struct {
	Percent, Guess      []float64
	Passed, GuessPassed int
}

// Add records one attempt played both ways against a pass mark.
func (t *Tally) Add(percent, guess float64, pass int) {
	t.Percent, t.Guess = append(t.Percent, percent), append(t.Guess, guess)
	if percent >= float64(pass) {
		t.Passed++
	}
	if guess >= float64(pass) {
		t.GuessPassed++
	}
}

// Gain is the strategy's mean lead over the guess, in percentage points, with its standard
// error over the attempts.
func (t *Tally) Gain() (mean, se float64) {
	n := float64(len(t.Percent))
	if n < 2 {
		return 0, math.Inf(1)
	}
	var sum, sq float64
	for i := range t.Percent {
		sum += t.Percent[i] - t.Guess[i]
	}
	mean = sum / n
	for i := range t.Percent {
		d := t.Percent[i] - t.Guess[i] - mean
		sq += d * d
	}
	return mean, math.Sqrt(sq / (n - 1) / n)
}

// BeatsGuessing reports whether the strategy did better than guessing by more than noise
// explains: a mean lead beyond four standard errors plus slack points, or more passes than
// guessing beyond four times the passes' own noise.
func (t *Tally) BeatsGuessing(slack float64) bool {
	mean, se := t.Gain()
	more := float64(t.Passed - t.GuessPassed)
	return mean > 4*se+slack || more > 4*math.Sqrt(float64(t.Passed+t.GuessPassed)+1)+1
}

// Play draws attempt seed of quiz as Tandem does, hides its ids with a fresh key unless
// authored is set (to show what a leak looks like), answers it with s and returns the
// percent earned.
func Play(quiz *quizzes.Quiz, seed int64, s Strategy, rng *rand.Rand, authored bool) float64 {
	presented := quizzes.Present(quiz, seed)
	qs := make([]*quizzes.Question, len(presented))
	for i, p := range presented {
		qs[i], _ = quiz.Question(p.ID)
	}
	mask := quizzes.NewMask(binaryKey(rng))
	if !authored {
		mask.Apply(presented, qs)
	}
	shown := make([]Shown, len(presented))
	for i, p := range presented {
		shown[i] = Shown{ID: p.ID, Type: p.Type, Options: p.Options, Items: p.Items, Targets: p.Targets}
	}
	answers := s.Answers(shown, rng)
	if !authored {
		var err error
		if answers, err = mask.Reveal(qs, answers); err != nil {
			panic("quiztest: " + err.Error())
		}
	}
	graded, err := quizzes.GradeAttempt(qs, answers)
	if err != nil {
		panic("quiztest: " + err.Error())
	}
	return graded.Percent
}

func binaryKey(rng *rand.Rand) []byte {
	key := make([]byte, 32)
	for i := range key {
		key[i] = byte(rng.Uint32())
	}
	return key
}

// Tour plays quiz n times with s and with a guess, on the same attempts, and tallies both.
func Tour(quiz *quizzes.Quiz, n int, s Strategy, authored bool) *Tally {
	t := &Tally{}
	for seed := range int64(n) {
		rng := rand.New(rand.NewPCG(uint64(seed), 1))
		t.Add(Play(quiz, seed, s, rng, authored), Play(quiz, seed, Guess, rng, authored), quiz.PassPercent)
	}
	return t
}
