package uitest

import (
	"bytes"
	"context"
	"encoding/base64"
	"fmt"
	"net/http"
	"os/exec"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"tandem/i18n"
	"tandem/quizzes"
	"tandem/testenv"
)

// testLanguages: for French, German and Italian, a visitor picks the language in the header,
// registers in it, switches again once signed in (which saves the choice to the profile, so a
// fresh page in a browser that forgot it still shows it), reads the dashboard and opens a quiz,
// whose catalogue text is marked as English. On the shipped curricula, a clinician then reads a
// lesson of the translated module clin-foundations and passes its quiz, both in that language.
// Every page passes axe.
func testLanguages(t *testing.T, env *testenv.Env, browser context.Context) {
	cfg := testenv.Config(t)
	cfg.CatalogDir = ""
	shipped := testenv.NewWith(t, cfg)
	programme := languagesProgramme(t, env)
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
			if !eval[bool](tb, `[...document.querySelectorAll('.prompt')].every((p) => p.closest('[lang]').lang === 'en')`) {
				t.Error("the questions' English prompts are not marked lang=en")
			}
			tb.audit(lang + " attempt")
			tb.screenshot("languages-" + lang + "-attempt")

			readTranslatedModule(t, shipped, browser, lang)
			claimCertificate(t, env, browser, lang, programme)
		})
	}
}

// languagesProgramme has a society define a programme over the test catalogue's clinicians
// track, through the API, and returns its id.
func languagesProgramme(t *testing.T, env *testenv.Env) string {
	admin := env.WithRole("admin", "other")
	org := call(t, env, admin, "POST", "/api/v1/organisations", map[string]any{"name": "Société multilingue (UI test)", "kind": "society"}, http.StatusCreated).JSON(t)
	officer := env.WithRole("learner", "medicine")
	call(t, env, admin, "POST", "/api/v1/organisations/"+org["id"].(string)+"/members", map[string]string{"email": officer.Email, "role": "society_admin"}, http.StatusCreated)
	env.Login(officer)
	p := call(t, env, officer, "POST", "/api/v1/organisations/"+org["id"].(string)+"/programmes", map[string]any{
		"title": "Clinical AI literacy", "tracks": []string{"clinicians"}, "validity_days": 730}, http.StatusCreated).JSON(t)
	return p["id"].(string)
}

// claimCertificate: a nurse who reads in lang and has finished the track claims the programme's
// certificate from the dashboard, sees it issued and listed in lang, and downloads its PDF,
// whose fixed wording is in lang.
func claimCertificate(t *testing.T, env *testenv.Env, browser context.Context, lang, programmeID string) {
	msg := func(id string, data map[string]any) string { return i18n.Default().Text(lang, id, data) }
	u := env.Learner("nursing")
	finishClinicians(t, env, u)
	tb := newTab(t, browser, env.URL, 390, 844)
	logIn(tb, u)
	chooseLanguage(tb, lang)
	tb.waitPage(msg("header.dashboard", nil))
	reach := `.widget-certificates .reach[data-programme="` + programmeID + `"]`
	tb.expectText(reach, msg("certificates.ready", nil))
	tb.click(reach + " button")
	tb.until(`document.querySelector('.widget-certificates .certificate[data-serial]') !== null`)
	serial := eval[string](tb, `document.querySelector('.widget-certificates .certificate').dataset.serial`)
	tb.expectText(".widget-certificates .notice", msg("certificates.issued_full", map[string]any{"Programme": "Clinical AI literacy", "Serial": serial}))
	card := `.widget-certificates .certificate[data-serial="` + serial + `"]`
	tb.expectText(card, msg("certificates.status_valid", nil))
	checkLanguage(tb, lang)
	tb.audit(lang + " certificate claimed")

	saved := downloads(tb)
	tb.click(card + " .certificate-actions button")
	text := strings.ReplaceAll(pdfText(t, saved("tandem-certificate-"+serial+".pdf")), " ", "")
	certify := map[string]string{"fr": "Le présent certificat atteste que", "de": "Hiermit wird bescheinigt, dass", "it": "Si certifica che"}[lang]
	if !strings.Contains(text, strings.ReplaceAll(certify, " ", "")) {
		t.Errorf("the PDF does not say %q:\n%s", certify, text)
	}
}

// foundations is what the fr, de and it overlays of clin-foundations call its first lesson
// and its quiz.
var foundations = map[string]struct{ lesson, quiz string }{
	"fr": {"Une fonction apprise, pas un collègue : ce qu'est l'apprentissage automatique", "Vérification des bases"},
	"de": {"Eine gelernte Funktion, kein Kollege: was maschinelles Lernen ist", "Grundlagen-Check"},
	"it": {"Una funzione appresa, non un collega: che cos'è l'apprendimento automatico", "Verifica delle basi"},
}

