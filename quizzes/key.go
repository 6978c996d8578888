package quizzes

import "strconv"

// Key is the right answer to a question, shaped like an Answer, for learners to review once
// the quiz's review settings allow: the correct options, the value with its tolerance and
// accepted ranges, the accepted texts, the right order, or each item's target.
type Key struct {
	ChoiceIDs []string          `json:"choice_ids,omitempty"`
	Value     *float64          `json:"value,omitempty"`
	Tolerance float64           `json:"tolerance,omitempty"`
	Ranges    []NumberRange     `json:"ranges,omitempty"`
	Accepted  []string          `json:"accepted,omitempty"`
	Order     []string          `json:"order,omitempty"`
	Pairs     map[string]string `json:"pairs,omitempty"`
}

// KeyOf returns the right answer to q in authored ids; nil for a judgement question, which
// has none.
func KeyOf(q *Question) *Key {
	k := &Key{}
	switch q.Type {
	case SingleChoice, MultipleChoice:
		for _, o := range q.Options {
			if o.Correct {
				k.ChoiceIDs = append(k.ChoiceIDs, o.ID)
			}
		}
	case TrueFalse:
		if q.Answer != nil {
			k.ChoiceIDs = []string{strconv.FormatBool(*q.Answer)}
		}
	case Numeric:
		k.Value, k.Tolerance, k.Ranges = q.Value, q.Tolerance, q.Ranges
	case ShortText:
		k.Accepted = q.Accepted
	case Ordering:
		k.Order = itemIDs(q)
	case Matching:
		k.Pairs = map[string]string{}
		for _, it := range q.Items {
			k.Pairs[it.ID] = it.Match
		}
	default:
		return nil
	}
	return k
}

// HideKey returns k, the key of q, in masked ids.
func (m Mask) HideKey(q *Question, k *Key) *Key {
	if k == nil {
		return nil
	}
	a := m.Hide(q, Answer{ChoiceIDs: k.ChoiceIDs, Order: k.Order, Pairs: k.Pairs})
	out := *k
	out.ChoiceIDs, out.Order, out.Pairs = a.ChoiceIDs, a.Order, a.Pairs
	return &out
}
