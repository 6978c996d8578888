// Package teams holds the rules of Tandem's mixed teams: how a cohort is split into teams,
// how peer ratings become adjustment factors, and how a team's Markdown submission is rendered
// safely. It knows nothing of HTTP or the database.
package teams

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"tandem/errs"
)

// Member is a learner to be placed in a team. Discipline is the learner's own, grouped as
// the disciplines package says (written loosely: case, spaces and hyphens do not matter).
// Team names the team they are in already, "" if none.
type Member struct {
	UserID      string
	Name        string
	Discipline  string
	Institution string
	Team        string
}

// Options says how Form forms teams: the wished team size (at least 2), the seed that makes
// the result reproducible, and whether to re-form teams that already exist.
type Options struct {
	Size   int
	Seed   int64
	Reform bool
}

// Team is a named team with its members, sorted by UserID.
type Team struct {
	Name    string
	Members []Member
}

// Form splits a cohort into teams. It first sorts members by UserID, so the order they come
// in does not matter: the same members and seed always give the same teams.
//
// Without Reform, members whose Team is set stay in it and their teams are returned as they
// are, first, in name order; only the others are formed into new teams, numbered after the
// highest existing "Team N" ("Team 7", "Team 8", ...; names never repeat). A single learner
// left over, who would make a team of one, joins an existing team instead (see joinTarget).
// With Reform every
// existing team is ignored and the new teams are "Team 1", "Team 2", .... Every returned
// member has Team set to its team's name. The rules below hold for the new teams, formed from
// the n members not kept:
//
//   - Count: k = floor(n/Size) or ceil(n/Size), whichever makes the sum over the teams of
//     |team size - Size| smaller; on a tie, the fewer, larger teams. So 2,004 at size 5 make
//     400 teams of 5 and one of 4, 7 at size 2 make 3+2+2 (not 2+2+2+1), 7 at size 5 make
//     one team of 7 (not 4+3), 9 at size 5 make 5+4. k is at least 1.
//   - Sizes: every team has floor(n/k) or ceil(n/k) members, so sizes differ by at most one;
//     with k >= 2 every team has at least two members.
//   - Disciplines: for the clinical learners (c of them) and for the technical ones (t),
//     separately, every team holds floor(c/k) or ceil(c/k) of them (likewise for t). So each
//     team has a clinical learner when c >= k, and when c < k exactly c teams have one and no
//     team has two: a scarce discipline is never doubled up while another team has none.
//   - Mixing: exactly min(c, t, k) teams have both a clinical and a technical learner, the
//     most any split can have; in particular every team is mixed when c >= k and t >= k.
//     When both are scarce the clinical and technical learners go to the same teams.
//   - Institutions: within the rules above, learners are placed greedily so that a team holds
//     as few learners of one institution as possible; then two learners of the same kind
//     (clinical, technical, other) in different teams are swapped whenever that lowers the
//     number of same-institution pairs of teammates, until no such swap helps (a local
//     minimum) or after maxSwapPasses passes, a bound the property tests never reach.
//     Institutions compare case- and space-insensitively; an empty one matches nobody.
//
// Form returns a *errs.Error when Size is below 2 or there are no members, and a plain
// error when a UserID appears twice.
func Form(members []Member, opt Options) ([]Team, error) {
	if opt.Size < 2 {
		return nil, errs.Invalid(map[string]string{"team_size": "must be at least 2"})
	}
	if len(members) == 0 {
		return nil, errs.New(http.StatusUnprocessableEntity, "no_learners", "The cohort has no learners to form teams from.")
	}
	sorted := slices.Clone(members)
	slices.SortFunc(sorted, func(a, b Member) int { return strings.Compare(a.UserID, b.UserID) })
	for i := 1; i < len(sorted); i++ {
		if sorted[i].UserID == sorted[i-1].UserID {
			return nil, fmt.Errorf("teams: learner %q is listed twice", sorted[i].UserID)
		}
	}

	var kept, rest []Member
	for _, m := range sorted {
		if opt.Reform || m.Team == "" {
			m.Team = ""
			rest = append(rest, m)
		} else {
			kept = append(kept, m)
		}
	}
	teams := existingTeams(kept)
	if len(rest) == 0 {
		return teams, nil
	}
	if len(rest) == 1 && len(teams) > 0 {
		t := &teams[joinTarget(teams, rest[0])]
		m := rest[0]
		m.Team = t.Name
		t.Members = append(t.Members, m)
		slices.SortFunc(t.Members, func(a, b Member) int { return strings.Compare(a.UserID, b.UserID) })
		return teams, nil
	}

	rng := rand.New(rand.NewPCG(uint64(opt.Seed), 0x7a4d3e1b))
	place := assign(rest, teamCount(len(rest), opt.Size), rng)
	names := newNames(len(place), teams)
	for i, idx := range place {
		t := Team{Name: names[i], Members: make([]Member, len(idx))}
		for j, m := range idx {
			t.Members[j] = rest[m]
			t.Members[j].Team = t.Name
		}
		teams = append(teams, t)
	}
	return teams, nil
}

