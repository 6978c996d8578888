package teams

import (
	"cmp"
	"math/rand/v2"
	"slices"
	"strings"
	"unicode"

	"tandem/disciplines"
)

// maxSwapPasses bounds the improvement pass of Form; each pass visits every learner once.
// Random cohorts of up to 2,000 learners settle in a handful.
const maxSwapPasses = 50

// kind is the side of the course a learner's discipline belongs to.
type kind int

const (
	other kind = iota
	clinical
	technical
	kinds // how many kinds there are
)

// kindOf maps a discipline to its kind, ignoring case, spaces and hyphens.
func kindOf(discipline string) kind {
	d := strings.Map(func(r rune) rune {
		if r == ' ' || r == '-' {
			return '_'
		}
		return unicode.ToLower(r)
	}, strings.TrimSpace(discipline))
	switch disciplines.Group(d) {
	case disciplines.Clinical:
		return clinical
	case disciplines.Technical:
		return technical
	}
	return other
}

// institutionKey is the form of an institution name that is compared.
func institutionKey(name string) string {
	return strings.ToLower(strings.Join(strings.Fields(name), " "))
}

// layout is a split of learners into teams under construction, with what the improvement
// pass needs to price a swap in constant time.
type layout struct {
	kind []kind
	// inst is the learner's institution, numbered from 0, or -1 when it is empty or the
	// learner is its only one: such a learner can never be in a same-institution pair.
	inst  []int
	insts int
	team  []int
	count []int32 // count[t*insts+i] is how many learners of institution i team t holds
}

// assign splits ms into k teams by the rules of Form and returns, per team, the indices of
// its members in ascending order.
func assign(ms []Member, k int, rng *rand.Rand) [][]int {
	l := newLayout(ms, k)
	var counts [kinds]int
	for _, g := range l.kind {
		counts[g]++
	}
	slots := planSlots(counts, k)
	rng.Shuffle(k, func(i, j int) { slots[i], slots[j] = slots[j], slots[i] })
	l.place(slots, rng)
	l.improve()
	teams := make([][]int, k)
	for m, t := range l.team {
		teams[t] = append(teams[t], m)
	}
	return teams
}

// newLayout numbers the institutions of ms and leaves every learner in no team.
func newLayout(ms []Member, k int) *layout {
	l := &layout{kind: make([]kind, len(ms)), inst: make([]int, len(ms)), team: make([]int, len(ms))}
	keys := make([]string, len(ms))
	seen := map[string]int{}
	for m, mem := range ms {
		if keys[m] = institutionKey(mem.Institution); keys[m] != "" {
			seen[keys[m]]++
		}
	}
	shared := make([]string, 0, len(seen))
	for key, n := range seen {
		if n > 1 {
			shared = append(shared, key)
		}
	}
	slices.Sort(shared) // map order must not leak into the result
	id := make(map[string]int, len(shared))
	for i, key := range shared {
		id[key] = i
	}
	l.insts = len(shared)
	for m, mem := range ms {
		l.kind[m] = kindOf(mem.Discipline)
		l.inst[m] = -1
		if i, ok := id[keys[m]]; ok {
			l.inst[m] = i
		}
		l.team[m] = -1
	}
	l.count = make([]int32, k*l.insts)
	return l
}

// planSlots decides how many learners of each kind every team takes: clinical and technical
// learners each spread as evenly as possible, on the same teams when both are scarce (so as
// many teams as possible are mixed), otherwise technical extras start where clinical ones end
// (so sizes stay even); other learners then fill the smallest teams.
func planSlots(counts [kinds]int, k int) [][kinds]int {
	slots := make([][kinds]int, k)
	c, t := counts[clinical], counts[technical]
	for i := range slots {
		slots[i][clinical] = c / k
		slots[i][technical] = t / k
	}
	for i := range c % k {
		slots[i][clinical]++
	}
	start := c % k
	if c < k && t < k {
		start = 0
	}
	for j := range t % k {
		slots[(start+j)%k][technical]++
	}
	size := func(s [kinds]int) int { return s[clinical] + s[technical] + s[other] }
	for range counts[other] {
		best := 0
		for i := 1; i < k; i++ {
			if size(slots[i]) < size(slots[best]) ||
				size(slots[i]) == size(slots[best]) && slots[i][other] < slots[best][other] {
				best = i
			}
		}
		slots[best][other]++
	}
	return slots
}

