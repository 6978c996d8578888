package teamwork

import (
	"math/rand/v2"
	"slices"
)

// pairTeams gives each team another team to review, reproducibly from seed: the teams, in id
// order, are shuffled with seed and each reviews the next one round the circle. No team
// reviews itself, each is reviewed once, and with three teams or more no two teams review
// each other; two teams can only review each other, and one team cannot be paired (nil).
func pairTeams(teamIDs []string, seed int64) map[string]string {
	if len(teamIDs) < 2 {
		return nil
	}
	order := slices.Clone(teamIDs)
	slices.Sort(order)
	rng := rand.New(rand.NewPCG(uint64(seed), 0x5eed_c0de))
	rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
	out := make(map[string]string, len(order))
	for i, reviewer := range order {
		out[reviewer] = order[(i+1)%len(order)]
	}
	return out
}
