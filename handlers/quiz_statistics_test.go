package handlers_test

import (
	"math"
	"net/http"
	"strings"
	"testing"

	"tandem/auth"
	"tandem/testenv"
)

type statisticsBody struct {
	AttemptCount int      `json:"attempt_count"`
	Suppressed   bool     `json:"suppressed"`
	Alpha        *float64 `json:"alpha"`
	Questions    []struct {
		ID             string   `json:"id"`
		Responses      int      `json:"responses"`
		Keyed          bool     `json:"keyed"`
		Facility       *float64 `json:"facility"`
		Discrimination *float64 `json:"discrimination"`
		Groups         []struct {
			Group    string   `json:"group"`
			Facility *float64 `json:"facility"`
		} `json:"groups"`
		Options []struct {
			ID      string `json:"id"`
			Correct bool   `json:"correct"`
			Chosen  int    `json:"chosen"`
		} `json:"options"`
		DIF any `json:"dif"`
	} `json:"questions"`
}

// Six clinical learners answer the test quiz right and six technical learners pick the wrong
// single-choice option and leave the rest blank: the item analysis shows it question by
// question, group by group, to those allowed to see it, and hides a small cohort's figures.
func TestItemAnalysisShowsHowEachQuestionWorked(t *testing.T) {
	env := testenv.NewWith(t, testenv.OwnDatabase(t, testenv.Config(t))) // counts every attempt of the platform
	admin := env.WithRole(auth.RoleAdmin, "other")
	instructor := env.WithRole(auth.RoleInstructor, "medicine")
	var clinical []*testenv.User
	for i := range 12 {
		discipline := "medicine"
		if i >= 6 {
			discipline = "computer_science"
		}
		u := env.Learner(discipline)
		a := start(t, env, u, evalQuiz)
		answers := rightAnswers("wait")
		if i >= 6 {
			answers = []map[string]any{{"question_id": evalQuiz + ".single", "choice_ids": []string{"sens"}}}
		} else {
			clinical = append(clinical, u)
		}
		if resp := submit(env, u, a.ID, answers); resp.Status != http.StatusOK {
			t.Fatalf("submit: %d %s", resp.Status, resp.Body)
		}
	}
	path := "/api/v1/quizzes/" + evalQuiz + "/statistics"
	var st statisticsBody
	env.Do(testenv.Request{Method: "GET", Path: path + "?attempts=first", Token: admin.AccessToken}).Decode(t, &st)
	if st.AttemptCount != 12 || st.Suppressed || st.Alpha == nil {
		t.Fatalf("statistics: %+v", st)
	}
	for _, q := range st.Questions {
		if q.ID == "judge" {
			// Clinical learners chose an option and technical ones left it blank: as if keyed,
			// it would discriminate perfectly and be flagged; it has no key, so it is neither.
			if q.Keyed || q.Facility != nil || q.Discrimination != nil || q.DIF != nil || len(q.Options) == 0 || q.Groups[0].Facility != nil {
				t.Errorf("judge, a judgement question, analysed as if keyed: %+v", q)
			}
			continue
		}
		if q.ID != "single" {
			continue
		}
		if !q.Keyed {
			t.Error("single is not keyed")
		}
		// Right in 6 of 12; every clinical learner right, every technical one wrong; the rest of
		// the attempt rises with the question, so it discriminates perfectly.
		if q.Responses != 12 || q.Facility == nil || *q.Facility != 0.5 || q.Discrimination == nil || math.Abs(*q.Discrimination-1) > 1e-9 {
			t.Errorf("single: %d responses, facility %v, discrimination %v", q.Responses, q.Facility, q.Discrimination)
		}
		groups := map[string]float64{}
		for _, g := range q.Groups {
			groups[g.Group] = *g.Facility
		}
		if groups["clinical"] != 1 || groups["technical"] != 0 {
			t.Errorf("single by group: %v", groups)
		}
		chosen, correct := map[string]int{}, map[string]bool{}
		for _, o := range q.Options {
			chosen[o.ID], correct[o.ID] = o.Chosen, o.Correct
		}
		if chosen["ppv"] != 6 || chosen["sens"] != 6 {
			t.Errorf("single options: %v", chosen)
		}
		// The author analysing the quiz sees which option is the key.
		if !correct["ppv"] || correct["sens"] {
			t.Errorf("single's key as the analysis shows it: %v", correct)
		}
	}
	csv := env.Do(testenv.Request{Method: "GET", Path: path + "?format=csv", Token: admin.AccessToken})
	if csv.Status != http.StatusOK || !strings.HasPrefix(string(csv.Body), "question,type,responses,facility") || !strings.Contains(string(csv.Body), "\nsingle,single_choice,12,0.500,1.000,1.000,0.000") {
		t.Errorf("csv: %d %s", csv.Status, csv.Body)
	}
	for _, who := range []*testenv.User{instructor, clinical[0]} {
		if resp := env.Do(testenv.Request{Method: "GET", Path: path, Token: who.AccessToken}); resp.Status != http.StatusForbidden {
			t.Errorf("platform-wide analysis for a non-author: %d", resp.Status)
		}
	}
	cohort := newCohort(t, env, instructor, clinical[:3]...)
	// The analysis shows the keys: of the cohort, only its instructors read it.
	stranger := env.WithRole(auth.RoleInstructor, "medicine")
	for who, u := range map[string]*testenv.User{"a learner outside the cohort": clinical[4], "a member of the cohort": clinical[0], "another cohort's instructor": stranger} {
		if resp := env.Do(testenv.Request{Method: "GET", Path: path + "?cohort=" + cohort, Token: u.AccessToken}); resp.Status != http.StatusNotFound {
			t.Errorf("%s reads the cohort's analysis: %d", who, resp.Status)
		}
	}
	var small statisticsBody
	env.Do(testenv.Request{Method: "GET", Path: path + "?cohort=" + cohort, Token: instructor.AccessToken}).Decode(t, &small)
	if small.AttemptCount != 0 || !small.Suppressed || len(small.Questions) != 0 {
		t.Errorf("the cohort joined after the attempts, yet its analysis counts them: %+v", small)
	}
	if resp := env.Do(testenv.Request{Method: "GET", Path: path + "?attempts=some", Token: admin.AccessToken}); resp.Status != http.StatusUnprocessableEntity {
		t.Errorf("?attempts=some: %d", resp.Status)
	}
}
