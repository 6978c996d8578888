package uitest

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"tandem/testenv"
)

// learnerSpec is one learner of the journey.
type learnerSpec struct {
	name, discipline, group string
	ownModule, ownLesson    string // a module and lesson of the learner's own track
	judgement               string // the option text chosen in the judgement question
	seesOwnGroup            string // what the perspectives chart says about the learner's group
}

// testJourney: a clinical and a technical learner each register, see the two tracks paired
// module by module, read a lesson, open glossary terms in place, pass clin-evaluation-quiz
// answering every question type through the UI (ordering and matching by keyboard), and see
// their results with how both disciplines answered the judgement question.
func testJourney(t *testing.T, env *testenv.Env, browser context.Context) {
	// Five clinical learners have answered the judgement question already, so the clinical
	// group's choices show; the technical group stays under five and shows its count only.
	for range 5 {
		passEvaluationQuiz(t, env, env.Learner("nursing"))
	}
	learners := []learnerSpec{
		{name: "Clara Clinician", discipline: "medicine", group: "clinical", ownModule: "Is the model any good?",
			ownLesson: "Is the model any good?, part 1", judgement: "Run it silently first", seesOwnGroup: "Clinical learners: 6 answers."},
		{name: "Theo Technologist", discipline: "data_science", group: "technical", ownModule: "Evaluating clinical utility",
			ownLesson: "Evaluating clinical utility, part 1", judgement: "Deploy with a response protocol", seesOwnGroup: "Technical learners: 1 only"},
	}
	for _, l := range learners {
		t.Run(l.group, func(t *testing.T) {
			tb := newTab(t, browser, env.URL, 1280, 800)
			register(tb, l)
			checkPairing(tb)
			readLessons(tb, l)
			takeEvaluationQuiz(tb, l)
		})
	}
}

func register(tb *tab, l learnerSpec) {
	tb.t.Helper()
	tb.open("/", "Courses")
	tb.clickLink(".site-header", "Register")
	tb.waitPage("Register")
	email := fmt.Sprintf("%s-%s@tandem.test", strings.ToLower(strings.Fields(l.name)[0]), l.group)
	tb.fill("#field-name", l.name)
	tb.fill("#field-email", email)
	tb.fill("#field-password", testenv.Password)
	tb.selectByKeyboard("#field-discipline", l.discipline)
	tb.fill("#field-institution", "Test University")
	tb.click("#register-form button[type=submit]")
	tb.waitPage("Courses")
	tb.expectText(".account-name", l.name)
}

// checkPairing checks that every clinical module sits beside its technical counterpart: in
// one row at desktop width, one above the other within the same pair on a phone.
func checkPairing(tb *tab) {
	tb.t.Helper()
	rows := eval[[][]string](tb, `[...document.querySelectorAll('.pairs > .pair')].map((row) => [
		row.querySelector('.module-card.clinical')?.dataset.module || '',
		row.querySelector('.module-card.technical')?.dataset.module || ''])`)
	want := [][]string{{"clin-evaluation", "tech-utility"}, {"clin-deployment", "tech-safety"}}
	if fmt.Sprint(rows) != fmt.Sprint(want) {
		tb.t.Fatalf("pairs on the catalogue = %v, want %v", rows, want)
	}
	sideBySide := eval[bool](tb, `[...document.querySelectorAll('.pair')].every((row) => {
		const a = row.querySelector('.module-card.clinical').getBoundingClientRect();
		const b = row.querySelector('.module-card.technical').getBoundingClientRect();
		return Math.abs(a.top - b.top) < 2 && a.right < b.left;
	})`)
	if !sideBySide {
		tb.t.Error("at desktop width a module and its counterpart are not side by side")
	}
	tb.resize(360, 800)
	stacked := eval[bool](tb, `[...document.querySelectorAll('.pair')].every((row) => {
		const a = row.querySelector('.module-card.clinical').getBoundingClientRect();
		const b = row.querySelector('.module-card.technical').getBoundingClientRect();
		return a.bottom <= b.top && b.right <= window.innerWidth;
	}) && document.documentElement.scrollWidth <= window.innerWidth`)
	if !stacked {
		tb.t.Error("at 360 px a pair is not stacked within the screen width")
	}
	tb.resize(1280, 800)
}

// readLessons opens the learner's own module and lesson, follows the counterpart bridge where
// the lesson has none of the glossary terms, and opens glossary terms by keyboard and mouse.
func readLessons(tb *tab, l learnerSpec) {
	tb.t.Helper()
	tb.clickLink(".pairs", l.ownModule)
	tb.waitPage(l.ownModule)
	tb.expectText(".quiz-card", "pass mark")
	tb.clickLink(".lesson-list", l.ownLesson)
	tb.waitPage(l.ownLesson)
	tb.expectText(".prose", "Lesson 1 of")
	if l.group == "technical" {
		// The bridge leads to the clinicians' counterpart module; read its first lesson.
		tb.expectText(".bridge", "Meanwhile, the clinicians study")
		tb.clickLink(".bridge", "Is the model any good?")
		tb.waitPage("Is the model any good?")
		tb.clickLink(".lesson-list", "Is the model any good?, part 1")
		tb.waitPage("Is the model any good?, part 1")
	} else {
		tb.expectText(".bridge", "Meanwhile, the computer scientists study")
	}

	// Keyboard: Enter opens the term in place, Escape closes it and leaves focus on the term.
	term := `.prose a.glossary-term[data-term="auroc"]`
	tb.press(term, keyEnter)
	tb.until(`document.querySelector('.prose a.glossary-term[data-term="auroc"]').getAttribute('aria-expanded') === 'true'`)
	tb.expectText(".term-card", "How well the model ranks a sick patient above a well one.")
	tb.expectText(".term-card", "The probability that a random positive scores above a random negative.")
	if got := tb.text("title"); got == "Glossary · Tandem" {
		tb.t.Fatal("the glossary link navigated away instead of opening in place")
	}
	tb.key(keyEsc)
	tb.until(`!document.querySelector('.term-card') && document.activeElement.matches('a.glossary-term[data-term="auroc"]')`)
	// Mouse: a click opens another term.
	tb.click(`.prose a.glossary-term[data-term="sensitivity"]`)
	tb.expectText(".term-card", "Recall, the true positive rate.")
	tb.screenshot("journey-" + l.group + "-glossary-term")

	tb.click(".pager-next")
	tb.waitPage("Is the model any good?, part 2")
	tb.expectText(".pager-next", "End of module: quiz")
	tb.click(".pager-next")
	tb.waitPage("Evaluation check")
}

// takeEvaluationQuiz starts clin-evaluation-quiz and answers every question through the UI.
func takeEvaluationQuiz(tb *tab, l learnerSpec) {
	tb.t.Helper()
	tb.click(".page button.button-large")
	tb.until(`location.pathname.startsWith('/attempts/') && document.querySelector('.attempt-form')`)
	q := func(id string) string { return fmt.Sprintf(`[data-question="clin-evaluation-quiz.%s"]`, id) }
	choose := func(id, text string) { tb.clickLabel(q(id), text) }
	choose("single", "Positive predictive value")
	choose("multi", "Sensitivity")
	choose("multi", "Specificity")
	choose("tf", "True")
	tb.fill(q("num")+" input", "50")
	tb.fill(q("short")+" input", "roc curve")
	orderByKeyboard(tb, q("order"), []string{"Development", "Internal validation", "External validation", "Prospective study"})
	matchByKeyboard(tb, q("match"), map[string]string{"Sensitivity": "Of the sick, how many are flagged?",
		"Positive predictive value": "Of the flagged, how many are sick?"})
	choose("judge", l.judgement)
	tb.screenshot("journey-" + l.group + "-quiz-answered")

	tb.click(".attempt-form button[type=submit]")
	tb.waitPage("Results: Evaluation check")
	tb.expectText(".score-verdict", "Passed")
	tb.expectText(".score-figure", "100%")
	verdicts := eval[[]string](tb, `[...document.querySelectorAll('.result-item')].map((li) => li.dataset.question.split('.')[1] + ' ' + (li.querySelector('.verdict')?.textContent || ''))`)
	for _, v := range verdicts {
		if !strings.HasSuffix(v, " Correct") && v != "judge Answered: no right answer" {
			tb.t.Errorf("result %q: every answer should be correct", v)
		}
	}
	tb.expectText(`.result-item[data-question$=".single"] .feedback-html`, "Predictive values change with prevalence")
	tb.expectText(`.result-item[data-question$=".judge"] .your-choice`, "You chose: "+l.judgement)
	tb.expectText(".perspectives", l.seesOwnGroup)
	if l.group == "clinical" {
		tb.expectText(".perspectives", "Technical learners: 0 only")
		// The clinical group has six answers: five "wait" and this learner's.
		tb.expectText(".perspectives .bars", "100% (6 of 6)")
	} else {
		tb.expectText(".perspectives", "Clinical learners: 6 answers.")
	}
	tb.screenshot("journey-" + l.group + "-results")
}

