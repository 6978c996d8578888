package quizzes

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"maps"
	"reflect"
	"slices"
	"strings"
	"testing"

	"tandem/i18n"
)

// presentedQuestions presents every question of the sample quiz with seed and returns them
// with their authored questions, in the same order.
func presentedQuestions(t *testing.T, quiz *Quiz, seed int64) ([]Presented, []*Question) {
	t.Helper()
	ps := Present(quiz, seed)
	qs := make([]*Question, len(ps))
	for i, p := range ps {
		qs[i] = question(t, quiz, p.ID)
	}
	return ps, qs
}

func allIDs(p Presented) []string {
	var ids []string
	for _, c := range slices.Concat(p.Options, p.Items, p.Targets) {
		ids = append(ids, c.ID)
	}
	return ids
}

func TestMaskHidesAuthoredIDs(t *testing.T) {
	quiz := loadQuiz(t, "sample-quiz.yaml")
	authored := map[string]bool{"true": true, "false": true}
	for _, q := range quiz.Questions {
		for _, o := range q.Options {
			authored[o.ID] = true
		}
		for _, it := range q.Items {
			authored[it.ID] = true
		}
		for _, tg := range q.Targets {
			authored[tg.ID] = true
		}
	}
	ps, qs := presentedQuestions(t, quiz, 7)
	NewMask([]byte("attempt one")).Apply(ps, qs)
	for _, p := range ps {
		ids := allIDs(p)
		for _, id := range ids {
			if authored[id] || len(id) != 12 || strings.Trim(id, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") != "" {
				t.Errorf("question %s shows id %q: want 12 url-safe characters, never an authored id", p.ID, id)
			}
		}
		if len(slices.Compact(slices.Sorted(slices.Values(ids)))) != len(ids) {
			t.Errorf("question %s repeats an id: %v", p.ID, ids)
		}
	}
}

func TestMaskIsStablePerAttemptAndDiffersAcrossAttempts(t *testing.T) {
	quiz := loadQuiz(t, "sample-quiz.yaml")
	show := func(key string) []Presented {
		ps, qs := presentedQuestions(t, quiz, 7)
		NewMask([]byte(key)).Apply(ps, qs)
		return ps
	}
	a, again, b := show("attempt one"), show("attempt one"), show("attempt two")
	if !reflect.DeepEqual(a, again) {
		t.Fatal("the same attempt shows different ids on a second look")
	}
	for i := range a {
		if ids := allIDs(a[i]); len(ids) > 0 && slices.Equal(ids, allIDs(b[i])) {
			t.Errorf("question %s has the same ids in two attempts", a[i].ID)
		}
	}
}

// An option's opaque id is the first 9 bytes, base64url, of HMAC-SHA256 under the attempt's key
// of "option", NUL, the question's id, NUL, the option's id, NUL, "0": attempts started by an
// earlier version of Tandem keep the ids they were shown.
func TestMaskedIDsAreTheHMACOfTheAuthoredOnes(t *testing.T) {
	quiz := loadQuiz(t, "sample-quiz.yaml")
	ps, qs := presentedQuestions(t, quiz, 7)
	authored, _ := presentedQuestions(t, quiz, 7)
	key := []byte("attempt one")
	NewMask(key).Apply(ps, qs)
	checked := 0
	for i, p := range ps {
		for j, o := range p.Options {
			mac := hmac.New(sha256.New, key)
			mac.Write([]byte("option\x00" + qs[i].ID + "\x00" + authored[i].Options[j].ID + "\x000"))
			if want := base64.RawURLEncoding.EncodeToString(mac.Sum(nil)[:9]); o.ID != want {
				t.Errorf("question %s option %s is shown as %s, want %s", qs[i].ID, authored[i].Options[j].ID, o.ID, want)
			}
			checked++
		}
	}
	if checked == 0 {
		t.Fatal("the sample quiz has no options")
	}
}