// joinTarget is the index of the team a late learner m joins: one without a learner of m's
// kind when m is clinical or technical (so the team becomes mixed), then the smallest, then
// the one with fewest learners of m's institution, then the first.
func joinTarget(teams []Team, m Member) int {
	mk, inst := kindOf(m.Discipline), institutionKey(m.Institution)
	score := func(t Team) [3]int {
		var s [3]int
		for _, o := range t.Members {
			if mk != other && kindOf(o.Discipline) == mk {
				s[0] = 1
			}
			if inst != "" && institutionKey(o.Institution) == inst {
				s[2]++
			}
		}
		s[1] = len(t.Members)
		return s
	}
	best, bestScore := 0, score(teams[0])
	for i := 1; i < len(teams); i++ {
		if sc := score(teams[i]); slices.Compare(sc[:], bestScore[:]) < 0 {
			best, bestScore = i, sc
		}
	}
	return best
}

// teamCount is how many teams n learners make at the wished size; see Form.
func teamCount(n, size int) int {
	fewer, more := n/size, (n+size-1)/size
	if fewer == 0 || sizeGap(n, more, size) >= sizeGap(n, fewer, size) {
		return max(fewer, 1)
	}
	return more
}

// sizeGap is how far, summed over the teams, k teams of n learners are from the wished size.
func sizeGap(n, k, size int) int {
	q, r := n/k, n%k
	return r*abs(q+1-size) + (k-r)*abs(q-size)
}

// abs is the absolute value.
func abs(x int) int { return max(x, -x) }

// existingTeams groups members by their Team, in name order.
func existingTeams(kept []Member) []Team {
	byName := map[string]int{}
	var teams []Team
	for _, m := range kept {
		i, ok := byName[m.Team]
		if !ok {
			i = len(teams)
			byName[m.Team] = i
			teams = append(teams, Team{Name: m.Team})
		}
		teams[i].Members = append(teams[i].Members, m)
	}
	// "Team N" names by number, then any others alphabetically
	slices.SortFunc(teams, func(a, b Team) int {
		na, aok := teamNumber(a.Name)
		nb, bok := teamNumber(b.Name)
		if aok != bok {
			return cmp.Compare(b2i(bok), b2i(aok))
		}
		return cmp.Or(cmp.Compare(na, nb), strings.Compare(a.Name, b.Name))
	})
	return teams
}

// b2i is 1 for true.
func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// newNames returns k team names "Team N" that follow the highest numbered existing team and
// clash with none.
func newNames(k int, existing []Team) []string {
	taken := map[string]bool{}
	next := 1
	for _, t := range existing {
		taken[strings.ToLower(t.Name)] = true
		if n, ok := teamNumber(t.Name); ok && n >= next {
			next = n + 1
		}
	}
	names := make([]string, 0, k)
	for ; len(names) < k; next++ {
		if name := "Team " + strconv.Itoa(next); !taken[strings.ToLower(name)] {
			names = append(names, name)
		}
	}
	return names
}

// teamNumber reads N from a name "Team N" (any case and spacing).
func teamNumber(name string) (int, bool) {
	f := strings.Fields(name)
	if len(f) != 2 || !strings.EqualFold(f[0], "team") {
		return 0, false
	}
	n, err := strconv.Atoi(f[1])
	return n, err == nil && n > 0 && n < 1e9 // larger numbers would overflow the next name
}
