package courses

import (
	"strings"
	"testing"
)

// TestReadingEstimate counts the words and activities of a lesson and checks the minutes the
// formula gives for them.
func TestReadingEstimate(t *testing.T) {
	m := sampleFS(t)
	prose := strings.Repeat("Ward nurses’ *early* warning scores, 80 / 100 = 80% — here. ", 100) // 9 words each: "/", "=" and "—" are not words
	body := prose + "\n\n![A calibration plot](plot.png)\n\n| a | b |\n|---|---|\n| one two | three |\n\n" +
		"## A worked example: the alert burden\n\nFour words of text.\n\n### Quick check\n\n```\nrisk = 0.2\n```\n\n" +
		"## Try it yourself\n\nDone.\n\n## What your counterparts learn\n\nEnd.\n"
	edit(t, m, evalLesson, "Lesson 1 of clin-evaluation.", "")
	f := string(m[evalLesson].Data)
	m[evalLesson].Data = []byte(f[:strings.Index(f, "---\n\n")+4] + body)
	les, ok := mustLoad(t, m).Lesson("clin-evaluation-part-1")
	if !ok {
		t.Fatal("no lesson")
	}
	// 900 prose words; image alt text 3; table 5; headings 6 + 2 + 3 + 4; paragraphs 4 + 1 + 1; code 2.
	want := Reading{Words: 931, Tables: 1, Figures: 1, Worked: 1, Checks: 2}
	if les.Reading != want {
		t.Fatalf("reading = %+v, want %+v", les.Reading, want)
	}
	// 931 / 200 = 4.66, + 1 table + 1 figure + 2 worked + 2 × 2 checks = 12.66
	if got := les.Reading.Minutes(); got != 13 {
		t.Errorf("minutes = %d, want 13", got)
	}
}

func TestMinutesTolerance(t *testing.T) {
	for _, c := range []struct {
		stated, estimate int
		agree            bool
	}{
		{7, 7, true}, {9, 7, true}, {10, 7, false}, {5, 7, true}, {4, 7, false},
		{3, 1, true}, {4, 1, false}, {25, 20, true}, {26, 20, false}, {15, 20, true}, {14, 20, false},
	} {
		if got := minutesAgree(c.stated, c.estimate); got != c.agree {
			t.Errorf("minutesAgree(%d, %d) = %v, want %v", c.stated, c.estimate, got, c.agree)
		}
	}
}

// TestCheckHeadings names which headings open an embedded question: with or without an
// article, and never a pointer to a lab, whose time the lab states itself.
func TestCheckHeadings(t *testing.T) {
	for title, want := range map[string]bool{
		"Quick check":                        true,
		"Try it yourself":                    true,
		"Exercise: the alert budget":         true,
		"An exercise":                        true,
		"A scenario to discuss":              true,
		"Your turn":                          true,
		"Try it in the lab":                  false,
		"In the lab":                         false,
		"What your counterparts learn":       false,
		"Exercising judgement at the bed":    false,
		"The exercise of clinical judgement": false,
	} {
		if got := isCheck(title); got != want {
			t.Errorf("isCheck(%q) = %v, want %v", title, got, want)
		}
	}
}
