// Package quizzes holds Tandem's question types, their validation and grading, attempt
// drawing and shuffling, and the Moodle GIFT importer. It knows nothing of HTTP or storage.
package quizzes

// Type names a kind of question; the values are the API's `type` strings.
type Type string

// The question types Tandem supports.
const (
	SingleChoice   Type = "single_choice"
	MultipleChoice Type = "multiple_choice"
	TrueFalse      Type = "true_false"
	Numeric        Type = "numeric"
	ShortText      Type = "short_text"
	Ordering       Type = "ordering"
	Matching       Type = "matching"
	Judgement      Type = "judgement"
	// Reflection is answered in free text (Markdown) and marked by people against its rubric.
	Reflection Type = "reflection"
)

// Types lists every supported question type in a stable order.
var Types = []Type{SingleChoice, MultipleChoice, TrueFalse, Numeric, ShortText, Ordering, Matching, Judgement, Reflection}

// Grading says which attempt counts towards progress.
type Grading string

// The grading rules.
const (
	GradeBest Grading = "best"
	GradeLast Grading = "last"
)

// Feedback says when a learner sees correctness and explanations.
type Feedback string

// When feedback is shown.
const (
	FeedbackImmediate     Feedback = "immediate"
	FeedbackAfterDeadline Feedback = "after_deadline"
	FeedbackNever         Feedback = "never"
)

// Quiz is a module's quiz as authored in the catalogue (quiz.yaml).
type Quiz struct {
	Slug             string  `yaml:"slug" json:"slug"`
	Title            string  `yaml:"title" json:"title"`
	PassPercent      int     `yaml:"pass_percent" json:"pass_percent"`
	MaxAttempts      int     `yaml:"max_attempts" json:"max_attempts"`
	TimeLimitMinutes int     `yaml:"time_limit_minutes" json:"time_limit_minutes"`
	Grading          Grading `yaml:"grading" json:"grading"`
	// Feedback is the older, single setting for review: immediate, after_deadline or never.
	// Review, where given, takes precedence part by part.
	Feedback Feedback       `yaml:"feedback,omitempty" json:"feedback,omitempty"`
	Review   Review         `yaml:"review,omitempty" json:"review"`
	Pools    map[string]int `yaml:"pools,omitempty" json:"pools,omitempty"`
	// ModerationThresholdPercent is how far apart, as a percent of a reflection question's
	// points, the clinical and the technical marker may be before a third marker moderates;
	// 0 or absent means DefaultModerationThreshold.
	ModerationThresholdPercent float64    `yaml:"moderation_threshold_percent,omitempty" json:"moderation_threshold_percent,omitempty"`
	Questions                  []Question `yaml:"questions" json:"questions"`
}

// Question is one authored question. Which fields apply depends on Type.
type Question struct {
	ID          string  `yaml:"id" json:"id"`
	Type        Type    `yaml:"type" json:"type"`
	Prompt      string  `yaml:"prompt" json:"prompt"`
	Points      float64 `yaml:"points,omitempty" json:"points,omitempty"`
	Pool        string  `yaml:"pool,omitempty" json:"pool,omitempty"`
	Explanation string  `yaml:"explanation,omitempty" json:"explanation,omitempty"`
	// ExplanationsPending marks a question imported without the explanations the catalogue
	// asks for (see MissingExplanations); content check accepts it until they are written.
	ExplanationsPending bool `yaml:"explanations_pending,omitempty" json:"explanations_pending,omitempty"`
	// Tags are free labels kept from an imported question bank.
	Tags    []string `yaml:"tags,omitempty" json:"tags,omitempty"`
	Options []Option `yaml:"options,omitempty" json:"options,omitempty"`
	// Answer is the correct value of a true_false question.
	Answer *bool `yaml:"answer,omitempty" json:"answer,omitempty"`
	// ExplanationTrue and ExplanationFalse are shown to a learner who answered True, or False,
	// after the question's explanation (true_false questions; plain text).
	ExplanationTrue  string `yaml:"explanation_true,omitempty" json:"explanation_true,omitempty"`
	ExplanationFalse string `yaml:"explanation_false,omitempty" json:"explanation_false,omitempty"`
	// Value and Tolerance define a numeric answer: correct when |given-Value| <= Tolerance.
	// Ranges add further accepted intervals (GIFT's min..max and multiple numeric answers).
	Value     *float64      `yaml:"value,omitempty" json:"value,omitempty"`
	Tolerance float64       `yaml:"tolerance,omitempty" json:"tolerance,omitempty"`
	Ranges    []NumberRange `yaml:"ranges,omitempty" json:"ranges,omitempty"`
	// Accepted lists the short_text answers accepted, compared without case and extra spaces.
	Accepted []string `yaml:"accepted,omitempty" json:"accepted,omitempty"`
	// Partial lists short_text answers that earn part of the points, compared the same way.
	Partial []PartialText `yaml:"partial,omitempty" json:"partial,omitempty"`
	// Items are the ordering items in their correct order, or the matching items with the
	// id of the target each one matches.
	Items   []Item   `yaml:"items,omitempty" json:"items,omitempty"`
	Targets []Target `yaml:"targets,omitempty" json:"targets,omitempty"`
	// Rubric is what markers score a reflection answer against; its points are the question's.
	Rubric []Criterion `yaml:"rubric,omitempty" json:"rubric,omitempty"`
	// RubricPending marks a reflection question imported with a placeholder rubric (GIFT essays
	// carry none); content check accepts it until the criteria are written.
	RubricPending bool `yaml:"rubric_pending,omitempty" json:"rubric_pending,omitempty"`
}

// Option is a choice of a single_choice, multiple_choice or judgement question.
type Option struct {
	ID          string   `yaml:"id" json:"id"`
	Text        string   `yaml:"text" json:"text"`
	Correct     bool     `yaml:"correct,omitempty" json:"correct,omitempty"`
	Weight      *float64 `yaml:"weight,omitempty" json:"weight,omitempty"`
	Explanation string   `yaml:"explanation,omitempty" json:"explanation,omitempty"`
	// Tradeoffs states what choosing this option gains and costs (judgement questions).
	Tradeoffs string `yaml:"tradeoffs,omitempty" json:"tradeoffs,omitempty"`
	// Pin keeps the option out of the shuffle: "last" shows it after the shuffled options
	// (for "none of the above"), pinned options in the order they are written.
	Pin string `yaml:"pin,omitempty" json:"pin,omitempty"`
}

// PinLast is the one place an option can be pinned.
const PinLast = "last"

// NumberRange is an accepted numeric interval, inclusive at both ends.
type NumberRange struct {
	Min     float64 `yaml:"min" json:"min"`
	Max     float64 `yaml:"max" json:"max"`
	Percent float64 `yaml:"percent,omitempty" json:"percent,omitempty"`
}

// PartialText is a short_text answer that earns Percent of the points.
type PartialText struct {
	Text    string  `yaml:"text" json:"text"`
	Percent float64 `yaml:"percent" json:"percent"`
}

// Item is an ordering or matching item. Match names the target of a matching item.
type Item struct {
	ID    string `yaml:"id" json:"id"`
	Text  string `yaml:"text" json:"text"`
	Match string `yaml:"match,omitempty" json:"match,omitempty"`
}

// Target is what a matching item is matched to.
type Target struct {
	ID   string `yaml:"id" json:"id"`
	Text string `yaml:"text" json:"text"`
}
