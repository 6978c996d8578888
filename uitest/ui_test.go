package uitest

import (
	"testing"

	"tandem/testenv"
)

// TestUI starts the server and one browser, then runs every browser test against them.
func TestUI(t *testing.T) {
	browser := startBrowser(t)
	env := testenv.New(t)
	t.Run("journey", func(t *testing.T) { testJourney(t, env, browser) })
	t.Run("learning", func(t *testing.T) { testLearning(t, env, browser) })
	t.Run("pages", func(t *testing.T) { testPages(t, env, browser) })
	t.Run("drag", func(t *testing.T) { testDrag(t, env, browser) })
	t.Run("countdown", func(t *testing.T) { testCountdown(t, env, browser) })
	t.Run("session", func(t *testing.T) { testSession(t, env, browser) })
	t.Run("session-across-tabs", func(t *testing.T) { testSessionAcrossTabs(t, env, browser) })
	t.Run("sign-out-across-tabs", func(t *testing.T) { testSignOutAcrossTabs(t, env, browser) })
	t.Run("teamwork", func(t *testing.T) { testTeamwork(t, env, browser) })
	t.Run("team-threads", func(t *testing.T) { testTeamThreads(t, env, browser) })
	t.Run("certificates", func(t *testing.T) { testCertificates(t, env, browser) })
	t.Run("consent", func(t *testing.T) { testConsent(t, env, browser) })
	t.Run("large-cohort", func(t *testing.T) { testLargeCohort(t, env, browser) })
	t.Run("item-analysis", func(t *testing.T) { testItemAnalysis(t, env, browser) })
	t.Run("accommodations", func(t *testing.T) { testAccommodations(t, env, browser) })
	t.Run("accommodations-platform", func(t *testing.T) { testPlatformAccommodations(t, env, browser) })
	t.Run("heat-map", func(t *testing.T) { testHeatMap(t, env, browser) })
	t.Run("dashboard-settings", func(t *testing.T) { testDashboardSettings(t, env, browser) })
	t.Run("planning-widgets", func(t *testing.T) { testPlanningWidgets(t, env, browser) })
	t.Run("exercise-gaps", func(t *testing.T) { testExerciseGaps(t, browser) })
	t.Run("review", func(t *testing.T) { testReview(t, browser) })
	t.Run("reflection", func(t *testing.T) { testReflection(t, browser) })
	t.Run("regrade", func(t *testing.T) { testRegrade(t, browser) })
	t.Run("lab", func(t *testing.T) { testLab(t, env, browser) })
	t.Run("lab-team", func(t *testing.T) { testLabTeam(t, env, browser) })
	t.Run("lab-cards", func(t *testing.T) { testLabCards(t, env, browser) })
	t.Run("lab-review", func(t *testing.T) { testLabReview(t, env, browser) })
	t.Run("outside-verifier", testOutsideVerifier)
	t.Run("account", func(t *testing.T) { testAccount(t, browser) })
	t.Run("lti", func(t *testing.T) { testLTI(t, browser) })
	t.Run("lti-journey", func(t *testing.T) { testLTIJourney(t, browser) })
	t.Run("lti-platform-tab", func(t *testing.T) { testLTIPlatformTab(t, browser) })
	t.Run("oidc", func(t *testing.T) { testOIDC(t, browser) })
	t.Run("admin", func(t *testing.T) { testAdmin(t, env, browser) })
	t.Run("society-admin", func(t *testing.T) { testSocietyAdmin(t, env, browser) })
	t.Run("notifications", func(t *testing.T) { testNotifications(t, env, browser) })
	t.Run("languages", func(t *testing.T) { testLanguages(t, env, browser) })
}