// readTranslatedModule: a physician who reads in lang opens the first lesson of clin-foundations
// and finds it written in lang (no note that it is shown in English), then takes the module's
// quiz, answering every question it draws correctly, and reads the passed result in lang.
func readTranslatedModule(t *testing.T, env *testenv.Env, browser context.Context, lang string) {
	msg := func(id string, data map[string]any) string { return i18n.Default().Text(lang, id, data) }
	u := env.Learner("medicine")
	call(t, env, u, "POST", "/api/v1/tracks/clinicians/enrol", nil, http.StatusCreated)
	tb := newTab(t, browser, env.URL, 390, 844)
	logIn(tb, u)
	chooseLanguage(tb, lang)
	tb.waitPage(msg("header.dashboard", nil))

	module, _ := env.App.Catalog.Module("clin-foundations")
	want := foundations[lang]
	// Titles may set French punctuation off with a no-break space: compare spaces as spaces.
	tb.do(chromedp.Navigate(tb.base + "/lessons/" + module.Lessons[0].Slug))
	tb.until(fmt.Sprintf(`document.title.replace(/\s/g, ' ') === %q && document.querySelector('main h1')?.textContent.replace(/\s/g, ' ') === %q`, want.lesson+" · Tandem", want.lesson))
	checkLanguage(tb, lang)
	if got := eval[string](tb, `document.querySelector('main h1').closest('[lang]').lang`); got != lang {
		t.Errorf("the lesson's title is marked lang=%q, want %q", got, lang)
	}
	if eval[bool](tb, `document.querySelector('.fallback-note') !== null`) {
		t.Error("the translated lesson says it is shown in English")
	}
	tb.audit(lang + " translated lesson")

	tb.do(chromedp.Navigate(tb.base + "/quizzes/" + module.Quiz.Slug))
	tb.until(fmt.Sprintf(`document.title.replace(/\s/g, ' ') === %q && !document.querySelector('main[aria-busy]')`, want.quiz+" · Tandem"))
	tb.click(".page button.button-large")
	tb.until(`location.pathname.startsWith('/attempts/') && document.querySelector('.attempt-form')`)
	if !eval[bool](tb, fmt.Sprintf(`[...document.querySelectorAll('.prompt')].every((p) => p.closest('[lang]').lang === %q)`, lang)) {
		tb.t.Errorf("the translated questions' prompts are not marked %s", lang)
	}
	answerCorrectly(tb, env)
	tb.audit(lang + " translated attempt")
	tb.click(".attempt-form button[type=submit]")
	tb.until(fmt.Sprintf(`document.title.replace(/\s/g, ' ') === %q && !document.querySelector('main[aria-busy]')`, msg("results.page_title", map[string]any{"Quiz": want.quiz})+" · Tandem"))
	checkLanguage(tb, lang)
	tb.expectText(".score-verdict", msg("quiz.passed", nil))
	tb.audit(lang + " translated results")
}

// answerCorrectly answers every question of the attempt on tb's page with the catalogue's right
// answer (the first option of a judgement question, which has none), through the UI. The page
// shows opaque ids; the attempt's key, read from the database, turns authored ids into them.
func answerCorrectly(tb *tab, env *testenv.Env) {
	tb.t.Helper()
	id := eval[string](tb, `location.pathname.split('/')[2]`)
	key, err := base64.RawURLEncoding.DecodeString(env.Scalar("SELECT id_key FROM quiz_attempts WHERE id = ?", id))
	if err != nil {
		tb.t.Fatalf("attempt %s key: %v", id, err)
	}
	mask := quizzes.NewMask(key)
	for _, shown := range eval[[]string](tb, `[...document.querySelectorAll('.attempt-form .question')].map((q) => q.dataset.question)`) {
		slug, local, _ := strings.Cut(shown, ".")
		quiz, _ := env.App.Catalog.Quiz(slug)
		q, found := quiz.Question(local)
		if !found {
			tb.t.Fatalf("the page asks %s, which the catalogue does not hold", shown)
		}
		in := fmt.Sprintf(`[data-question=%q]`, shown)
		right := quizzes.Answer{QuestionID: shown}
		switch q.Type {
		case quizzes.TrueFalse:
			right.ChoiceIDs = []string{strconv.FormatBool(*q.Answer)}
		case quizzes.Judgement:
			right.ChoiceIDs = []string{q.Options[0].ID}
		case quizzes.Numeric:
			tb.fill(in+" input", strconv.FormatFloat(*q.Value, 'f', -1, 64))
		case quizzes.ShortText:
			tb.fill(in+" input", q.Accepted[0])
		case quizzes.Ordering:
			for _, it := range q.Items {
				right.Order = append(right.Order, it.ID)
			}
		case quizzes.Matching:
			right.Pairs = map[string]string{}
			for _, it := range q.Items {
				if it.Match != "" {
					right.Pairs[it.ID] = it.Match
				}
			}
		default:
			for _, o := range q.Options {
				if o.Correct {
					right.ChoiceIDs = append(right.ChoiceIDs, o.ID)
				}
			}
		}
		hidden := mask.Hide(q, right)
		for _, c := range hidden.ChoiceIDs {
			tb.click(fmt.Sprintf(`%s label:has(input[value=%q])`, in, c))
		}
		if hidden.Order != nil {
			orderItems(tb, in, `li.dataset.id`, hidden.Order)
		}
		for item, target := range hidden.Pairs {
			tb.selectByKeyboard(fmt.Sprintf(`%s select[data-item=%q]`, in, item), target)
		}
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

// pdfText is a PDF's text as poppler's pdftotext reads it, runs of spaces folded; pdftotext
// is required, as for the certificate tests under CI.
func pdfText(t *testing.T, doc []byte) string {
	t.Helper()
	cmd := exec.Command("pdftotext", "-layout", "-", "-")
	cmd.Stdin = bytes.NewReader(doc)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("pdftotext (poppler-utils): %v", err)
	}
	return strings.Join(strings.Fields(string(out)), " ")
}
