package teams

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"tandem/errs"
)

var (
	clinicalDisciplines  = []string{"medicine", "nursing", "allied_health"}
	technicalDisciplines = []string{"computer_science", "data_science", "engineering"}
	otherDisciplines     = []string{"other", "law", ""}
)

// cohort builds members u001, u002, ... with the given disciplines and, cycling, institutions.
func cohort(disciplines []string, institutions ...string) []Member {
	ms := make([]Member, len(disciplines))
	for i, d := range disciplines {
		ms[i] = Member{UserID: fmt.Sprintf("u%03d", i+1), Name: fmt.Sprintf("Learner %d", i+1), Discipline: d}
		if len(institutions) > 0 {
			ms[i].Institution = institutions[i%len(institutions)]
		}
	}
	return ms
}

// repeat is n copies of s.
func repeat(s string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = s
	}
	return out
}

// mustForm forms teams, failing the test on error.
func mustForm(t testing.TB, ms []Member, opt Options) []Team {
	t.Helper()
	teams, err := Form(ms, opt)
	if err != nil {
		t.Fatalf("Form: %v", err)
	}
	return teams
}

// sizes returns the team sizes.
func sizes(teams []Team) []int {
	out := make([]int, len(teams))
	for i, t := range teams {
		out[i] = len(t.Members)
	}
	return out
}

// kindCount is how many members of a team are of kind g, by the test's own lists.
func kindCount(t Team, g kind) int {
	n := 0
	for _, m := range t.Members {
		if testKind(m.Discipline) == g {
			n++
		}
	}
	return n
}

// testKind classifies a discipline independently of kindOf.
func testKind(d string) kind {
	for _, c := range clinicalDisciplines {
		if strings.EqualFold(strings.TrimSpace(d), c) {
			return clinical
		}
	}
	for _, c := range technicalDisciplines {
		if strings.EqualFold(strings.TrimSpace(d), c) {
			return technical
		}
	}
	return other
}

func TestFormErrors(t *testing.T) {
	for _, tc := range []struct {
		name    string
		ms      []Member
		size    int
		code    string
		isPlain bool
	}{
		{"size 1", cohort([]string{"medicine", "engineering"}), 1, "validation_failed", false},
		{"size 0", cohort([]string{"medicine", "engineering"}), 0, "validation_failed", false},
		{"no members", nil, 4, "no_learners", false},
		{"duplicate id", append(cohort([]string{"medicine"}), cohort([]string{"nursing"})...), 2, "", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Form(tc.ms, Options{Size: tc.size})
			var e *errs.Error
			switch {
			case err == nil:
				t.Fatal("no error")
			case tc.isPlain && errors.As(err, &e):
				t.Fatalf("want a plain error, got %v", err)
			case !tc.isPlain && (!errors.As(err, &e) || e.Code != tc.code || e.Status != 422):
				t.Fatalf("want a 422 %s, got %v", tc.code, err)
			}
		})
	}
}

func TestTeamCount(t *testing.T) {
	for _, tc := range []struct{ n, size, want int }{
		{2, 2, 1}, {3, 2, 1}, {4, 2, 2}, {7, 2, 3}, {3, 5, 1}, {1, 5, 1},
		{6, 5, 1}, {7, 5, 1}, {8, 5, 2}, {9, 5, 2}, {10, 5, 2}, {11, 5, 2}, {13, 5, 3},
		{17, 4, 4}, {2000, 5, 400}, {2001, 5, 400}, {2004, 5, 401}, {2003, 5, 401},
	} {
		if got := teamCount(tc.n, tc.size); got != tc.want {
			t.Errorf("teamCount(%d, %d) = %d, want %d", tc.n, tc.size, got, tc.want)
		}
	}
	for n := 2; n <= 600; n++ {
		for size := 2; size <= 40; size++ {
			if k := teamCount(n, size); k != bestCount(n, size) || k >= 2 && n/k < 2 {
				t.Fatalf("teamCount(%d, %d) = %d: want %d, never a team of one", n, size, k, bestCount(n, size))
			}
		}
	}
}

