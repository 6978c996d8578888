package teams

import (
	"slices"

	"tandem/errs"
)

// The five CATME dimensions a member rates each teammate on, as the API names them.
const (
	// Contributing is contributing to the team's work.
	Contributing = "contributing"
	// Interacting is interacting with teammates.
	Interacting = "interacting"
	// KeepingOnTrack is keeping the team on track.
	KeepingOnTrack = "keeping_on_track"
	// ExpectingQuality is expecting quality work.
	ExpectingQuality = "expecting_quality"
	// RelevantKnowledge is having relevant knowledge, skills and abilities.
	RelevantKnowledge = "relevant_knowledge"
)

const (
	// MinScore is the lowest rating on a dimension.
	MinScore = 1
	// MaxScore is the highest rating on a dimension.
	MaxScore = 5
	// MaxFactor caps the adjustment factor, as CATME does, so that a member rated above the
	// team cannot gain more than 5% of the team's grade.
	MaxFactor = 1.05
)

// Dimensions returns the rating dimensions in the order the API lists them.
func Dimensions() []string {
	return []string{Contributing, Interacting, KeepingOnTrack, ExpectingQuality, RelevantKnowledge}
}

// Rating is what one member gave one teammate: a score per dimension.
type Rating struct {
	RaterID string
	RateeID string
	Scores  map[string]int
}

// ValidateScores checks one rating's scores: every dimension present, no other key, every
// score in MinScore..MaxScore. It returns a message per offending key, nil when all is well;
// the caller may prefix the keys with the name of the request field ("ratings.").
func ValidateScores(scores map[string]int) map[string]string {
	var problems map[string]string
	add := func(key, msg string) {
		if problems == nil {
			problems = map[string]string{}
		}
		problems[key] = msg
	}
	dims := Dimensions()
	for _, d := range dims {
		if _, ok := scores[d]; !ok {
			add(d, "is required")
		}
	}
	for key, v := range scores {
		switch {
		case !slices.Contains(dims, key):
			add(key, "is not a rating dimension")
		case v < MinScore || v > MaxScore:
			add(key, errs.Reason("reason.between", map[string]any{"Min": MinScore, "Max": MaxScore}))
		}
	}
	return problems
}

// Adjustment is what peer ratings say about one member.
type Adjustment struct {
	UserID string
	// MeanRating is the mean of every score on every dimension of the ratings the member
	// received; 0 when they received none.
	MeanRating float64
	// Factor is MeanRating over the team's mean, capped at MaxFactor; 1 when the member
	// received no ratings.
	Factor float64
	// RatingsReceived is how many teammates have rated the member.
	RatingsReceived int
	// HasRated says the member has rated every teammate.
	HasRated bool
	// NotRated lists the teammates the member has not rated yet, in team order; never nil.
	NotRated []string
}

// Adjustments computes each member's adjustment, in the order of memberIDs, CATME-style.
// The team's mean is the mean of its members' means, leaving out members nobody rated, so a
// member rated like the average teammate gets factor 1. Ratings of oneself, ratings by or of
// someone not in memberIDs, and ratings whose scores fail ValidateScores are ignored; when a
// member rated the same teammate twice, the later rating in ratings counts.
func Adjustments(memberIDs []string, ratings []Rating) []Adjustment {
	var ids []string
	isMember := map[string]bool{}
	for _, id := range memberIDs {
		if !isMember[id] {
			isMember[id] = true
			ids = append(ids, id)
		}
	}
	type pair struct{ rater, ratee string }
	latest := map[pair]map[string]int{}
	for _, r := range ratings {
		if r.RaterID == r.RateeID || !isMember[r.RaterID] || !isMember[r.RateeID] ||
			ValidateScores(r.Scores) != nil {
			continue
		}
		latest[pair{r.RaterID, r.RateeID}] = r.Scores
	}
	sum, scores, received := map[string]int{}, map[string]int{}, map[string]int{}
	for p, s := range latest {
		received[p.ratee]++
		for _, v := range s {
			sum[p.ratee] += v
			scores[p.ratee]++
		}
	}

	adjs := make([]Adjustment, len(ids))
	for i, id := range ids {
		a := Adjustment{UserID: id, RatingsReceived: received[id], NotRated: []string{}}
		if scores[id] > 0 {
			a.MeanRating = float64(sum[id]) / float64(scores[id])
		}
		for _, other := range ids {
			if other != id && latest[pair{id, other}] == nil {
				a.NotRated = append(a.NotRated, other)
			}
		}
		a.HasRated = len(a.NotRated) == 0
		adjs[i] = a
	}
	SetFactors(adjs)
	return adjs
}

// SetFactors sets each adjustment's Factor from the MeanRating of the members who received
// ratings: their mean over the mean of those members' means, capped at MaxFactor. A member
// nobody rated keeps factor 1.
func SetFactors(adjs []Adjustment) {
	var sum float64
	var rated int
	for _, a := range adjs {
		if a.RatingsReceived > 0 {
			sum += a.MeanRating
			rated++
		}
	}
	for i := range adjs {
		adjs[i].Factor = 1
		if adjs[i].RatingsReceived > 0 {
			adjs[i].Factor = min(MaxFactor, adjs[i].MeanRating/(sum/float64(rated)))
		}
	}
}
