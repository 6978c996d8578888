package quizzes

import (
	"fmt"
	"math"
	"strings"
)

// optionProblems checks the options of single_choice, multiple_choice and judgement questions.
func (qu *Question) optionProblems() []string {
	var p problems
	if len(qu.Options) < 2 {
		p.add("%s needs at least 2 options", qu.Type)
	}
	ids, texts := map[string]bool{}, map[string]bool{}
	correct := 0
	for i, o := range qu.Options {
		label := label("option", i, o.ID)
		if strings.TrimSpace(o.ID) == "" {
			p.add("%s needs an id", label)
		} else {
			if ids[o.ID] {
				p.add("option id %s is used more than once", o.ID)
			}
			ids[o.ID] = true
		}
		text := strings.TrimSpace(o.Text)
		if text == "" {
			p.add("%s needs a text", label)
		} else if texts[text] {
			p.add("%s repeats the text of another option", label)
		}
		texts[text] = true
		if o.Correct {
			correct++
		}
		switch {
		case qu.Type == Judgement && o.Correct:
			p.add("%s: judgement options have no correct answer; remove correct", label)
		case qu.Type == Judgement && strings.TrimSpace(o.Tradeoffs) == "":
			p.add("%s: judgement options need tradeoffs", label)
		}
		if o.Pin != "" && o.Pin != PinLast {
			p.add("%s: pin must be %q, not %q", label, PinLast, o.Pin)
		}
		if o.Weight == nil {
			continue
		}
		p = append(p, weightProblems(qu.Type, o, label)...)
	}
	switch qu.Type {
	case SingleChoice:
		if correct != 1 {
			p.add("single_choice needs exactly one correct option, not %d", correct)
		}
	case MultipleChoice:
		if correct == 0 {
			p.add("multiple_choice needs at least one correct option")
		} else if sum := fullMarksShare(qu.Options); sum < 0.99 {
			p.add("the weights of the correct options add up to %.0f%%, so full marks are out of reach", sum*100)
		}
	}
	return p
}

// weightProblems checks an option's weight: on multiple_choice its share of the points (-1..1),
// on single_choice the partial credit a wrong option earns (0..1, below the right option's 1).
func weightProblems(t Type, o Option, label string) []string {
	var p problems
	w := *o.Weight
	switch {
	case t != MultipleChoice && t != SingleChoice:
		p.add("%s: weight only applies to single_choice and multiple_choice", label)
	case math.IsNaN(w) || w < -1 || w > 1:
		p.add("%s: weight must be between -1 and 1", label)
	case t == SingleChoice && o.Correct && w != 1:
		p.add("%s: the correct option of a single_choice question earns full points; remove its weight", label)
	case t == SingleChoice && !o.Correct && (w < 0 || w >= 1):
		p.add("%s: on single_choice, weight is the partial credit of a wrong option: 0 or more and below 1", label)
	case t == MultipleChoice && o.Correct && w <= 0:
		p.add("%s: a correct option needs a positive weight", label)
	case t == MultipleChoice && !o.Correct && w > 0:
		p.add("%s: a positive weight needs correct: true", label)
	}
	return p
}

// fullMarksShare is the share of points that picking every correct option earns.
func fullMarksShare(opts []Option) float64 {
	sum := 0.0
	for _, o := range opts {
		if w := optionWeight(opts, o); w > 0 {
			sum += w
		}
	}
	return sum
}

// numericProblems checks the value, tolerance and ranges of a numeric question.
func (qu *Question) numericProblems() []string {
	var p problems
	if qu.Value == nil && len(qu.Ranges) == 0 {
		p.add("numeric needs a value or at least one range")
	}
	if qu.Value != nil && !finite(*qu.Value) {
		p.add("value must be a finite number")
	}
	if !finite(qu.Tolerance) || qu.Tolerance < 0 {
		p.add("tolerance must be 0 or more")
	}
	for i, r := range qu.Ranges {
		switch {
		case !finite(r.Min) || !finite(r.Max):
			p.add("range %d must have finite min and max", i+1)
		case r.Min > r.Max:
			p.add("range %d has min %g above max %g", i+1, r.Min, r.Max)
		}
		if !finite(r.Percent) || r.Percent < 0 || r.Percent > 100 {
			p.add("range %d: percent must be between 0 and 100 (0 or absent means 100)", i+1)
		}
	}
	return p
}

// label names the i-th option, item or target by its id, or by its position if it has none.
func label(kind string, i int, id string) string {
	if strings.TrimSpace(id) == "" {
		return fmt.Sprintf("%s %d", kind, i+1)
	}
	return kind + " " + id
}

func finite(f float64) bool { return !math.IsNaN(f) && !math.IsInf(f, 0) }

// itemProblems checks that items have unique ids and a text; match says whether they are
// matching items, which must name a target, rather than ordering items, which must not.
func itemProblems(items []Item, match bool) []string {
	var p problems
	ids := map[string]bool{}
	for i, it := range items {
		label := label("item", i, it.ID)
		if strings.TrimSpace(it.ID) == "" {
			p.add("%s needs an id", label)
		} else {
			if ids[it.ID] {
				p.add("item id %s is used more than once", it.ID)
			}
			ids[it.ID] = true
		}
		if strings.TrimSpace(it.Text) == "" {
			p.add("%s needs a text", label)
		}
		if !match && it.Match != "" {
			p.add("%s: ordering items do not use match", label)
		}
	}
	return p
}

// matchingProblems checks the items and targets of a matching question.
func (qu *Question) matchingProblems() []string {
	var p problems
	if len(qu.Items) < 2 {
		p.add("matching needs at least 2 items")
	}
	p = append(p, itemProblems(qu.Items, true)...)
	targets := map[string]bool{}
	for i, t := range qu.Targets {
		switch {
		case strings.TrimSpace(t.ID) == "":
			p.add("target %d needs an id", i+1)
		case targets[t.ID]:
			p.add("target id %s is used more than once", t.ID)
		}
		targets[t.ID] = true
		if strings.TrimSpace(t.Text) == "" {
			p.add("%s needs a text", label("target", i, t.ID))
		}
	}
	for i, it := range qu.Items {
		switch {
		case it.Match == "":
			p.add("%s needs a match naming its target", label("item", i, it.ID))
		case !targets[it.Match] || strings.TrimSpace(it.Match) == "":
			p.add("%s matches %q, which is not a target", label("item", i, it.ID), it.Match)
		}
	}
	return p
}
