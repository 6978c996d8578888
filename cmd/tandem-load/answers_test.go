package main

import (
	"encoding/json"
	"math/rand/v2"
	"slices"
	"testing"
)

// attemptJSON is an attempt as the server sends it, one question of every type.
const attemptJSON = `{"id":"a1","quiz":"q","questions":[
 {"id":"q.single","type":"single_choice","prompt_html":"<p>Which?</p>","options":[{"id":"ppv","text":"PPV"},{"id":"sens","text":"Sensitivity"}]},
 {"id":"q.multi","type":"multiple_choice","prompt_html":"<p>Which?</p>","options":[{"id":"a","text":"A"},{"id":"b","text":"B"},{"id":"c","text":"C"}]},
 {"id":"q.tf","type":"true_false","prompt_html":"<p>True?</p>","options":[{"id":"true","text":"True"},{"id":"false","text":"False"}]},
 {"id":"q.num","type":"numeric","prompt_html":"<p>PPV in percent?</p>"},
 {"id":"q.short","type":"short_text","prompt_html":"<p>Name the <strong>curve</strong> &amp; its axes.</p>"},
 {"id":"q.order","type":"ordering","prompt_html":"<p>Order</p>","items":[{"id":"dev","text":"D"},{"id":"int","text":"I"},{"id":"ext","text":"E"}]},
 {"id":"q.match","type":"matching","prompt_html":"<p>Match</p>","items":[{"id":"sens","text":"S"},{"id":"ppv","text":"P"}],"targets":[{"id":"sick","text":"s"},{"id":"alarm","text":"a"},{"id":"none","text":"n"}]},
 {"id":"q.judge","type":"judgement","prompt_html":"<p>Deploy?</p>","options":[{"id":"deploy","text":"D"},{"id":"wait","text":"W"}]},
 {"id":"q.future","type":"hotspot","prompt_html":"<p>?</p>"}]}`

func ids(cs []Choice) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.ID
	}
	return out
}

func TestAnswersFitEveryQuestionType(t *testing.T) {
	var v AttemptView
	if err := json.Unmarshal([]byte(attemptJSON), &v); err != nil {
		t.Fatal(err)
	}
	byID := map[string]QuestionView{}
	for _, q := range v.Questions {
		byID[q.ID] = q
	}
	for seed := range uint64(200) {
		answers := Answers(v.Questions, rand.New(rand.NewPCG(seed, 1)), 0)
		if len(answers) != 8 {
			t.Fatalf("seed %d: %d answers, want 8 (every known type, not the unknown one)", seed, len(answers))
		}
		for _, a := range answers {
			q := byID[a.QuestionID]
			setFields := 0
			for _, set := range []bool{a.ChoiceIDs != nil, a.Value != nil, a.Text != nil, a.Order != nil, a.Pairs != nil} {
				if set {
					setFields++
				}
			}
			if setFields != 1 {
				t.Fatalf("seed %d: answer to %s sets %d fields, want 1: %+v", seed, q.ID, setFields, a)
			}
			switch q.Type {
			case "single_choice", "true_false", "judgement":
				if len(a.ChoiceIDs) != 1 || !slices.Contains(ids(q.Options), a.ChoiceIDs[0]) {
					t.Errorf("seed %d: %s answered %v", seed, q.ID, a.ChoiceIDs)
				}
			case "multiple_choice":
				if len(a.ChoiceIDs) == 0 || len(a.ChoiceIDs) > len(q.Options) {
					t.Errorf("seed %d: %s answered %v", seed, q.ID, a.ChoiceIDs)
				}
				for i, id := range a.ChoiceIDs {
					if !slices.Contains(ids(q.Options), id) || slices.Contains(a.ChoiceIDs[:i], id) {
						t.Errorf("seed %d: %s answered %v: unknown or repeated %q", seed, q.ID, a.ChoiceIDs, id)
					}
				}
			case "numeric":
				if a.Value == nil || *a.Value < 0 || *a.Value > 100 {
					t.Errorf("seed %d: numeric answered %v", seed, a.Value)
				}
			case "short_text":
				if a.Text == nil || !slices.Contains([]string{"name", "curve", "axes"}, *a.Text) {
					t.Errorf("seed %d: short text answered %v, want a word of the prompt without markup", seed, a.Text)
				}
			case "ordering":
				got, want := slices.Sorted(slices.Values(a.Order)), slices.Sorted(slices.Values(ids(q.Items)))
				if !slices.Equal(got, want) {
					t.Errorf("seed %d: ordering answered %v, want a permutation of %v", seed, a.Order, want)
				}
			case "matching":
				if len(a.Pairs) != len(q.Items) {
					t.Errorf("seed %d: matching answered %v, want every item paired", seed, a.Pairs)
				}
				for item, target := range a.Pairs {
					if !slices.Contains(ids(q.Items), item) || !slices.Contains(ids(q.Targets), target) {
						t.Errorf("seed %d: matching pair %s->%s is not of the question", seed, item, target)
					}
				}
			default:
				t.Errorf("seed %d: answered a question of unknown type %q", seed, q.Type)
			}
		}
	}
}

func TestAnswersBlankShare(t *testing.T) {
	var v AttemptView
	if err := json.Unmarshal([]byte(attemptJSON), &v); err != nil {
		t.Fatal(err)
	}
	if got := Answers(v.Questions, rand.New(rand.NewPCG(1, 2)), 1); len(got) != 0 {
		t.Errorf("blank 1 gave %d answers, want none", len(got))
	}
	// An answer with no fields must marshal without them: the server refuses fields a type does not use.
	b, _ := json.Marshal(Answer{QuestionID: "q.x", ChoiceIDs: []string{"a"}})
	if string(b) != `{"question_id":"q.x","choice_ids":["a"]}` {
		t.Errorf("answer JSON = %s", b)
	}
}

func TestGuessWordWithoutWords(t *testing.T) {
	if got := guessWord("<p>1 + 2 = ?</p>", rand.New(rand.NewPCG(1, 1))); got != "unsure" {
		t.Errorf("guessWord of a prompt without words = %q, want unsure", got)
	}
}
