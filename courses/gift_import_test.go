package courses

import (
	"context"
	"html"
	"os"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"tandem/quizzes"
)

// importInto imports GIFT source as the quiz of the sample's evaluation module and loads the
// catalogue, failing on any problem, as `tandem content check` would report it.
func importInto(t *testing.T, src string) (*Quiz, *quizzes.GIFTImport) {
	t.Helper()
	q, imp, err := quizzes.ImportGIFT(context.Background(), src, "clin-evaluation", "Imported", 70, 3)
	if err != nil {
		t.Fatal(err)
	}
	y, err := quizzes.QuizYAML(q)
	if err != nil {
		t.Fatal(err)
	}
	m := sampleFS(t)
	m[evalQuiz] = &fstest.MapFile{Data: y}
	quiz, ok := mustLoad(t, m).Quiz("clin-evaluation-quiz")
	if !ok {
		t.Fatal("the imported quiz is not in the catalogue")
	}
	return quiz, imp
}

// TestImportedGIFTPassesContentCheck loads every imported test bank into a catalogue: the
// questions left without explanations are marked, so the catalogue accepts them.
func TestImportedGIFTPassesContentCheck(t *testing.T) {
	for _, f := range []string{"all-constructs.gift", "moodle/questions.gift.txt", "moodle/questions_in_category.gift.txt", "moodle/giftformat_test.gift.txt"} {
		t.Run(f, func(t *testing.T) {
			src, err := os.ReadFile("../quizzes/testdata/" + f)
			if err != nil {
				t.Fatal(err)
			}
			quiz, imp := importInto(t, string(src))
			if len(quiz.Questions) != len(imp.Questions) || len(imp.Pending) == 0 {
				t.Fatalf("%d questions loaded of %d imported; pending %v", len(quiz.Questions), len(imp.Questions), imp.Pending)
			}
		})
	}
	// Without the mark, the catalogue says what is missing.
	q, _, err := quizzes.ImportGIFT(context.Background(), "::q::Which?{=a ~b}", "clin-evaluation", "Imported", 70, 3)
	if err != nil {
		t.Fatal(err)
	}
	q.Questions[0].ExplanationsPending = false
	y, _ := quizzes.QuizYAML(q)
	m := sampleFS(t)
	m[evalQuiz] = &fstest.MapFile{Data: y}
	if _, err := Load(m); err == nil || !strings.Contains(err.Error(), "question q: option a needs an explanation") {
		t.Fatalf("unmarked: %v", err)
	}
}

var tags = regexp.MustCompile(`<[^>]+>`)

// TestImportedGIFTShowsAsMoodleShowsIt renders imported prompts: escapes resolve as in Moodle
// (its test_import_backslash), and [html] links and <pre> survive as Markdown.
func TestImportedGIFTShowsAsMoodleShowsIt(t *testing.T) {
	quiz, _ := importInto(t, "::backslash:: A \\\\ B \\\\\\\\ C and \\{x\\} \\= y \\~ z \\# w\\: v{T#a#b}\n\n"+
		"::plain::[plain]Read [[sepsis]] *as written* <b>here</b>, with C:\\path{T#a#b}\n\n"+
		"::link::[html]<p>Listen to <a href=\"http\\://example.org/a b.mp3\">this\\: greeting</a>.</p>"+
		"<pre>\n    public void test() \\{\n        run();\n    \\}\n</pre>{T#a#b}\n\n"+
		"::lines::First line\nsecond line {=x#X ~y#Y} end.\n\n"+
		"::brackets::[markdown]Is [[[x]]] a mark?{=[[a]]#[[no]]. ~b#[[c]].}\n\n"+
		"::pairs::Match.{=[[a]] -> [[b]] =c -> d}")
	text := func(id string) string {
		return html.UnescapeString(strings.TrimSpace(tags.ReplaceAllString(quiz.PromptHTML[id], "")))
	}
	if got := text("backslash"); got != `A \ B \\ C and {x} = y ~ z # w: v` {
		t.Errorf("backslash: %q from %q", got, quiz.PromptHTML["backslash"])
	}
	if got := text("plain"); got != `Read [[sepsis]] *as written* <b>here</b>, with C:\path` {
		t.Errorf("plain: %q", got)
	}
	link := quiz.PromptHTML["link"]
	if !strings.Contains(link, `<a href="http://example.org/a%20b.mp3">this: greeting</a>`) ||
		!strings.Contains(link, "<pre><code>    public void test() {\n        run();\n    }\n</code></pre>") {
		t.Errorf("link and pre: %s", link)
	}
	if got := text("brackets"); got != "Is [[[x]]] a mark?" {
		t.Errorf("brackets: %q", got)
	}
	if got := quiz.PromptHTML["lines"]; !strings.Contains(got, "First line<br>") || !strings.Contains(got, "_____ end.") {
		t.Errorf("line break and blank: %s", got)
	}
}
