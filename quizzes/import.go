package quizzes

import "fmt"

// ImportGIFT parses a Moodle GIFT question bank into a quiz for module moduleSlug: slug
// "<module>-quiz", every $CATEGORY a pool drawn whole (authors lower the draw counts to sample
// from larger banks), defaults for everything GIFT does not say. Parse errors name their line.
func ImportGIFT(src, moduleSlug, title string, passPercent, maxAttempts int) (*Quiz, error) {
	questions, err := ParseGIFT(src)
	if err != nil {
		return nil, err
	}
	if len(questions) == 0 {
		return nil, fmt.Errorf("the GIFT text has no questions")
	}
	q := &Quiz{Slug: moduleSlug + "-quiz", Title: title, PassPercent: passPercent, MaxAttempts: maxAttempts, Questions: questions}
	if q.Title == "" {
		q.Title = "Quiz: " + moduleSlug
	}
	for _, qu := range questions {
		if qu.Pool != "" {
			if q.Pools == nil {
				q.Pools = map[string]int{}
			}
			q.Pools[qu.Pool]++
		}
	}
	q.Normalize()
	return q, nil
}