// orderByKeyboard puts the ordering question's items in want's order (their texts) with the
// Move up buttons, focusing each item's button once and pressing Enter as often as needed;
// focus must stay on the moved item all along.
func orderByKeyboard(tb *tab, question string, want []string) {
	tb.t.Helper()
	orderItems(tb, question, `li.querySelector('.ordering-text').textContent`, want)
}

// orderItems is orderByKeyboard with each item named by name, a script expression of its li.
func orderItems(tb *tab, question, name string, want []string) {
	tb.t.Helper()
	items := fmt.Sprintf(`[...document.querySelectorAll(%q + ' .ordering-item')]`, question)
	pos := func(text string) int {
		return eval[int](tb, fmt.Sprintf(`%s.findIndex((li) => %s === %q)`, items, name, text))
	}
	for i, text := range want {
		p := pos(text)
		if p == i {
			continue
		}
		tb.do(chromedp.Focus(chromedp.JSPath(fmt.Sprintf(`%s[%d].querySelector('.move-up')`, items, p))))
		for ; p > i; p-- {
			tb.key(keyEnter)
		}
		if got := pos(text); got != i {
			tb.t.Fatalf("after moving %s up it is at %d, want %d", text, got, i)
		}
		if !eval[bool](tb, fmt.Sprintf(`((li) => li !== null && %s === %q)(document.activeElement.closest('.ordering-item'))`, name, text)) {
			tb.t.Fatalf("focus left the moved item %s: now on %s", text, tb.focused())
		}
	}
	got := eval[[]string](tb, fmt.Sprintf(`%s.map((li) => %s)`, items, name))
	if fmt.Sprint(got) != fmt.Sprint(want) {
		tb.t.Fatalf("order = %v, want %v", got, want)
	}
}

// matchByKeyboard picks each item's target in its select with the arrow keys; want maps an
// item's text to its target's.
func matchByKeyboard(tb *tab, question string, want map[string]string) {
	tb.t.Helper()
	for item, target := range want {
		row := fmt.Sprintf(`[...document.querySelectorAll(%q + ' .match-row')].find((r) => r.querySelector('label').textContent === %q)`, question, item)
		id := eval[string](tb, row+`.querySelector('select').id`)
		value := eval[string](tb, fmt.Sprintf(`[...%s.querySelectorAll('option')].find((o) => o.textContent === %q).value`, row, target))
		tb.selectByKeyboard("#"+id, value)
		// The whole choice is readable beside the select, wrapped within the row.
		tb.until(fmt.Sprintf(`(() => { const c = document.getElementById(%q + '-chosen');
			return c.textContent === %q && c.scrollWidth <= c.parentElement.clientWidth; })()`, id, target))
	}
}
