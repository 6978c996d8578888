package quizzes

import (
	"hash/fnv"
	"math/rand/v2"
	"slices"
	"sort"
)

// Presented is a question as a learner sees it during an attempt: its choices in shuffled
// order and nothing that gives the answer away (no correct flags, weights, matches,
// explanations or tradeoffs).
type Presented struct {
	ID   string `json:"id"`
	Type Type   `json:"type"`
	// Prompt is the Markdown as authored; the server sends rendered HTML instead.
	Prompt  string   `json:"-"`
	Options []Choice `json:"options,omitempty"`
	Items   []Choice `json:"items,omitempty"`
	Targets []Choice `json:"targets,omitempty"`
}

// Choice is an option, item or target shown to a learner: an id to answer with and its text.
type Choice struct {
	ID   string `json:"id"`
	Text string `json:"text"`
}

// trueFalseChoices are the options of every true_false question, answered with choice_ids.
func trueFalseChoices() []Choice {
	return []Choice{{ID: "true", Text: "True"}, {ID: "false", Text: "False"}}
}

// seedStream is the PCG stream for attempts; changing it would reshuffle every stored attempt.
const seedStream = 0x74616e64656d // "tandem"

// Present draws an attempt's questions and shuffles them, reproducibly for a given seed and
// quiz: every question without a pool, plus pools[name] questions drawn from each pool, in
// shuffled order, each with its options, items and targets shuffled. A question naming an
// undeclared pool is always asked, and a pool drawing more than it holds gives all it holds.
// true_false questions always present True then False. The ids are still the authored ones:
// a Mask replaces them before anything reaches a learner.
func Present(q *Quiz, seed int64) []Presented {
	rng := rand.New(rand.NewPCG(uint64(seed), seedStream))
	byPool := map[string][]*Question{}
	var drawn []*Question
	for i := range q.Questions {
		qu := &q.Questions[i]
		if _, ok := q.Pools[qu.Pool]; ok && qu.Pool != "" {
			byPool[qu.Pool] = append(byPool[qu.Pool], qu)
		} else {
			drawn = append(drawn, qu)
		}
	}
	names := make([]string, 0, len(byPool))
	for name := range byPool {
		names = append(names, name)
	}
	sort.Strings(names) // map order is random; the draw must not be
	for _, name := range names {
		pool := byPool[name]
		rng.Shuffle(len(pool), func(i, j int) { pool[i], pool[j] = pool[j], pool[i] })
		n := min(max(q.Pools[name], 0), len(pool))
		drawn = append(drawn, pool[:n]...)
	}
	rng.Shuffle(len(drawn), func(i, j int) { drawn[i], drawn[j] = drawn[j], drawn[i] })
	out := make([]Presented, len(drawn))
	for i, qu := range drawn {
		out[i] = present(qu, questionRand(seed, qu.ID))
	}
	return out
}

// questionRand is the generator that shuffles one question's choices: its own stream, so a
// question is presented the same way whatever else the quiz holds.
func questionRand(seed int64, questionID string) *rand.Rand {
	h := fnv.New64a()
	h.Write([]byte(questionID))
	return rand.New(rand.NewPCG(uint64(seed), seedStream^h.Sum64()))
}

// present converts one question, shuffling its choices with rng. Options pinned last follow
// the shuffled ones; ordering items never appear in their right order.
func present(qu *Question, rng *rand.Rand) Presented {
	p := Presented{ID: qu.ID, Type: qu.Type, Prompt: qu.Prompt}
	switch qu.Type {
	case TrueFalse:
		p.Options = trueFalseChoices()
	case SingleChoice, MultipleChoice, Judgement:
		var pinned []Choice
		for _, o := range qu.Options {
			if o.Pin == PinLast {
				pinned = append(pinned, Choice{ID: o.ID, Text: o.Text})
				continue
			}
			p.Options = append(p.Options, Choice{ID: o.ID, Text: o.Text})
		}
		shuffle(rng, p.Options)
		p.Options = append(p.Options, pinned...)
	case Ordering:
		p.Items = itemChoices(qu)
		for len(p.Items) > 1 && inAuthoredOrder(p.Items, qu.Items) {
			shuffle(rng, p.Items)
		}
	case Matching:
		p.Items = itemChoices(qu)
		shuffle(rng, p.Items)
		for _, t := range qu.Targets {
			p.Targets = append(p.Targets, Choice{ID: t.ID, Text: t.Text})
		}
		shuffle(rng, p.Targets)
	}
	return p
}

func itemChoices(qu *Question) []Choice {
	out := make([]Choice, len(qu.Items))
	for i, it := range qu.Items {
		out[i] = Choice{ID: it.ID, Text: it.Text}
	}
	return out
}

// inAuthoredOrder reports whether c lists items in the order they are written (for an
// ordering question, the right order).
func inAuthoredOrder(c []Choice, items []Item) bool {
	return slices.EqualFunc(c, items, func(c Choice, it Item) bool { return c.ID == it.ID })
}

func shuffle(rng *rand.Rand, c []Choice) {
	rng.Shuffle(len(c), func(i, j int) { c[i], c[j] = c[j], c[i] })
}

// Question returns the question with the given id.
func (q *Quiz) Question(id string) (*Question, bool) {
	for i := range q.Questions {
		if q.Questions[i].ID == id {
			return &q.Questions[i], true
		}
	}
	return nil, false
}
