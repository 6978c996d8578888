package uitest

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"tandem/i18n"
	"tandem/testenv"
)

// testLanguages: for French, German and Italian, a visitor picks the language in the header,
// registers in it, switches again once signed in (which saves the choice to the profile, so a
// fresh page in a browser that forgot it still shows it), reads the dashboard and opens a quiz,
// whose catalogue text is marked as English. Every page passes axe.
func testLanguages(t *testing.T, env *testenv.Env, browser context.Context) {
	for _, lang := range []string{"fr", "de", "it"} {
		t.Run(lang, func(t *testing.T) {
			msg := func(id string, data map[string]any) string { return i18n.Default().Text(lang, id, data) }
			tb := newTab(t, browser, env.URL, 390, 844)
			tb.open("/", "Courses")
			chooseLanguage(tb, lang)
			tb.waitPage(msg("header.courses", nil))
			checkLanguage(tb, lang)
			tb.expectText(".skip-link", msg("shell.skip", nil))
			tb.audit(lang + " catalogue")

			tb.clickLink(".site-header", msg("header.register", nil))
			tb.waitPage(msg("header.register", nil))
			email := fmt.Sprintf("learner-%s@languages.tandem.test", lang)
			tb.fill("#field-name", "Learner "+lang)
			tb.fill("#field-email", email)
			tb.fill("#field-password", testenv.Password)
			tb.selectByKeyboard("#field-discipline", "nursing")
			tb.expectText("#field-discipline option[value=nursing]", msg("discipline.nursing", nil))
			tb.audit(lang + " register")
			tb.click("#register-form button[type=submit]")
			tb.waitPage(msg("header.courses", nil))
			if got := env.Scalar("SELECT language FROM users WHERE email = ?", email); got != "" {
				t.Fatalf("registering must not save a language by itself, saved %q", got)
			}

			// Switched while signed in, the choice is saved: the English detour ends in lang again.
			chooseLanguage(tb, "en")
			tb.waitPage("Courses")
			chooseLanguage(tb, lang)
			tb.waitPage(msg("header.courses", nil))
			tb.until(`document.querySelector('.account-name') !== null`)
			if got := env.Scalar("SELECT language FROM users WHERE email = ?", email); got != lang {
				t.Fatalf("the profile's language is %q, want %q", got, lang)
			}
			eval[bool](tb, `(localStorage.clear(), true)`)
			tb.open("/dashboard", msg("header.dashboard", nil))
			checkLanguage(tb, lang)
			tb.expectText("h1", msg("dashboard.title", nil))
			tb.expectText(".lede", msg("dashboard.welcome", map[string]any{"Name": "Learner " + lang}))
			tb.expectText(".resume h2", msg("dashboard.start", nil))
			tb.audit(lang + " dashboard")

			tb.open("/modules/clin-evaluation", "Is the model any good?")
			if !eval[bool](tb, `document.querySelector('main h1').lang === 'en'`) {
				t.Error("the module's English title is not marked lang=en on a translated page")
			}
			tb.clickLink(".quiz-card", msg("quiz.go", nil))
			tb.waitPage("Evaluation check")
			tb.expectText(".page button.button-large", msg("quiz.start", nil))
			tb.expectText(".facts", msg("quiz.fact_pass_mark", nil))
			tb.audit(lang + " quiz")
			tb.click(".page button.button-large")
			tb.until(`location.pathname.startsWith('/attempts/') && document.querySelector('.attempt-form')`)
			// The number is shown in capitals (CSS); its text is the message's.
			number := msg("question.number", map[string]any{"Number": 1, "Total": eval[int](tb, `document.querySelectorAll('.question').length`)})
			if got := eval[string](tb, `document.querySelector('.question-number').textContent`); !strings.HasPrefix(got, number) {
				t.Errorf("first question number %q, want %q", got, number)
			}
			if !eval[bool](tb, `[...document.querySelectorAll('.prompt')].every((p) => p.lang === 'en')`) {
				t.Error("the questions' English prompts are not marked lang=en")
			}
			tb.audit(lang + " attempt")
			tb.screenshot("languages-" + lang + "-attempt")
		})
	}
}

// chooseLanguage opens the header's language switcher and picks lang.
func chooseLanguage(tb *tab, lang string) {
	tb.t.Helper()
	tb.click("#language-switcher summary")
	tb.click(fmt.Sprintf(`#language-switcher button[lang=%q]`, lang))
}

// checkLanguage checks that the page is drawn in lang: <html lang>, and the switcher naming
// each language in itself, the one shown marked current.
func checkLanguage(tb *tab, lang string) {
	tb.t.Helper()
	tb.until(fmt.Sprintf(`document.documentElement.lang === %q`, lang))
	names := eval[[]string](tb, `[...document.querySelectorAll('#language-switcher button')].map((b) => b.lang + ':' + b.textContent + (b.getAttribute('aria-current') ? '*' : ''))`)
	want := map[string]string{"en": "English", "fr": "Français", "de": "Deutsch", "it": "Italiano"}
	var expected []string
	for _, code := range []string{"en", "fr", "de", "it"} {
		mark := ""
		if code == lang {
			mark = "*"
		}
		expected = append(expected, code+":"+want[code]+mark)
	}
	if fmt.Sprint(names) != fmt.Sprint(expected) {
		tb.t.Errorf("language switcher %v, want %v", names, expected)
	}
}