// at is how many learners of institution i team t holds; 0 for no institution.
func (l *layout) at(t, i int) int {
	if i < 0 {
		return 0
	}
	return int(l.count[t*l.insts+i])
}

// move puts learner m in team t.
func (l *layout) move(m, t int) {
	if i := l.inst[m]; i >= 0 {
		if old := l.team[m]; old >= 0 {
			l.count[old*l.insts+i]--
		}
		l.count[t*l.insts+i]++
	}
	l.team[m] = t
}

// place fills the slots greedily, learners of the largest institutions first, each into the
// team with a free slot of their kind that holds fewest of their institution, then the one
// with most free slots of their kind left, then a random one.
func (l *layout) place(slots [][kinds]int, rng *rand.Rand) {
	size := make([]int, l.insts)
	for _, i := range l.inst {
		if i >= 0 {
			size[i]++
		}
	}
	instSize := func(i int) int {
		if i < 0 {
			return 0
		}
		return size[i]
	}
	order := make([]int, len(l.inst))
	tie := make([]uint64, len(l.inst))
	for m := range order {
		order[m], tie[m] = m, rng.Uint64()
	}
	slices.SortFunc(order, func(a, b int) int {
		return cmp.Or(cmp.Compare(instSize(l.inst[b]), instSize(l.inst[a])),
			cmp.Compare(l.inst[a], l.inst[b]), cmp.Compare(tie[a], tie[b]))
	})
	rank := rng.Perm(len(slots))
	var open [kinds][]int // teams with a free slot of each kind; order is irrelevant as rank breaks every tie
	for t, s := range slots {
		for g := range kinds {
			if s[g] > 0 {
				open[g] = append(open[g], t)
			}
		}
	}
	for _, m := range order {
		g, i := l.kind[m], l.inst[m]
		best := 0
		for j, t := range open[g][1:] {
			b := open[g][best]
			if cmp.Or(cmp.Compare(l.at(t, i), l.at(b, i)),
				cmp.Compare(slots[b][g], slots[t][g]), cmp.Compare(rank[t], rank[b])) < 0 {
				best = j + 1
			}
		}
		t := open[g][best]
		l.move(m, t)
		if slots[t][g]--; slots[t][g] == 0 {
			last := len(open[g]) - 1
			open[g][best] = open[g][last]
			open[g] = open[g][:last]
		}
	}
}

// improve swaps learners of the same kind between teams while that lowers the number of
// same-institution pairs. Swapping like for like keeps every size and discipline rule.
func (l *layout) improve() {
	var byKind [kinds][]int
	for m, g := range l.kind {
		byKind[g] = append(byKind[g], m)
	}
	for range maxSwapPasses {
		swapped := false
		for a := range l.team {
			x, ia := l.team[a], l.inst[a]
			if l.at(x, ia) < 2 {
				continue
			}
			best, bestGain := -1, 0
			for _, b := range byKind[l.kind[a]] {
				y, ib := l.team[b], l.inst[b]
				if y == x || ib == ia {
					continue
				}
				// pairs a leaves in x, plus those b leaves in y, minus those each joins
				gain := l.at(x, ia) - 1 - l.at(y, ia)
				if ib >= 0 {
					gain += l.at(y, ib) - 1 - l.at(x, ib)
				}
				if gain > bestGain {
					best, bestGain = b, gain
				}
			}
			if best >= 0 {
				y := l.team[best]
				l.move(a, y)
				l.move(best, x)
				swapped = true
			}
		}
		if !swapped {
			return
		}
	}
}
