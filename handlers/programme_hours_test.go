package handlers_test

import (
	"maps"
	"net/http"
	"strings"
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

// TestProgrammeChecksAlikeOnCreateAndEdit: creating and editing a programme refuse the same
// input with the same reasons, and a refused edit changes nothing.
func TestProgrammeChecksAlikeOnCreateAndEdit(t *testing.T) {
	env := testenv.New(t)
	admin := env.WithRole("admin", "other")
	orgID, _, socAdmin := society(t, env, admin, "Checks Society")
	long := strings.Repeat("d", 5001)
	bad := map[string]any{"title": "AI literacy", "description": long, "tracks": []string{"clinicians"}, "min_quiz_percent": 101}
	want := map[string]string{"description": "must be at most 5000 characters", "min_quiz_percent": "must be from 0 to 100"}
	refusal := func(resp *testenv.Response) map[string]string {
		var body struct {
			Error struct {
				Details struct {
					Fields map[string]string `json:"fields"`
				} `json:"details"`
			} `json:"error"`
		}
		resp.Decode(t, &body)
		if resp.Status != http.StatusUnprocessableEntity {
			t.Fatalf("%d %s", resp.Status, resp.Body)
		}
		return body.Error.Details.Fields
	}
	path := "/api/v1/organisations/" + orgID + "/programmes"
	if got := refusal(env.Do(testenv.Request{Method: "POST", Path: path, Token: socAdmin.AccessToken, Body: bad})); !maps.Equal(got, want) {
		t.Errorf("create refused with %v, want %v", got, want)
	}
	good := map[string]any{"title": "AI literacy", "description": "For clinicians.", "tracks": []string{"clinicians"}, "min_quiz_percent": 60}
	created := env.Do(testenv.Request{Method: "POST", Path: path, Token: socAdmin.AccessToken, Body: good})
	if created.Status != http.StatusCreated {
		t.Fatalf("create: %d %s", created.Status, created.Body)
	}
	id := created.JSON(t)["id"].(string)
	edit := env.Do(testenv.Request{Method: "PATCH", Path: "/api/v1/programmes/" + id, Token: socAdmin.AccessToken, Body: bad})
	if got := refusal(edit); !maps.Equal(got, want) {
		t.Errorf("edit refused with %v, want %v", got, want)
	}
	if shown := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/programmes/" + id}).JSON(t); shown["description"] != "For clinicians." || shown["min_quiz_percent"] != float64(60) {
		t.Errorf("a refused edit changed the programme: %v", shown)
	}
}
