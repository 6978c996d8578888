package quizzes

import (
	"reflect"
	"testing"

	goccy "github.com/goccy/go-yaml"
	yaml2 "gopkg.in/yaml.v2"
	yaml3 "gopkg.in/yaml.v3"
)

// yamlStrings is the part of a quiz.yaml whose strings a YAML 1.1 reader could take for
// something else.
type yamlStrings struct {
	Title     string         `yaml:"title"`
	Pools     map[string]int `yaml:"pools"`
	Questions []struct {
		ID          string   `yaml:"id"`
		Prompt      string   `yaml:"prompt"`
		Explanation string   `yaml:"explanation"`
		Pool        string   `yaml:"pool"`
		Tags        []string `yaml:"tags"`
		Accepted    []string `yaml:"accepted"`
	} `yaml:"questions"`
}

// readEverywhere decodes quiz.yaml with a YAML 1.1 reader (yaml.v2) and two YAML 1.2 readers
// (yaml.v3, goccy/go-yaml), failing unless all three read the same strings as want.
func readEverywhere(t testing.TB, y []byte, want *Quiz) {
	t.Helper()
	var v2, v3, gc yamlStrings
	for name, err := range map[string]error{
		"yaml.v2": yaml2.Unmarshal(y, &v2), "yaml.v3": yaml3.Unmarshal(y, &v3), "goccy": goccy.Unmarshal(y, &gc),
	} {
		if err != nil {
			t.Fatalf("%s cannot read:\n%s\n%v", name, y, err)
		}
	}
	if want.Title != v2.Title || len(v2.Questions) != len(want.Questions) {
		t.Fatalf("yaml.v2 reads title %q and %d questions:\n%s", v2.Title, len(v2.Questions), y)
	}
	for i, q := range want.Questions {
		got := v2.Questions[i]
		if got.ID != q.ID || got.Prompt != q.Prompt || got.Explanation != q.Explanation || got.Pool != q.Pool ||
			!reflect.DeepEqual(got.Tags, q.Tags) || !reflect.DeepEqual(got.Accepted, q.Accepted) {
			t.Fatalf("yaml.v2 reads question %d as %+v, not %+v:\n%s", i, got, q, y)
		}
	}
	if !reflect.DeepEqual(v2, v3) || !reflect.DeepEqual(v3, gc) {
		t.Fatalf("the readers disagree:\nyaml.v2 %+v\nyaml.v3 %+v\ngoccy   %+v\n%s", v2, v3, gc, y)
	}
}

func TestQuizYAMLReadsTheSameUnderYAML11And12(t *testing.T) {
	tricky := []string{"yes", "No", "on", "OFF", "y", "n", "~", "null", "true", "0755", "0o17", "0x1F", "1e3", "1_000",
		"1:20", "-1", "+1", ".5", ".inf", "-.Inf", ".NaN", "2001-12-14", "<<", "=", "@at", "`tick", "#hash", "- dash",
		"a: b", "'single'", `"double"`, "trailing ", "tab\there", "ümlaut", "%percent", "!bang", "&anchor", "*alias", "|", ">"}
	quiz := &Quiz{Slug: "yaml-quiz", Title: "yes", PassPercent: 70, Pools: map[string]int{"0755": 1}}
	for i, s := range tricky {
		q := Question{ID: letterID(i), Type: ShortText, Prompt: s, Accepted: []string{s}, Tags: []string{s}}
		if i == 0 {
			q.Pool = "0755"
		}
		if s != "trailing " { // a trailing space in an explanation is trimmed by the catalogue anyway
			q.Explanation = s
		}
		quiz.Questions = append(quiz.Questions, q)
	}
	y, err := QuizYAML(quiz)
	if err != nil {
		t.Fatal(err)
	}
	readEverywhere(t, y, quiz)
}
