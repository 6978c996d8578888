package teams

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
)

// mixes are the discipline mixes random cohorts are drawn from: given a cohort size and a
// source of randomness, how many clinical, technical and other learners.
var mixes = map[string]func(n int, r *rand.Rand) (c, t, o int){
	"balanced": func(n int, r *rand.Rand) (int, int, int) { c := n / 2; return c, n - c, 0 },
	"random": func(n int, r *rand.Rand) (int, int, int) {
		c := r.IntN(n + 1)
		t := r.IntN(n - c + 1)
		return c, t, n - c - t
	},
	"3 clinical":    func(n int, r *rand.Rand) (int, int, int) { c := min(3, n); return c, n - c, 0 },
	"1 clinical":    func(n int, r *rand.Rand) (int, int, int) { return 1, n - 1, 0 },
	"all technical": func(n int, r *rand.Rand) (int, int, int) { return 0, n, 0 },
	"all clinical":  func(n int, r *rand.Rand) (int, int, int) { return n, 0, 0 },
	"few technical": func(n int, r *rand.Rand) (int, int, int) { t := r.IntN(n/4 + 1); return n - t, t, 0 },
	"both scarce": func(n int, r *rand.Rand) (int, int, int) {
		c, t := r.IntN(n/6+1), r.IntN(n/6+1)
		return c, t, n - c - t
	},
	"mostly others": func(n int, r *rand.Rand) (int, int, int) {
		c, t := r.IntN(n/3+1), r.IntN(n/3+1)
		return c, t, n - c - t
	},
	"few clinical 3": func(n int, r *rand.Rand) (int, int, int) { c := r.IntN(4); c = min(c, n); return c, n - c, 0 },
}

// randomCohort draws n learners with a random mix and institutions skewed towards a few.
func randomCohort(r *rand.Rand, n int) []Member {
	names := make([]string, 0, len(mixes))
	for name := range mixes {
		names = append(names, name)
	}
	// map order is random; sort so that a seed always means the same cohort
	for i := range names {
		for j := i + 1; j < len(names); j++ {
			if names[j] < names[i] {
				names[i], names[j] = names[j], names[i]
			}
		}
	}
	c, t, o := mixes[names[r.IntN(len(names))]](n, r)
	return drawCohort(r, c, t, o)
}

// drawCohort builds c clinical, t technical and o other learners, shuffled, from up to 25
// institutions of very different sizes, a few with no institution.
func drawCohort(r *rand.Rand, c, t, o int) []Member {
	var ds []string
	for range c {
		ds = append(ds, clinicalDisciplines[r.IntN(3)])
	}
	for range t {
		ds = append(ds, technicalDisciplines[r.IntN(3)])
	}
	for range o {
		ds = append(ds, otherDisciplines[r.IntN(3)])
	}
	r.Shuffle(len(ds), func(i, j int) { ds[i], ds[j] = ds[j], ds[i] })
	insts := 1 + r.IntN(25)
	ms := cohort(ds)
	for i := range ms {
		switch k := r.IntN(insts * insts); {
		case r.IntN(20) == 0:
			ms[i].Institution = ""
		default: // squaring skews: institution 0 is far more common than the last
			ms[i].Institution = fmt.Sprintf("University %d", insts-1-isqrt(k))
		}
		if r.IntN(10) == 0 {
			ms[i].Institution = " " + ms[i].Institution + " " // same institution, other spelling
		}
	}
	return ms
}

// isqrt is the integer square root.
func isqrt(k int) int {
	s := 0
	for (s+1)*(s+1) <= k {
		s++
	}
	return s
}

func TestFormProperties(t *testing.T) {
	runs := 400
	if testing.Short() {
		runs = 60
	}
	for run := range runs {
		r := rand.New(rand.NewPCG(uint64(run), 7))
		n := 2 + r.IntN(499)
		if run%4 == 0 {
			n = 2 + r.IntN(30) // small cohorts are where the edge cases live
		}
		ms := randomCohort(r, n)
		opt := Options{Size: 2 + r.IntN(7), Seed: r.Int64(), Reform: r.IntN(3) == 0}
		if r.IntN(3) == 0 { // some learners already in teams
			for i := range ms {
				if r.IntN(3) == 0 {
					ms[i].Team = fmt.Sprintf("Team %d", 1+r.IntN(5))
				}
			}
		}
		t.Run(fmt.Sprintf("run%d_n%d_size%d", run, n, opt.Size), func(t *testing.T) {
			teams := mustForm(t, ms, opt)
			checkForm(t, ms, opt, teams)
			r.Shuffle(len(ms), func(i, j int) { ms[i], ms[j] = ms[j], ms[i] })
			if again := mustForm(t, ms, opt); !reflect.DeepEqual(teams, again) {
				t.Error("shuffled input gave other teams")
			}
		})
	}
}

