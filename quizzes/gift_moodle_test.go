package quizzes

import (
	"fmt"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// giftOutcomes lists what became of every block of an import, in source order: "line: type
// id" for a question, "line: skipped: reason" for a block left out.
func giftOutcomes(imp *GIFTImport) []string {
	type outcome struct {
		line int
		text string
	}
	var all []outcome
	for i, q := range imp.Questions {
		all = append(all, outcome{imp.Lines[i], fmt.Sprintf("%d: %s %s", imp.Lines[i], q.Type, q.ID)})
	}
	for _, s := range imp.Skipped {
		reason, _, _ := strings.Cut(s.Msg, ":")
		all = append(all, outcome{s.Line, fmt.Sprintf("%d: skipped: %s", s.Line, reason)})
	}
	slices.SortFunc(all, func(a, b outcome) int { return a.line - b.line })
	out := make([]string, len(all))
	for i, o := range all {
		out[i] = o.text
	}
	return out
}

// TestMoodleGIFTMaterial imports Moodle's own GIFT test material (testdata/moodle, see its
// README) and checks what became of every question in it, one by one: each imports, or is
// left out with its line and the reason.
func TestMoodleGIFTMaterial(t *testing.T) {
	want := map[string][]string{
		"questions.gift.txt": {
			"2: reflection q8",
			"5: matching moodle-activities",
			"14: single_choice q2",
			"22: multiple_choice colours",
			"31: numeric q5",
			"34: short_text shortanswer",
			"41: true_false q1",
			"46: true_false 2-08-tsl",
			"49: true_false 2-08-tsl-2",
		},
		"questions_in_category.gift.txt": {
			"5: matching moodle-activities",
			"14: single_choice greeting",
			"22: short_text moodle-user",
			"27: true_false moodle-acronym",
		},
		"giftformat_test.gift.txt": {
			"3: reflection q8",
			"7: matching moodle-activities",
			"17: single_choice q2",
			"26: multiple_choice colours",
			"36: multiple_choice colours-2",
			"45: numeric q5",
			"49: short_text shortanswer",
			"57: short_text shortanswer-2",
			"66: true_false q1",
			"71: true_false 2-08-tsl",
			"75: true_false 2-08-tsl-2",
			"79: reflection double-backslash",
			"82: reflection q001",
			"95: reflection myid",
			"99: reflection q8-2",
			"103: matching moodle-activities-2",
			"113: single_choice q8-3",
			"121: multiple_choice q8-4",
			"129: numeric q5-2",
			"136: short_text shortanswer-3",
			"144: short_text shortanswer-4",
			"153: true_false q1-2",
			"157: reflection backslash",
			"162: true_false myid-2",
		},
	}
	imports := map[string]*GIFTImport{}
	for file, outcomes := range want {
		src, err := os.ReadFile("testdata/moodle/" + file)
		if err != nil {
			t.Fatal(err)
		}
		imp := parse(t, string(src))
		imports[file] = imp
		if got := giftOutcomes(imp); !reflect.DeepEqual(got, outcomes) {
			t.Errorf("%s:\n%s\nwant\n%s", file, strings.Join(got, "\n"), strings.Join(outcomes, "\n"))
		}
		if problems := giftQuiz(imp.Questions).Validate(); len(problems) > 0 {
			t.Errorf("%s: %q", file, problems)
		}
	}
	byID := func(file, id string) *Question {
		for i, q := range imports[file].Questions {
			if q.ID == id {
				return &imports[file].Questions[i]
			}
		}
		t.Fatalf("%s: no question %s", file, id)
		return nil
	}
	const tests = "giftformat_test.gift.txt"
	if q := byID(tests, "q5"); *q.Value != 3 || q.Tolerance != 2 || q.Explanation != "- For any other answer: Completely wrong" {
		t.Errorf("test_import_numerical: %+v", q)
	}
	if q := byID(tests, "q1"); *q.Answer || q.ExplanationTrue != "42 is the Ultimate Answer." || q.ExplanationFalse != "You gave the right answer." {
		t.Errorf("test_import_truefalse: %+v", q)
	}
	if q := byID(tests, "shortanswer-2"); !reflect.DeepEqual(q.Accepted, []string{"Frog"}) || !reflect.DeepEqual(q.Partial, []PartialText{{"Cat", 50}}) ||
		q.Explanation != "Here is some general feedback!\n\n- For “Frog”: Good!\n- For “Cat”: What is it with Moodlers and cats?\n- For any other answer: Completely wrong" {
		t.Errorf("test_import_shortanswer_with_general_feedback: %+v", q)
	}
	if q := byID(tests, "myid-2"); !reflect.DeepEqual(q.Tags, []string{"tag1", "tag2"}) || q.Explanation != "You should have selected true." ||
		q.ExplanationTrue != "This is the right answer." || q.ExplanationFalse != "This is the wrong answer." {
		t.Errorf("test_export_question_with_tags_and_idnumber: %+v", q)
	}
	if q := byID(tests, "q2"); q.Options[0].Text != "yellow" || !q.Options[0].Correct || q.Options[1].Explanation != "wrong, it's yellow" || q.Options[2].Text != "blue" {
		t.Errorf("test_import_multichoice: %+v", q)
	}
	if q := byID(tests, "backslash"); q.Prompt != `A \\ B \\\\ C` || !q.RubricPending || len(q.Rubric) != 1 {
		t.Errorf("test_export_backslash (an essay): %+v", q)
	}
	colours := byID(tests, "colours")
	weights := []float64{}
	for _, o := range colours.Options {
		weights = append(weights, *o.Weight)
	}
	if !reflect.DeepEqual(weights, []float64{0.5, -1, 0.5, -1}) {
		t.Errorf("test_import_multichoice_multi: weights %v", weights)
	}
	if q := byID(tests, "moodle-activities-2"); q.Items[0].Text != "An activity supporting asynchronous discussions." || len(q.Targets) != 5 || q.Targets[4].Text != "Chat" {
		t.Errorf("test_export_match: %+v", q)
	}
	if q := byID("questions_in_category.gift.txt", "greeting"); q.Prompt != "[Listen to this greeting:](http://demo.moodle.net/file.php/5/media/bonjour.mp3)\n\nWhat language is being spoken?" || q.Pool != "default-for-new-features" {
		t.Errorf("Greeting: %q in %q", q.Prompt, q.Pool)
	}
	if q := byID("questions_in_category.gift.txt", "moodle-acronym"); q.Prompt != "Moodle is an acronym for Modular Object-Oriented Dynamic Learning Environment." {
		t.Errorf("Moodle acronym: %q", q.Prompt)
	}
}

// TestGIFTIDAndTagsFromComments repeats the cases of Moodle's
// test_extract_idnumber_and_tags_from_comment.
func TestGIFTIDAndTagsFromComments(t *testing.T) {
	cases := map[string]struct {
		id      string
		tags    []string
		comment string
	}{
		"blank comment":       {"", nil, ""},
		"nothing in comment":  {"", nil, "// A basic comment."},
		"idnumber only":       {"frog", nil, "// A comment with [id:frog] <-- an idnumber."},
		"tags only":           {"", []string{"frog", "toad"}, "// Look tags: [tag:frog] [tag:toad]."},
		"everything":          {"four", []string{"add", "basic"}, "// [tag:add] [tag:basic] [id:four]"},
		"everything mixed up": {"four", []string{"basic", "add"}, "// [tag:  basic] Here is  \n// a [id:   four   ] que[tag:add   ]stion."},
		"split over line":     {"", nil, "// Ceci n'est pas une [tag:\n\\ frog]."},
		"escape ] idnumber":   {"i]d", nil, `// [id:i\]d].`},
		"escape ] tag":        {"", []string{"t]ag"}, `// [tag:t\]ag].`},
	}
	for name, c := range cases {
		if id, tags := giftIDNumber(c.comment), giftTags(c.comment); id != c.id || !reflect.DeepEqual(tags, c.tags) {
			t.Errorf("%s: got %q %q, want %q %q", name, id, tags, c.id, c.tags)
		}
	}
}
