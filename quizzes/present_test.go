package quizzes

import (
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"testing"
)

func TestPresentIsReproducible(t *testing.T) {
	quiz := loadQuiz(t, "sample-quiz.yaml")
	first := Present(quiz, 42)
	if again := Present(quiz, 42); !reflect.DeepEqual(first, again) {
		t.Fatal("the same seed presented two different attempts")
	}
	differs := false
	for seed := int64(0); seed < 20 && !differs; seed++ {
		differs = !reflect.DeepEqual(first, Present(quiz, seed))
	}
	if !differs {
		t.Fatal("20 seeds all presented the same attempt")
	}
}

func TestPresentDrawsFromPools(t *testing.T) {
	quiz := loadQuiz(t, "sample-quiz.yaml")
	seen := map[string]int{}
	for seed := int64(0); seed < 300; seed++ {
		got := Present(quiz, seed)
		if len(got) != 8 { // 6 questions without a pool plus 2 drawn from core
			t.Fatalf("seed %d: %d questions, want 8", seed, len(got))
		}
		core := 0
		for _, p := range got {
			seen[p.ID]++
			if q := question(t, quiz, p.ID); q.Pool == "core" {
				core++
			}
		}
		if core != 2 {
			t.Fatalf("seed %d: %d questions from core, want 2", seed, core)
		}
	}
	for _, id := range []string{"tf", "num", "short"} {
		if seen[id] == 0 {
			t.Errorf("pool question %s was never drawn in 300 attempts", id)
		}
	}
	if seen["single"] != 300 {
		t.Errorf("a question without a pool was asked %d times in 300 attempts", seen["single"])
	}
}

func TestPresentShowsEveryChoice(t *testing.T) {
	quiz := loadQuiz(t, "sample-quiz.yaml")
	quiz.Pools = nil // ask every question
	for i := range quiz.Questions {
		quiz.Questions[i].Pool = ""
	}
	ids := func(c []Choice) []string {
		var out []string
		for _, x := range c {
			out = append(out, x.ID)
		}
		slices.Sort(out)
		return out
	}
	for _, p := range Present(quiz, 7) {
		q := question(t, quiz, p.ID)
		if p.Type != q.Type || p.Prompt != q.Prompt {
			t.Errorf("%s: type or prompt changed", p.ID)
		}
		var want []Choice
		for _, o := range q.Options {
			want = append(want, Choice{o.ID, o.Text})
		}
		if q.Type == TrueFalse {
			want = []Choice{{"true", "True"}, {"false", "False"}}
			if !reflect.DeepEqual(p.Options, want) {
				t.Errorf("tf: options %v", p.Options)
			}
		}
		if !slices.Equal(ids(p.Options), ids(want)) {
			t.Errorf("%s: options %v, want %v", p.ID, p.Options, want)
		}
		var items, targets []Choice
		for _, it := range q.Items {
			items = append(items, Choice{it.ID, it.Text})
		}
		for _, tg := range q.Targets {
			targets = append(targets, Choice{tg.ID, tg.Text})
		}
		if !slices.Equal(ids(p.Items), ids(items)) || !slices.Equal(ids(p.Targets), ids(targets)) {
			t.Errorf("%s: items %v targets %v", p.ID, p.Items, p.Targets)
		}
	}
}

func TestPresentedJSONHidesAnswers(t *testing.T) {
	quiz := loadQuiz(t, "sample-quiz.yaml")
	forbidden := []string{"correct", "explanation", "tradeoffs", "match", "answer", "accepted",
		"value", "tolerance", "ranges", "weight", "points", "pool", "prompt"}
	for seed := int64(0); seed < 10; seed++ {
		out, err := json.Marshal(Present(quiz, seed))
		if err != nil {
			t.Fatal(err)
		}
		var doc any
		if err := json.Unmarshal(out, &doc); err != nil {
			t.Fatal(err)
		}
		for _, key := range jsonKeys(doc) {
			if slices.Contains(forbidden, key) {
				t.Fatalf("presented JSON has key %q: %s", key, out)
			}
		}
	}
}

// jsonKeys lists every object key anywhere in a decoded JSON document.
func jsonKeys(doc any) []string {
	var keys []string
	switch v := doc.(type) {
	case map[string]any:
		for k, x := range v {
			keys = append(keys, k)
			keys = append(keys, jsonKeys(x)...)
		}
	case []any:
		for _, x := range v {
			keys = append(keys, jsonKeys(x)...)
		}
	}
	return keys
}

func TestOrderingIsNeverPresentedInItsRightOrder(t *testing.T) {
	quiz := loadQuiz(t, "sample-quiz.yaml")
	order := question(t, quiz, "order")
	seen := map[string]int{}
	for seed := int64(0); seed < 2000; seed++ {
		p := present(order, questionRand(seed, order.ID))
		if inAuthoredOrder(p.Items, order.Items) {
			t.Fatalf("seed %d presents the ordering items in their right order", seed)
		}
		var ids []string
		for _, it := range p.Items {
			ids = append(ids, it.ID)
		}
		seen[strings.Join(ids, " ")]++
	}
	// Every other arrangement of four items turns up (23 of them), none far more than others.
	if len(seen) != 23 {
		t.Fatalf("%d arrangements of 4 items in 2,000 attempts, want 23", len(seen))
	}
	for arrangement, n := range seen {
		if n < 40 || n > 140 { // expected 87; a fair draw stays inside this almost surely
			t.Errorf("arrangement %s drawn %d times in 2,000", arrangement, n)
		}
	}
}

func TestPinnedOptionsStayLast(t *testing.T) {
	quiz := loadQuiz(t, "sample-quiz.yaml")
	single := question(t, quiz, "single")
	single.Options = append(single.Options, Option{ID: "none", Text: "None of the above", Pin: PinLast})
	firsts := map[string]bool{}
	for seed := int64(0); seed < 200; seed++ {
		p := present(single, questionRand(seed, single.ID))
		if last := p.Options[len(p.Options)-1]; last.ID != "none" {
			t.Fatalf("seed %d: last option is %q, want the pinned one", seed, last.ID)
		}
		firsts[p.Options[0].ID] = true
	}
	if len(firsts) != 3 {
		t.Errorf("the unpinned options were not shuffled: firsts %v", firsts)
	}
}

// A question is shuffled the same way whatever else the quiz holds, so an attempt keeps its
// presentation when questions are added to the catalogue.
func TestQuestionShuffleDependsOnlyOnSeedAndQuestion(t *testing.T) {
	quiz := loadQuiz(t, "sample-quiz.yaml")
	before := map[string]Presented{}
	for _, p := range Present(quiz, 11) {
		before[p.ID] = p
	}
	quiz.Questions = append(quiz.Questions, Question{ID: "extra", Type: TrueFalse, Prompt: "Added later?"})
	for _, p := range Present(quiz, 11) {
		if b, ok := before[p.ID]; ok && !reflect.DeepEqual(b, p) {
			t.Errorf("%s is shuffled differently once another question is added", p.ID)
		}
	}
}
