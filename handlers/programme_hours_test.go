package handlers_test

import (
	"net/http"
	"testing"

	"tandem/testenv"
)

// TestCreditHoursFollowTheMinutes: a programme may award no more hours than its lessons and
// exercises take by the catalogue's stated minutes; other credit units are not counted in time,
// and a refused programme leaves nothing behind.
func TestCreditHoursFollowTheMinutes(t *testing.T) {
	env := testenv.New(t)
	admin := env.WithRole("admin", "other")
	orgID, _, socAdmin := society(t, env, admin, "Hours Society")
	before := env.Scalar("SELECT COUNT(*) FROM programmes")
	// The test catalogue's clinicians track: two modules of 10 + 15 minutes; its exercise 120.
	create := func(body map[string]any) *testenv.Response {
		body["title"], body["description"] = "AI literacy", "For clinicians."
		return env.Do(testenv.Request{Method: "POST", Path: "/api/v1/organisations/" + orgID + "/programmes", Token: socAdmin.AccessToken, Body: body})
	}
	resp := create(map[string]any{"tracks": []string{"clinicians"}, "credits": 1, "credit_unit": "CME hours"})
	var refused struct {
		Error struct {
			Code    string `json:"code"`
			Details struct {
				Fields map[string]string `json:"fields"`
			} `json:"details"`
		} `json:"error"`
	}
	resp.Decode(t, &refused)
	if resp.Status != http.StatusUnprocessableEntity || refused.Error.Code != "validation_failed" ||
		refused.Error.Details.Fields["credits"] != "must be at most 0.83: the programme's lessons and exercises take 50 minutes" {
		t.Fatalf("1 CME hour for 50 minutes: %d %s", resp.Status, resp.Body)
	}
	if n := env.Scalar("SELECT COUNT(*) FROM programmes"); n != before {
		t.Fatalf("a refused programme was stored: %s programmes, %s before", n, before)
	}
	resp = create(map[string]any{"tracks": []string{"clinicians"}, "exercises": []string{"early-warning-spec"}, "credits": 2.5, "credit_unit": "CPD hours"})
	if resp.Status != http.StatusCreated {
		t.Fatalf("2.5 CPD hours for 170 minutes: %d %s", resp.Status, resp.Body)
	}
	p := resp.JSON(t)
	if p["learning_minutes"] != float64(170) || p["credits"] != 2.5 {
		t.Errorf("programme: %v", p)
	}
	shown := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/programmes/" + p["id"].(string)}).JSON(t)
	if shown["learning_minutes"] != float64(170) {
		t.Errorf("programme shown: %v", shown)
	}
	if resp := create(map[string]any{"tracks": []string{"clinicians"}, "credits": 2, "credit_unit": "ECTS"}); resp.Status != http.StatusCreated {
		t.Errorf("ECTS are not hours: %d %s", resp.Status, resp.Body)
	}
}
