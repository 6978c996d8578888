package handlers

import (
	"encoding/json"

	"github.com/gin-gonic/gin"

	"tandem/models"
)

// labExport is the user's work on the prototype labs: the issues they logged, the severities
// they confirmed, the fixes they proposed with their test-set figures, what their patient
// cards show, and their runs of cards with each decision and the workload ratings.
func labExport(l models.ExportedLab) gin.H {
	return gin.H{
		"lab_issues": each(l.Issues, func(i models.LabIssue) gin.H {
			return gin.H{"id": i.ID, "team": i.TeamID, "lab": i.LabSlug, "title": i.Title, "view": i.View, "model": i.Model,
				"threshold": i.Threshold, "subgroup": i.Subgroup, "group": i.GroupName, "case": i.CaseIndex, "severity": i.Severity,
				"cause": i.Cause, "fix": i.Fix, "fix_note": i.FixNote, "created_at": i.CreatedAt}
		}),
		"lab_confirmations": each(l.Confirmations, func(c models.LabIssueConfirmation) gin.H {
			return gin.H{"issue": c.IssueID, "side": c.Side, "severity": c.Severity, "created_at": c.CreatedAt}
		}),
		"lab_proposals": each(l.Proposals, func(p models.LabProposal) gin.H {
			return gin.H{"id": p.ID, "team": p.TeamID, "lab": p.LabSlug, "fix": p.Fix, "params": json.RawMessage(p.Params),
				"outcome": json.RawMessage(p.Outcome), "created_at": p.CreatedAt}
		}),
		"lab_displays": each(l.Displays, func(d models.LabDisplay) gin.H {
			return gin.H{"lab": d.LabSlug, "items": json.RawMessage(d.Items), "updated_at": d.UpdatedAt}
		}),
		"lab_runs": each(l.Runs, func(r models.LabRun) gin.H {
			return gin.H{"id": r.ID, "team": r.TeamID, "lab": r.LabSlug, "cases": json.RawMessage(r.Cases), "display": json.RawMessage(r.Display),
				"started_at": r.StartedAt, "decisions": each(r.Decisions, func(d models.LabRunDecision) gin.H {
					return gin.H{"position": d.Position, "case": d.CaseIndex, "act": d.Act, "milliseconds": d.Milliseconds, "decided_at": d.CreatedAt}
				}),
				"workload": gin.H{"mental": r.Mental, "physical": r.Physical, "temporal": r.Temporal, "performance": r.Performance,
					"effort": r.Effort, "frustration": r.Frustration, "raw_tlx": r.RawTLX, "rated_at": r.RatedAt}}
		}),
	}
}
