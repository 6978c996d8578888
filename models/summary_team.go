package models

import (
	"database/sql"
	"slices"
	"strings"

	"gorm.io/gorm"
)

// teamWorkOf reads the team work of the members in scope (of one team only, unless teamID is
// ""): each member in a team, with the exercises their team's latest version of was accepted,
// space-separated and sorted.
func teamWorkOf(tx *gorm.DB, scope summaryScope, teamID string) (map[memberKey]string, error) {
	cond, args := "", []any{scope.arg}
	if teamID != "" {
		cond, args = " AND tm.team_id = ?", append(args, teamID)
	}
	out := map[memberKey]string{}
	q := tx.Raw(`SELECT tm.cohort_id, tm.user_id FROM team_members tm WHERE `+scope.on("tm")+cond, args...)
	err := scanRows(q, func(rows *sql.Rows) error {
		var k memberKey
		if err := rows.Scan(&k.cohort, &k.user); err != nil {
			return err
		}
		out[k] = ""
		return nil
	})
	if err != nil {
		return nil, err
	}
	accepted := map[memberKey][]string{}
	q = tx.Raw(`SELECT tm.cohort_id, tm.user_id, s.exercise_slug
FROM team_members tm JOIN submissions s ON s.team_id = tm.team_id AND s.status = 'accepted'
WHERE `+scope.on("tm")+cond+`
  AND s.version = (SELECT MAX(v.version) FROM submissions v WHERE v.team_id = s.team_id AND v.exercise_slug = s.exercise_slug)`, args...)
	err = scanRows(q, func(rows *sql.Rows) error {
		var k memberKey
		var slug string
		if err := rows.Scan(&k.cohort, &k.user, &slug); err != nil {
			return err
		}
		accepted[k] = append(accepted[k], slug)
		return nil
	})
	for k, slugs := range accepted {
		slices.Sort(slugs)
		out[k] = strings.Join(slugs, " ")
	}
	return out, err
}

// retallyTeamWork brings the team work in the summaries of a cohort's members up to date
// after teams were formed or joined (teamID ""), or after one team's work changed: a new
// version or a review. It locks the members' accounts first, as resummarise does, so the two
// never write over each other.
func retallyTeamWork(tx *gorm.DB, cohortID, teamID string) error {
	who, args := "p.cohort_id = ?", []any{cohortID}
	if teamID != "" {
		who, args = "p.cohort_id = ? AND p.user_id IN (SELECT user_id FROM team_members WHERE team_id = ?)", []any{cohortID, teamID}
	}
	if tx.Dialector.Name() == "postgres" {
		if err := tx.Exec(`SELECT u.id FROM users u JOIN cohort_progress p ON p.user_id = u.id WHERE `+who+` ORDER BY u.id FOR NO KEY UPDATE OF u`, args...).Error; err != nil {
			return err
		}
	}
	var old []CohortProgress
	if err := tx.Table("cohort_progress AS p").Select("p.cohort_id, p.user_id, p.discipline_group, p.in_team, p.accepted").
		Where(who, args...).Find(&old).Error; err != nil {
		return err
	}
	fresh, err := teamWorkOf(tx, cohortScope(cohortID), teamID)
	if err != nil {
		return err
	}
	deltas := counterDeltas{}
	changed := map[[2]string][]string{} // (in team, accepted) -> members now so
	for i := range old {
		o := &old[i]
		accepted, in := fresh[memberKey{o.CohortID, o.UserID}]
		if in == o.InTeam && accepted == o.Accepted {
			continue
		}
		deltas.addTeamWork(o, -1)
		o.InTeam, o.Accepted = in, accepted
		deltas.addTeamWork(o, 1)
		state := [2]string{"", accepted}
		if in {
			state[0] = "in"
		}
		changed[state] = append(changed[state], o.UserID)
	}
	for state, users := range changed {
		for chunk := range slices.Chunk(users, 1000) {
			if err := tx.Model(&CohortProgress{}).Where("cohort_id = ? AND user_id IN ?", cohortID, chunk).
				Updates(map[string]any{"in_team": state[0] == "in", "accepted": state[1]}).Error; err != nil {
				return err
			}
		}
	}
	return applyCounterDeltas(tx, deltas)
}

// retallyTeamOf brings the team work of a team's members up to date.
func retallyTeamOf(tx *gorm.DB, teamID string) error {
	var cohorts []string
	if err := tx.Model(&Team{}).Where("id = ?", teamID).Pluck("cohort_id", &cohorts).Error; err != nil || len(cohorts) == 0 {
		return err
	}
	return retallyTeamWork(tx, cohorts[0], teamID)
}