// checkForm checks every rule Form documents.
func checkForm(t *testing.T, ms []Member, opt Options, teams []Team) {
	t.Helper()
	byID := map[string]Member{}
	for _, m := range ms {
		byID[m.UserID] = m
	}
	seen := map[string]bool{}
	names := map[string]bool{}
	existed, unplaced := map[string]bool{}, 0
	for _, m := range ms {
		if opt.Reform || m.Team == "" {
			unplaced++
		} else {
			existed[m.Team] = true
		}
	}
	var formed []Team
	var rest []Member
	for _, tm := range teams {
		if names[tm.Name] {
			t.Fatalf("two teams named %s", tm.Name)
		}
		names[tm.Name] = true
		for _, m := range tm.Members {
			if seen[m.UserID] {
				t.Fatalf("%s is in two teams", m.UserID)
			}
			seen[m.UserID] = true
			if m.Team != tm.Name {
				t.Fatalf("%s in %s says %q", m.UserID, tm.Name, m.Team)
			}
		}
		if !opt.Reform && existed[tm.Name] {
			// A kept team holds its old members, and the one learner left over if only one was.
			for _, m := range tm.Members {
				if was := byID[m.UserID].Team; was != tm.Name && (was != "" || unplaced != 1 || len(existed) == 0) {
					t.Fatalf("%s (in %q) joined kept team %s", m.UserID, was, tm.Name)
				}
			}
			continue
		}
		formed = append(formed, tm)
		for _, m := range tm.Members {
			if !opt.Reform && byID[m.UserID].Team != "" {
				t.Fatalf("%s left team %s", m.UserID, byID[m.UserID].Team)
			}
			rest = append(rest, m)
		}
	}
	if len(seen) != len(ms) {
		t.Fatalf("%d of %d learners placed", len(seen), len(ms))
	}
	if !opt.Reform && unplaced == 1 && len(existed) > 0 && len(formed) > 0 {
		t.Fatalf("the one learner left over was put in a team of their own: %v", formed)
	}
	if len(rest) == 0 {
		return
	}

	n, k := len(rest), len(formed)
	if want := bestCount(n, opt.Size); k != want {
		t.Errorf("%d teams for %d learners at size %d, want %d", k, n, opt.Size, want)
	}
	c, tech := countKind(rest, clinical), countKind(rest, technical)
	mixed := 0
	for _, tm := range formed {
		if s := len(tm.Members); s != n/k && s != (n+k-1)/k {
			t.Errorf("%s has %d members, want %d or %d", tm.Name, s, n/k, (n+k-1)/k)
		}
		for _, g := range []kind{clinical, technical} {
			d := countKind(rest, g)
			if got := kindCount(tm, g); got != d/k && got != (d+k-1)/k {
				t.Errorf("%s has %d of kind %d, want %d or %d", tm.Name, got, g, d/k, (d+k-1)/k)
			}
		}
		if kindCount(tm, clinical) > 0 && kindCount(tm, technical) > 0 {
			mixed++
		}
	}
	if want := min(c, tech, k); mixed != want {
		t.Errorf("%d mixed teams, want %d (c=%d t=%d k=%d)", mixed, want, c, tech, k)
	}
	checkNoImprovingSwap(t, formed)
}

// bestCount is the team count Form documents: of floor(n/size) and ceil(n/size), the one
// whose team sizes are off size by least in total, the smaller on a tie.
func bestCount(n, size int) int {
	best, bestGap := 1, -1
	for _, k := range []int{n / size, (n + size - 1) / size} {
		if k < 1 {
			continue
		}
		gap := 0
		for i := range k { // team i has n/k members, plus one for the first n%k teams
			s := n / k
			if i < n%k {
				s++
			}
			gap += max(s-size, size-s)
		}
		if bestGap < 0 || gap < bestGap {
			best, bestGap = k, gap
		}
	}
	return best
}

// checkNoImprovingSwap fails if swapping two learners of the same kind between two teams
// would lower the number of same-institution pairs. It tries every such swap.
func checkNoImprovingSwap(t *testing.T, teams []Team) {
	t.Helper()
	type learner struct {
		kind kind
		inst string
	}
	ls := make([][]learner, len(teams))
	for i, tm := range teams {
		for _, m := range tm.Members {
			ls[i] = append(ls[i], learner{testKind(m.Discipline), strings.ToLower(strings.TrimSpace(m.Institution))})
		}
	}
	pairs := func(team []learner) int {
		n := 0
		for i, a := range team {
			for _, b := range team[i+1:] {
				if a.inst != "" && a.inst == b.inst {
					n++
				}
			}
		}
		return n
	}
	for x := range ls {
		for y := x + 1; y < len(ls); y++ {
			before := pairs(ls[x]) + pairs(ls[y])
			for i, a := range ls[x] {
				for j, b := range ls[y] {
					if a.kind != b.kind || a.inst == b.inst {
						continue
					}
					ls[x][i], ls[y][j] = b, a
					after := pairs(ls[x]) + pairs(ls[y])
					ls[x][i], ls[y][j] = a, b
					if after < before {
						t.Fatalf("swapping %s (%s) and %s (%s) lowers their teams' same-institution pairs from %d to %d",
							teams[x].Members[i].UserID, teams[x].Name, teams[y].Members[j].UserID, teams[y].Name, before, after)
					}
				}
			}
		}
	}
}

func BenchmarkForm2000(b *testing.B) {
	r := rand.New(rand.NewPCG(2000, 5))
	ms := drawCohort(r, 800, 1000, 200)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Form(ms, Options{Size: 5, Seed: 9}); err != nil {
			b.Fatal(err)
		}
	}
}
