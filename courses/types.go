package courses

import "tandem/quizzes"

// Track is one of the catalogue's tracks, such as "AI for clinicians".
type Track struct {
	Slug     string `json:"slug"`
	Title    string `json:"title"`
	Audience string `json:"audience"` // clinical or technical
	Summary  string `json:"summary"`
	// Modules are in teaching order.
	Modules []*Module `json:"modules"`
	// Translations are the item in other languages, by language; Translation says where a
	// translated copy's text came from (nil on the English source).
	Translations map[string]*Track `json:"-"`
	Translation  *Translation      `json:"-"`
}

// Module is a unit of a track: lessons and a quiz, paired with a counterpart module in the
// other track.
type Module struct {
	Slug       string   `json:"slug"`
	Title      string   `json:"title"`
	Summary    string   `json:"summary"`
	Objectives []string `json:"objectives"`
	// Accreditation is who wrote and reviewed the module, when, and the competencies it serves.
	Accreditation *Accreditation `json:"accreditation"`
	// Minutes is the sum of the lessons' minutes.
	Minutes     int       `json:"minutes"`
	Track       *Track    `json:"-"`
	Counterpart *Module   `json:"-"`
	Lessons     []*Lesson `json:"lessons"`
	// Quiz holds answers, so it is kept out of JSON; the server shapes what learners see.
	Quiz *Quiz `json:"-"`
	// Hash covers module.yaml and the hashes of the module's lessons and quiz.
	Hash string `json:"-"`
	// Translations are the item in other languages, by language; Translation says where a
	// translated copy's text came from (nil on the English source).
	Translations map[string]*Module `json:"-"`
	Translation  *Translation       `json:"-"`
}

// Lesson is one rendered lesson of a module.
type Lesson struct {
	Slug    string `json:"slug"`
	Title   string `json:"title"`
	Minutes int    `json:"minutes"` // as stated in the front matter
	// Reading counts the lesson's words and activities, from which its minutes are estimated.
	Reading Reading `json:"-"`
	Module  *Module `json:"-"`
	HTML    string  `json:"html"`
	// Glossary lists the slugs of the terms the lesson marks, in order of first use.
	Glossary   []string    `json:"glossary"`
	References []Reference `json:"references"`
	// Hash is the hex SHA-256 of the lesson's source file.
	Hash string  `json:"-"`
	Next *Lesson `json:"-"` // the following lesson in the track, across modules
	Prev *Lesson `json:"-"`
	// shape is the structure of the source's Markdown, which its translations keep.
	shape shape
	// Translations are the item in other languages, by language; Translation says where a
	// translated copy's text came from (nil on the English source).
	Translations map[string]*Lesson `json:"-"`
	Translation  *Translation       `json:"-"`
}

// Reference is a source cited by a lesson or a case study.
type Reference struct {
	Text string `yaml:"text" json:"text"`
	DOI  string `yaml:"doi,omitempty" json:"doi,omitempty"`
	URL  string `yaml:"url,omitempty" json:"url,omitempty"`
}

// Quiz is a module's quiz, normalised, with its prompts and explanations rendered. It
// contains the answers: never send it to a learner as it is.
type Quiz struct {
	quizzes.Quiz
	Module *Module `json:"-"`
	// Hash is the hex SHA-256 of quiz.yaml.
	Hash string `json:"-"`
	// PromptHTML and ExplanationHTML map a question id to its rendered prompt and general
	// explanation (questions without an explanation have no entry).
	PromptHTML      map[string]string `json:"-"`
	ExplanationHTML map[string]string `json:"-"`
	// Translations are the item in other languages, by language; Translation says where a
	// translated copy's text came from (nil on the English source).
	Translations map[string]*Quiz `json:"-"`
	Translation  *Translation     `json:"-"`
	// grading is the quiz that grades attempts (see ForGrading).
	grading *Quiz
}

// Term is a glossary entry with one explanation for each audience.
type Term struct {
	Slug      string   `yaml:"slug" json:"slug"`
	Term      string   `yaml:"term" json:"term"`
	Clinical  string   `yaml:"clinical" json:"clinical"`
	Technical string   `yaml:"technical" json:"technical"`
	SeeAlso   []string `yaml:"see_also,omitempty" json:"see_also,omitempty"`
	// Translations are the item in other languages, by language; Translation says where a
	// translated copy's text came from (nil on the English source).
	Translations map[string]*Term `yaml:"-" json:"-"`
	Translation  *Translation     `yaml:"-" json:"-"`
}

// CaseStudy is a documented implementation of AI in healthcare, successful or not.
type CaseStudy struct {
	Slug    string      `json:"slug"`
	Title   string      `json:"title"`
	Outcome string      `json:"outcome"` // success, failure or mixed
	Summary string      `json:"summary"`
	Setting string      `json:"setting"`
	Minutes int         `json:"minutes"` // as stated in the front matter
	Reading Reading     `json:"-"`
	HTML    string      `json:"html"`
	Sources []Reference `json:"sources"`
	// Glossary lists the slugs of the terms the case marks, in order of first use.
	Glossary []string `json:"glossary"`
	Hash     string   `json:"-"`
}

// Exercise is a joint exercise for a team that mixes disciplines.
type Exercise struct {
	Slug         string      `json:"slug"`
	Title        string      `json:"title"`
	Minutes      int         `json:"minutes"`
	BriefHTML    string      `json:"brief_html"`
	Roles        []Role      `json:"roles"`
	Deliverables []string    `json:"deliverables"`
	Rubric       []Criterion `json:"rubric"`
	Hash         string      `json:"-"`
}

// Role is what one member of an exercise team brings and owns.
type Role struct {
	Discipline  string `yaml:"discipline" json:"discipline"` // clinical or technical
	Title       string `yaml:"title" json:"title"`
	Description string `yaml:"description" json:"description"`
}

// Criterion is one line of an exercise's rubric.
type Criterion struct {
	Criterion   string `yaml:"criterion" json:"criterion"`
	Description string `yaml:"description" json:"description"`
	MaxPoints   int    `yaml:"max_points" json:"max_points"`
}
