package quizzes

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// FuzzParse feeds the GIFT parser arbitrary text. It must never panic; every line it names
// must exist; what it imports must be a valid quiz whose right answers earn full points, and
// whose quiz.yaml every YAML 1.1 and 1.2 reader reads the same.
func FuzzParse(f *testing.F) {
	seeds, err := filepath.Glob("testdata/*.gift")
	if err != nil {
		f.Fatal(err)
	}
	moodle, _ := filepath.Glob("testdata/moodle/*.gift.txt")
	for _, name := range append(seeds, moodle...) {
		src, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(src))
	}
	for _, s := range []string{"Q{T}", "::a::b{=c ~d}", "{#1..2}", "x{=a -> b}", `a\{{=\}}`, "Q{~%50%a ~%50%b}",
		"Q{#3:2~#wrong}", "Q{=a ~%50%b}", "// [id:x] [tag:y]\nQ{F#no#yes}", "[html]<pre>a</pre><a href=\"http\\://x\">y</a>{T}"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		imp, err := ParseGIFT(context.Background(), src, 0)
		if err != nil {
			t.Fatalf("error %v", err)
		}
		lines := strings.Count(src, "\n") + 1
		for _, group := range []GIFTErrors{imp.Skipped, imp.Notes} {
			for _, e := range group {
				if e.Line < 1 || e.Line > lines {
					t.Fatalf("names line %d of %q", e.Line, src)
				}
			}
		}
		if len(imp.Lines) != len(imp.Questions) {
			t.Fatalf("%d lines for %d questions", len(imp.Lines), len(imp.Questions))
		}
		if len(imp.Questions) == 0 {
			return
		}
		quiz := giftQuiz(imp.Questions)
		if problems := quiz.Validate(); len(problems) > 0 {
			t.Fatalf("imported but invalid: %q", problems)
		}
		for i := range imp.Questions {
			if imp.Questions[i].Type == Reflection { // marked by people; no right answer
				continue
			}
			a := rightAnswer(&imp.Questions[i])
			if r := Grade(&imp.Questions[i], &a); !r.Correct {
				t.Fatalf("%s: the right answer earned %+v", imp.Questions[i].ID, r)
			}
		}
		y, err := QuizYAML(quiz)
		if err != nil {
			t.Fatal(err)
		}
		readEverywhere(t, y, quiz)
	})
}

// repeatedTitles is n bytes or so of questions that all share one title, the input that once
// took quadratic time.
func repeatedTitles(n int) string {
	const q = "::Same title::Is this the same question?{=yes#Yes. ~no#No.}\n\n"
	return strings.Repeat(q, n/len(q)+1)
}

// BenchmarkParseGIFT parses 40, 160 and 640 KB of questions with one title: the time per
// byte stays flat. Run: go test -run '^$' -bench ParseGIFT -benchmem ./quizzes/
func BenchmarkParseGIFT(b *testing.B) {
	for _, kb := range []int{40, 160, 640} {
		src := repeatedTitles(kb << 10)
		b.Run(strconv.Itoa(kb)+"KB", func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			for b.Loop() {
				if _, err := ParseGIFT(context.Background(), src, 0); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