func TestRevealMapsBackAndGradesAsAuthored(t *testing.T) {
	quiz := loadQuiz(t, "sample-quiz.yaml")
	ps, qs := presentedQuestions(t, quiz, 3)
	mask := NewMask([]byte("k"))
	mask.Apply(ps, qs)
	var given []Answer
	for _, q := range qs {
		given = append(given, mask.Hide(q, rightAnswer(q)))
	}
	revealed, err := mask.Reveal(qs, given)
	if err != nil {
		t.Fatal(err)
	}
	g, err := GradeAttempt(qs, revealed)
	if err != nil || g.Percent != 100 {
		t.Fatalf("right answers in masked ids: %v %+v", err, g)
	}
	for i, q := range qs {
		if back := mask.Hide(q, revealed[i]); !reflect.DeepEqual(back, given[i]) {
			t.Errorf("question %s: hiding the revealed answer gives %+v, want %+v", q.ID, back, given[i])
		}
	}
}

func TestRevealRefusesAuthoredUnknownAndRepeatedIDs(t *testing.T) {
	quiz := loadQuiz(t, "sample-quiz.yaml")
	mask := NewMask([]byte("k"))
	single, order, match := question(t, quiz, "single"), question(t, quiz, "order"), question(t, quiz, "match")
	qs := []*Question{single, order, match}
	hidden := func(q *Question, a Answer) Answer { return mask.Hide(q, a) }
	ok := hidden(single, Answer{QuestionID: "single", ChoiceIDs: []string{"a"}})
	auroc := hidden(match, Answer{Order: []string{"auroc"}}).Order[0] // the item's id in this attempt
	for name, tc := range map[string]struct {
		answer Answer
		field  string
		shows  string
	}{
		"authored option":  {Answer{QuestionID: "single", ChoiceIDs: []string{"a"}}, "answers[0].choice_ids", `"a"`},
		"repeated option":  {Answer{QuestionID: "single", ChoiceIDs: []string{ok.ChoiceIDs[0], ok.ChoiceIDs[0]}}, "answers[0].choice_ids", ok.ChoiceIDs[0]},
		"authored item":    {Answer{QuestionID: "order", Order: []string{"collect", "split"}}, "answers[0].order", `"collect"`},
		"authored pairing": {Answer{QuestionID: "match", Pairs: map[string]string{"auroc": "disc"}}, "answers[0].pairs", `"auroc"`},
		"item as target":   {Answer{QuestionID: "match", Pairs: map[string]string{auroc: auroc}}, "answers[0].pairs", "is not a target"},
	} {
		_, err := mask.Reveal(qs, []Answer{tc.answer})
		var ae *AnswerError
		if !errors.As(err, &ae) {
			t.Errorf("%s: %v, want an AnswerError", name, err)
			continue
		}
		if msg := i18n.Default().FieldReason("en", ae.Fields[tc.field]); !strings.Contains(msg, tc.shows) {
			t.Errorf("%s: %v, want %s to mention %s", name, ae.Fields, tc.field, tc.shows)
		}
		for _, msg := range ae.Fields {
			for _, authored := range []string{"disc", "split"} {
				if strings.Contains(msg, `"`+authored+`"`) {
					t.Errorf("%s: the error names the authored id %s: %s", name, authored, msg)
				}
			}
		}
	}
}

func TestHideKeyGivesTheRightAnswerInAttemptIDs(t *testing.T) {
	quiz := loadQuiz(t, "sample-quiz.yaml")
	mask := NewMask([]byte("k"))
	match := question(t, quiz, "match")
	k := mask.HideKey(match, KeyOf(match))
	want := mask.Hide(match, Answer{Pairs: map[string]string{"auroc": "disc", "slope": "cal"}}).Pairs
	if !maps.Equal(k.Pairs, want) || len(k.Pairs) != len(match.Items) {
		t.Fatalf("key of match: %v, want %v", k.Pairs, want)
	}
	if KeyOf(question(t, quiz, "judge")) != nil {
		t.Error("a judgement question has a key")
	}
	tf := KeyOf(question(t, quiz, "tf"))
	if len(tf.ChoiceIDs) != 1 || (tf.ChoiceIDs[0] != "true" && tf.ChoiceIDs[0] != "false") {
		t.Errorf("true_false key: %+v", tf)
	}
}
