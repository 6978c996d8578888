package attempts

import (
	"encoding/json"
	"math"
	"time"

	"tandem/disciplines"
	"tandem/models"
	"tandem/quizzes"
)

// The roles a reflection answer is marked in: first by a clinical and a technical marker,
// blind to each other, then, when they disagree beyond the quiz's threshold, by a moderator.
const (
	RoleClinical  = disciplines.Clinical
	RoleTechnical = disciplines.Technical
	RoleModerator = "moderator"
)

// answerState is where an answer's marking stands given its marks: awaiting the two markers,
// awaiting a moderator, or marked with the points it earned. Two markers within threshold
// percent of the answer's points agree, and the answer earns their mean; further apart, the
// moderator's mark is the answer's.
func answerState(maxPoints, threshold float64, marks []models.ReflectionMark) (string, *float64) {
	byRole := map[string]*models.ReflectionMark{}
	for i := range marks {
		byRole[marks[i].Role] = &marks[i]
	}
	c, t, m := byRole[RoleClinical], byRole[RoleTechnical], byRole[RoleModerator]
	switch {
	case c == nil || t == nil:
		return models.MarkingAwaited, nil
	case !disagree(c.Points, t.Points, maxPoints, threshold):
		mean := math.Round((c.Points+t.Points)/2*100) / 100
		return models.MarkingDone, &mean
	case m == nil:
		return models.MarkingModeration, nil
	}
	points := m.Points
	return models.MarkingDone, &points
}

// disagree reports whether two markers' points are further apart than threshold percent of
// maxPoints.
func disagree(a, b, maxPoints, threshold float64) bool {
	return maxPoints > 0 && math.Abs(a-b)/maxPoints*100 > threshold+1e-9
}

// roleFor is the role a marker takes on an answer in state status: their discipline's group
// while it awaits its two markers, moderator once it awaits moderation; "" when they have none.
func roleFor(status, discipline string) string {
	switch status {
	case models.MarkingAwaited:
		if g := disciplines.Group(discipline); g == RoleClinical || g == RoleTechnical {
			return g
		}
	case models.MarkingModeration:
		return RoleModerator
	}
	return ""
}

// marksOf are the marks of one answer among an attempt's.
func marksOf(marks []models.ReflectionMark, questionID string) []models.ReflectionMark {
	var out []models.ReflectionMark
	for _, m := range marks {
		if m.QuestionID == questionID {
			out = append(out, m)
		}
	}
	return out
}

// finalGrade is attempt a graded with its reflection answers' points: the score it had at
// submission (reflections counting 0) plus theirs, the results to match, and whether it passed.
func finalGrade(a *models.QuizAttempt, answers []models.ReflectionAnswer, passPercent int) (*models.QuizAttempt, []quizzes.Result) {
	var results []quizzes.Result
	_ = json.Unmarshal([]byte(a.Results), &results)
	points := map[string]float64{}
	for _, ans := range answers {
		points[ans.QuestionID] = *ans.Points
	}
	f := *a
	for i := range results {
		p, ok := points[results[i].QuestionID]
		if !ok {
			continue
		}
		results[i].Points, results[i].Pending = p, false
		results[i].Correct = p >= results[i].MaxPoints
		f.Score += p
	}
	if f.MaxScore > 0 {
		f.Percent = math.Round(f.Score/f.MaxScore*10000) / 100
	}
	f.Passed = f.MaxScore > 0 && f.Percent >= float64(passPercent)
	b, _ := json.Marshal(results)
	f.Results = string(b)
	return &f, results
}

// markedAnswers returns an attempt's answers in the state their marks put them in, and
// whether every one is marked.
func markedAnswers(answers []models.ReflectionAnswer, marks []models.ReflectionMark, threshold float64, now time.Time) ([]models.ReflectionAnswer, bool) {
	out := make([]models.ReflectionAnswer, len(answers))
	done := true
	for i, ans := range answers {
		out[i] = ans
		if ans.Status == models.MarkingDone {
			continue
		}
		out[i].Status, out[i].Points = answerState(ans.MaxPoints, threshold, marksOf(marks, ans.QuestionID))
		if out[i].Status == models.MarkingDone {
			out[i].MarkedAt = &now
		} else {
			done = false
		}
	}
	return out, done
}
