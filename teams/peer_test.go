package teams

import (
	"math"
	"reflect"
	"testing"

	"tandem/i18n"
)

// all gives the same score on every dimension.
func all(score int) map[string]int {
	s := map[string]int{}
	for _, d := range Dimensions() {
		s[d] = score
	}
	return s
}

// with is all(score) with some dimensions changed.
func with(score int, changes map[string]int) map[string]int {
	s := all(score)
	for k, v := range changes {
		s[k] = v
	}
	return s
}

func TestValidateScores(t *testing.T) {
	for _, tc := range []struct {
		name   string
		scores map[string]int
		want   map[string]string
	}{
		{"all fine", all(3), nil},
		{"bounds", with(1, map[string]int{Contributing: 5}), nil},
		{"nil", nil, map[string]string{
			Contributing: "is required", Interacting: "is required", KeepingOnTrack: "is required",
			ExpectingQuality: "is required", RelevantKnowledge: "is required",
		}},
		{"missing one", func() map[string]int { s := all(4); delete(s, KeepingOnTrack); return s }(),
			map[string]string{KeepingOnTrack: "is required"}},
		{"unknown", with(4, map[string]int{"charisma": 5}), map[string]string{"charisma": "is not a rating dimension"}},
		{"too low and too high", with(4, map[string]int{Interacting: 0, RelevantKnowledge: 6}), map[string]string{
			Interacting: "must be between 1 and 5", RelevantKnowledge: "must be between 1 and 5",
		}},
		{"negative", with(4, map[string]int{ExpectingQuality: -3}), map[string]string{ExpectingQuality: "must be between 1 and 5"}},
		{"unknown out of range", with(2, map[string]int{"Contributing": 9}), map[string]string{"Contributing": "is not a rating dimension"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := ValidateScores(tc.scores)
			for k, reason := range got {
				got[k] = i18n.Default().FieldReason("en", reason)
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
}

func TestAdjustments(t *testing.T) {
	team := []string{"ana", "ben", "cem", "dee"}
	for _, tc := range []struct {
		name    string
		members []string
		ratings []Rating
		want    []Adjustment
	}{
		{
			name:    "nobody rated yet",
			members: team[:3],
			want: []Adjustment{
				{UserID: "ana", Factor: 1, NotRated: []string{"ben", "cem"}},
				{UserID: "ben", Factor: 1, NotRated: []string{"ana", "cem"}},
				{UserID: "cem", Factor: 1, NotRated: []string{"ana", "ben"}},
			},
		},
		{
			// ana mean 5, ben mean 4, cem mean 3: team mean 4
			name:    "everyone rated everyone",
			members: team[:3],
			ratings: []Rating{
				{"ben", "ana", all(5)}, {"cem", "ana", all(5)},
				{"ana", "ben", all(4)}, {"cem", "ben", all(4)},
				{"ana", "cem", all(3)}, {"ben", "cem", all(3)},
			},
			want: []Adjustment{
				{UserID: "ana", MeanRating: 5, Factor: 1.05, RatingsReceived: 2, HasRated: true, NotRated: []string{}},
				{UserID: "ben", MeanRating: 4, Factor: 1, RatingsReceived: 2, HasRated: true, NotRated: []string{}},
				{UserID: "cem", MeanRating: 3, Factor: 0.75, RatingsReceived: 2, HasRated: true, NotRated: []string{}},
			},
		},
		{
			// ben's mean is over all ten scores: (5*4 + 1 + 4*5) / 10 = 4.1; dee got no rating
			name:    "mixed scores, an unrated member, a self-rating",
			members: team,
			ratings: []Rating{
				{"ana", "ben", with(5, map[string]int{Contributing: 1})},
				{"cem", "ben", all(4)},
				{"ben", "ana", all(4)},
				{"ben", "ben", all(5)}, // self: ignored
			},
			want: []Adjustment{
				{UserID: "ana", MeanRating: 4, Factor: 4 / 4.05, RatingsReceived: 1, NotRated: []string{"cem", "dee"}},
				{UserID: "ben", MeanRating: 4.1, Factor: 4.1 / 4.05, RatingsReceived: 2, NotRated: []string{"cem", "dee"}},
				{UserID: "cem", Factor: 1, NotRated: []string{"ana", "dee"}},
				{UserID: "dee", Factor: 1, NotRated: []string{"ana", "ben", "cem"}},
			},
		},
		{
			name:    "a later rating replaces an earlier one; outsiders and invalid ratings are ignored",
			members: []string{"ana", "ben", "ana"},
			ratings: []Rating{
				{"ana", "ben", all(1)},
				{"ana", "ben", all(3)},
				{"ben", "ana", all(3)},
				{"zoe", "ana", all(1)},                                  // not in the team
				{"ana", "zoe", all(1)},                                  // not in the team
				{"ben", "ana", with(3, map[string]int{Interacting: 9})}, // invalid: does not replace
			},
			want: []Adjustment{
				{UserID: "ana", MeanRating: 3, Factor: 1, RatingsReceived: 1, HasRated: true, NotRated: []string{}},
				{UserID: "ben", MeanRating: 3, Factor: 1, RatingsReceived: 1, HasRated: true, NotRated: []string{}},
			},
		},
		{
			name:    "a team of one has rated everyone",
			members: []string{"ana"},
			want:    []Adjustment{{UserID: "ana", Factor: 1, HasRated: true, NotRated: []string{}}},
		},
		{
			name: "no members",
			want: []Adjustment{},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := Adjustments(tc.members, tc.ratings)
			if len(got) != len(tc.want) {
				t.Fatalf("got %d adjustments, want %d: %+v", len(got), len(tc.want), got)
			}
			for i, g := range got {
				w := tc.want[i]
				if !near(g.MeanRating, w.MeanRating) || !near(g.Factor, w.Factor) {
					t.Errorf("%s: mean %v factor %v, want %v and %v", g.UserID, g.MeanRating, g.Factor, w.MeanRating, w.Factor)
				}
				g.MeanRating, g.Factor = w.MeanRating, w.Factor
				if !reflect.DeepEqual(g, w) {
					t.Errorf("got %+v\nwant %+v", g, w)
				}
			}
		})
	}
}

// near compares floats computed in different orders.
func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }
