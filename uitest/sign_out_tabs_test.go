package uitest

import (
	"context"
	"testing"

	"tandem/testenv"
)

// testSignOutAcrossTabs: a learner has Tandem open in two tabs; logging out in one logs the
// other out at once, without a reload or a click there: its private page gives way to the
// login page and its header offers to log in. Signing in again in one tab is not undone.
func testSignOutAcrossTabs(t *testing.T, env *testenv.Env, browser context.Context) {
	requireAxe(t)
	learner := env.Learner("allied_health")
	laptop := newTab(t, browser, env.URL, 1366, 800)
	logIn(laptop, learner)
	other := laptop.sibling(390, 800)
	other.open("/account", "Your account")
	other.expectText(".account-name", learner.Name)

	laptop.click(".account button.button-quiet")
	laptop.expectText(".account", "Log in")
	other.waitPage("Log in")
	other.expectText(".account", "Log in")
	if eval[bool](other, `!!document.querySelector('.account-name')`) {
		t.Error("the other tab still shows the learner as signed in")
	}
	checkPageAt(other, "signed-out-elsewhere", threadViewports)

	logIn(other, learner)
	laptop.open("/dashboard", "Dashboard")
	laptop.expectText(".account-name", learner.Name)
	other.expectText(".account-name", learner.Name)
}
