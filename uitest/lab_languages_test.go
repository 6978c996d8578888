package uitest

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"tandem/i18n"
	"tandem/testenv"
)

// testLabTeamLanguages: a clinical learner in a mixed team reads the threshold lab (with the
// patient cards, a card of a run and the team's issue log) and the team's workspace in German
// and in Italian. No sentence of the English interface is left on either page (the lab's brief
// is catalogue content, translated apart), no message id shows in place of its text, and axe
// finds nothing serious.
func testLabTeamLanguages(t *testing.T, env *testenv.Env, browser context.Context) {
	requireAxe(t)
	for _, lang := range []string{"de", "it"} {
		t.Run(lang, func(t *testing.T) {
			// A learner each: the language chosen is saved to the profile.
			instructor, clin, tech := env.WithRole("instructor", "medicine"), env.Learner("nursing"), env.Learner("data_science")
			cohort, team := labCohort(t, env, "Language cohort "+lang, instructor, clin, tech)
			teamName := call(t, env, clin, "GET", "/api/v1/me/teams", nil, http.StatusOK).JSON(t)["items"].([]any)[0].(map[string]any)["name"].(string)
			msg := func(id string) string { return i18n.Default().Text(lang, id, nil) }
			english := englishFragments(t, lang, "lab.", "team.")
			tb := newTab(t, browser, env.URL, 390, 844)
			logIn(tb, clin)
			chooseLanguage(tb, lang)
			tb.until(fmt.Sprintf(`document.documentElement.lang === %q`, lang))

			tb.open("/labs/threshold-lab", "Where should the alert fire?")
			tb.until(`!!document.querySelector('#lab-issue-form') && !!document.querySelector('#lab-run-start')`)
			tb.expectText("#lab-controls-title", msg("lab.threshold_title"))
			tb.click("#lab-run-start")
			tb.until(`!!document.querySelector('.lab-card')`)
			tb.expectText("#lab-act", msg("lab.card_act"))
			noEnglishLeft(tb, "lab "+lang, english)
			checkPageAt(tb, "lab-"+lang, viewports)

			tb.open("/teams/"+cohort+"/"+team, teamName)
			tb.until(`!!document.querySelector('#exercises-heading')`)
			tb.expectText("#members-heading", msg("team.members"))
			tb.expectText(".breadcrumbs", msg("team.your_teams"))
			noEnglishLeft(tb, "team "+lang, english)
			checkPageAt(tb, "team-"+lang, viewports)
		})
	}
}

// englishFragments returns the stretches of English text, between placeholders, of the web
// messages whose ids start with one of prefixes, where the message in lang does not hold the
// same stretch: a page drawn in lang must show none of them. Stretches shorter than two words
// are left out, as a word like "Team" is the same in several languages.
func englishFragments(t *testing.T, lang string, prefixes ...string) []string {
	t.Helper()
	read := func(lang string) map[string]any {
		body, _, ok := i18n.Default().Web(lang)
		if !ok {
			t.Fatalf("no web messages for %s", lang)
		}
		var doc struct {
			Messages map[string]any `json:"messages"`
		}
		if err := json.Unmarshal(body, &doc); err != nil {
			t.Fatal(err)
		}
		return doc.Messages
	}
	forms := func(m any) []string {
		if s, ok := m.(string); ok {
			return []string{s}
		}
		var out []string
		for _, f := range m.(map[string]any) {
			out = append(out, f.(string))
		}
		return out
	}
	placeholder := regexp.MustCompile(`\{\{\s*\.\w+\s*\}\}`)
	en, translated := read("en"), read(lang)
	var out []string
	for id, m := range en {
		if !hasAnyPrefix(id, prefixes) {
			continue
		}
		theirs := strings.Join(forms(translated[id]), "\n")
		for _, form := range forms(m) {
			for _, part := range placeholder.Split(form, -1) {
				part = strings.Trim(part, " .,:;()–·“”")
				if strings.Count(part, " ") >= 1 && len(part) >= 10 && !strings.Contains(theirs, part) {
					out = append(out, part)
				}
			}
		}
	}
	if len(out) < 100 {
		t.Fatalf("only %d English stretches to look for", len(out))
	}
	return out
}

func hasAnyPrefix(s string, prefixes []string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// noEnglishLeft fails when the page's main content (catalogue prose aside), its labels or its
// options show one of the English stretches, or a message id in place of a message.
func noEnglishLeft(tb *tab, name string, english []string) {
	tb.t.Helper()
	text := eval[string](tb, `(() => {
		const main = /** @type {HTMLElement} */ (document.querySelector('main').cloneNode(true));
		for (const prose of main.querySelectorAll('.prose')) prose.remove();
		document.body.append(main);
		const shown = main.innerText;
		main.remove();
		const labels = [...main.querySelectorAll('[aria-label], option, [aria-valuetext]')]
			.map((el) => [el.getAttribute('aria-label'), el.textContent, el.getAttribute('aria-valuetext')].filter(Boolean).join('\n'));
		return shown + '\n' + labels.join('\n');
	})()`)
	for _, e := range english {
		if strings.Contains(text, e) {
			tb.t.Errorf("%s still shows the English %q", name, e)
		}
	}
	if ids := regexp.MustCompile(`\b(?:lab|team|pages)\.[a-z0-9_]+\b`).FindAllString(text, -1); len(ids) > 0 {
		tb.t.Errorf("%s shows message ids instead of text: %v", name, ids)
	}
}