func TestFormSmallCohorts(t *testing.T) {
	for _, tc := range []struct {
		name      string
		ms        []Member
		size      int
		wantSizes []int // sorted descending
		wantMixed int
	}{
		{"pair", cohort([]string{"medicine", "data_science"}), 2, []int{2}, 1},
		{"seven at two", cohort(append(repeat("nursing", 4), repeat("engineering", 3)...)), 2, []int{3, 2, 2}, 3},
		{"3 clinical and 14 technical", cohort(append(repeat("medicine", 3), repeat("computer_science", 14)...)), 4, []int{5, 4, 4, 4}, 3},
		{"all technical", cohort(repeat("data_science", 10)), 3, []int{4, 3, 3}, 0},
		{"one clinical", cohort(append([]string{"medicine"}, repeat("engineering", 9)...)), 5, []int{5, 5}, 1},
		{"both scarce", cohort(append([]string{"medicine", "nursing", "engineering", "data_science"}, repeat("other", 8)...)), 3, []int{3, 3, 3, 3}, 2},
		{"fewer than size", cohort([]string{"medicine", "other", "engineering"}), 6, []int{3}, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			teams := mustForm(t, tc.ms, Options{Size: tc.size, Seed: 1})
			got := sizes(teams)
			if !reflect.DeepEqual(sortedDesc(got), tc.wantSizes) {
				t.Errorf("sizes %v, want %v", got, tc.wantSizes)
			}
			mixed := 0
			for _, tm := range teams {
				if kindCount(tm, clinical) > 0 && kindCount(tm, technical) > 0 {
					mixed++
				}
				if kindCount(tm, clinical) > 1 && len(teams) > countKind(tc.ms, clinical) {
					t.Errorf("%s has two clinical learners while the cohort has too few to go round", tm.Name)
				}
			}
			if mixed != tc.wantMixed {
				t.Errorf("%d mixed teams, want %d: %v", mixed, tc.wantMixed, teams)
			}
			for i, tm := range teams {
				if want := fmt.Sprintf("Team %d", i+1); tm.Name != want {
					t.Errorf("team %d is named %q, want %q", i, tm.Name, want)
				}
			}
		})
	}
}

func TestFormSpreadsInstitutions(t *testing.T) {
	// Four institutions of two learners each, one clinical and one technical: four teams of
	// two can be mixed and have no two learners of one institution.
	ms := cohort([]string{"medicine", "engineering", "nursing", "data_science", "medicine", "engineering", "nursing", "data_science"},
		"Uni A", "uni a ", "Uni B", "UNI B", "Uni C", "Uni C", "Uni D", "Uni D")
	for seed := range int64(20) {
		teams := mustForm(t, ms, Options{Size: 2, Seed: seed})
		if p := samePairs(teams); p != 0 {
			t.Fatalf("seed %d: %d same-institution pairs: %v", seed, p, teams)
		}
	}
}

func TestFormKeepsExistingTeams(t *testing.T) {
	ms := cohort([]string{"medicine", "engineering", "nursing", "data_science", "medicine", "engineering", "other", "nursing", "data_science"})
	ms[0].Team, ms[1].Team = "Team 7", "Team 7"
	ms[2].Team, ms[3].Team = "Blue", "Blue"
	ms[4].Team = "team 2"

	teams := mustForm(t, ms, Options{Size: 2, Seed: 3})
	var names []string
	for _, tm := range teams {
		names = append(names, tm.Name)
	}
	if want := []string{"team 2", "Team 7", "Blue", "Team 8", "Team 9"}; !reflect.DeepEqual(names, want) {
		t.Fatalf("names %v, want %v", names, want)
	}
	if ids := memberIDs(teams[1]); !reflect.DeepEqual(ids, []string{"u001", "u002"}) {
		t.Errorf("Team 7 is %v, want u001 u002", ids)
	}
	for _, tm := range teams[3:] {
		for _, m := range tm.Members {
			if m.Team != tm.Name {
				t.Errorf("%s in %s says Team %q", m.UserID, tm.Name, m.Team)
			}
		}
	}

	teams = mustForm(t, ms, Options{Size: 2, Seed: 3, Reform: true})
	if len(teams) != 4 || teams[0].Name != "Team 1" || teams[3].Name != "Team 4" {
		t.Errorf("re-formed into %v, want Team 1 to Team 4", teams)
	}
}

