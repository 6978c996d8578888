package cohorts

import (
	"bytes"
	"encoding/json"
	"reflect"
	"testing"
	"time"
)

// WriteJSON must write the document encoding/json would, byte for byte: same fields in the
// same order, same values, escaping included.
func TestWriteJSONMatchesEncodingJSON(t *testing.T) {
	pct, points, factor := 66.67, 10.5, 1.0526315789473684
	last := time.Date(2027, 3, 1, 9, 30, 5, 0, time.UTC)
	d := &Dashboard{
		Cohort:    Cohort{ID: "c1", Name: "Spring \"AI\" cohort", Tracks: []string{"clinicians", "technologists"}, Role: "instructor"},
		Modules:   []ModuleInfo{{Slug: "m1", Title: "Evaluation", Track: "clinicians", LessonsTotal: 3}},
		Exercises: []ExerciseInfo{{Slug: "x1", Title: "Specification", MaxPoints: 12, DueOn: "2027-03-31"}, {Slug: "x2", Title: "Audit", MaxPoints: 8}},
		Learners: []LearnerRow{
			{UserID: "u1", Name: `Zoë "Z" <script>&\`, Email: "z@example.org", Discipline: "nursing", Group: "clinical",
				Institution: "Hôpital\tsaint-Louis\n", Percent: 12.5, Tracks: map[string]float64{"clinicians": 25, "technologists": 0},
				Modules: []Cell{{Lessons: 3, QuizPercent: &pct, QuizPassed: true, Completed: true}, {Lessons: 0}},
				Team:    "Team «Ø» 1", LastActivity: &last, Exercises: []WorkCell{{Version: 2, Status: "accepted", Points: &points, Late: true, PeerFactor: &factor}, {}}},
			{UserID: "u2", Name: "Ada", Tracks: map[string]float64{}, Modules: []Cell{}, Exercises: []WorkCell{}},
		},
		ByModule:     []ModuleStat{{Slug: "m1", Completed: 1, CompletedShare: 50, MeanQuizPercent: &pct}},
		ByExercise:   []ExerciseStat{{Slug: "x1", InTeams: 1, Accepted: 1}, {Slug: "x2", InTeams: 1}},
		ByDiscipline: []GroupStat{{Group: "clinical", Learners: 1, MeanPercent: 12.5}},
		Page:         PageInfo{Number: 1, Size: 100, Total: 2, Learners: 3},
	}
	var got bytes.Buffer
	if err := d.WriteJSON(&got); err != nil {
		t.Fatal(err)
	}
	want, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got.Bytes(), want) {
		t.Errorf("WriteJSON wrote other bytes than encoding/json:\n%s\n%s", got.Bytes(), want)
	}
	var g, w any
	if err := json.Unmarshal(got.Bytes(), &g); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, got.Bytes())
	}
	if err := json.Unmarshal(want, &w); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(g, w) {
		t.Fatalf("WriteJSON wrote\n%s\nencoding/json writes\n%s", got.Bytes(), want)
	}
}