// A learner who joins after teams were formed is not left in a team of one: they join the
// team that lacks their side of the course, else the smallest, else the one with fewest of
// their institution.
func TestFormPlacesALateLearnerInAnExistingTeam(t *testing.T) {
	tests := []struct {
		name string
		late Member
		want string
	}{
		{"clinical joins the team without one", Member{UserID: "u100", Discipline: "nursing"}, "Team 2"},
		{"technical, every team has one: the first of the smaller", Member{UserID: "u100", Discipline: "data_science"}, "Team 2"},
		{"other, same sizes: fewest of its institution", Member{UserID: "u100", Discipline: "law", Institution: "North"}, "Team 3"},
		{"other, same sizes, the other institution", Member{UserID: "u100", Discipline: "law", Institution: "south "}, "Team 2"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ms := cohort([]string{"medicine", "engineering", "engineering", "computer_science", "medicine", "data_science"},
				"North", "South", "North")
			ms[0].Team, ms[1].Team = "Team 1", "Team 1"                                     // medicine North, engineering South
			ms[2].Team, ms[3].Team = "Team 2", "Team 2"                                     // engineering North, computer_science North
			ms[4].Team, ms[5].Team = "Team 3", "Team 3"                                     // medicine South, data_science North
			ms = append(ms, Member{UserID: "u050", Discipline: "medicine", Team: "Team 1"}) // Team 1 is the largest
			ms = append(ms, tc.late)
			teams := mustForm(t, ms, Options{Size: 2, Seed: 1})
			if len(teams) != 3 {
				t.Fatalf("%d teams, want the 3 existing ones: %v", len(teams), teams)
			}
			for _, tm := range teams {
				for _, m := range tm.Members {
					if m.UserID == "u100" && (tm.Name != tc.want || m.Team != tc.want) {
						t.Fatalf("the late learner joined %s (says %q), want %s", tm.Name, m.Team, tc.want)
					}
				}
			}
		})
	}
	// Two or more late learners still form a team of their own.
	ms := cohort([]string{"medicine", "engineering", "nursing", "data_science"})
	ms[0].Team, ms[1].Team = "Team 1", "Team 1"
	if teams := mustForm(t, ms, Options{Size: 2, Seed: 1}); len(teams) != 2 || teams[1].Name != "Team 2" {
		t.Fatalf("two late learners: %v", teams)
	}
}

func TestFormIsReproducible(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	ms := randomCohort(rng, 60)
	first := mustForm(t, ms, Options{Size: 4, Seed: 42})
	rng.Shuffle(len(ms), func(i, j int) { ms[i], ms[j] = ms[j], ms[i] })
	if again := mustForm(t, ms, Options{Size: 4, Seed: 42}); !reflect.DeepEqual(first, again) {
		t.Fatal("the same cohort in another order gave other teams")
	}
	differ := 0
	for seed := range int64(10) {
		if !reflect.DeepEqual(first, mustForm(t, ms, Options{Size: 4, Seed: seed + 100})) {
			differ++
		}
	}
	if differ < 9 {
		t.Errorf("only %d of 10 other seeds gave other teams", differ)
	}
}

// sortedDesc returns a sorted copy, largest first.
func sortedDesc(xs []int) []int {
	out := append([]int(nil), xs...)
	for i := range out {
		for j := i + 1; j < len(out); j++ {
			if out[j] > out[i] {
				out[i], out[j] = out[j], out[i]
			}
		}
	}
	return out
}

// countKind is how many members are of kind g.
func countKind(ms []Member, g kind) int {
	n := 0
	for _, m := range ms {
		if testKind(m.Discipline) == g {
			n++
		}
	}
	return n
}

// memberIDs lists a team's user ids.
func memberIDs(t Team) []string {
	var ids []string
	for _, m := range t.Members {
		ids = append(ids, m.UserID)
	}
	return ids
}

// samePairs counts pairs of teammates from the same, non-empty institution.
func samePairs(teams []Team) int {
	n := 0
	for _, t := range teams {
		for i, a := range t.Members {
			for _, b := range t.Members[i+1:] {
				if sameInstitution(a, b) {
					n++
				}
			}
		}
	}
	return n
}

// sameInstitution compares institutions as Form documents.
func sameInstitution(a, b Member) bool {
	ka, kb := strings.ToLower(strings.TrimSpace(a.Institution)), strings.ToLower(strings.TrimSpace(b.Institution))
	return ka != "" && ka == kb
}
