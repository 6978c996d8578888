package quizzes

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"
)

// GIFTError is a problem in GIFT source, at a line counted from 1.
type GIFTError struct {
	Line int
	Msg  string
}

// Error gives the line and the problem.
func (e *GIFTError) Error() string { return fmt.Sprintf("line %d: %s", e.Line, e.Msg) }

// GIFTErrors is a list of problems in source order.
type GIFTErrors []*GIFTError

// Error lists the problems, one per line.
func (es GIFTErrors) Error() string {
	msgs := make([]string, len(es))
	for i, e := range es {
		msgs[i] = e.Error()
	}
	return strings.Join(msgs, "\n")
}

// Unwrap lets errors.As find each *GIFTError.
func (es GIFTErrors) Unwrap() []error {
	errs := make([]error, len(es))
	for i, e := range es {
		errs[i] = e
	}
	return errs
}

// TooManyGIFTQuestionsError says a GIFT text holds more question blocks than allowed.
type TooManyGIFTQuestionsError struct{ Max int }

func (e *TooManyGIFTQuestionsError) Error() string {
	return fmt.Sprintf("the GIFT text holds more than %d questions; split it into several files", e.Max)
}

// GIFTImport is what ParseGIFT read.
type GIFTImport struct {
	// Questions each pass Validate, with unique ids; Lines[i] is where Questions[i] starts.
	Questions []Question
	Lines     []int
	// Skipped names every block that was not imported (a description, an essay, a question
	// with a problem) at its line, with the reason.
	Skipped GIFTErrors
	// Notes name what was imported differently from the source, such as a renamed id.
	Notes GIFTErrors
	// Pending names, for each question ImportGIFT marked explanations_pending, the
	// explanations to write before the mark can go.
	Pending GIFTErrors
}

// giftBlock is one question's worth of source: the lines between blank lines.
type giftBlock struct {
	src      span
	line     int
	pool     string
	comments strings.Builder
	bad      *GIFTError // a problem found while splitting, such as text that is not UTF-8
}

// ParseGIFT reads questions in Moodle's GIFT format, block by block, in time linear in the
// length of src. A block that cannot be imported is reported in Skipped and the others still
// import. It stops with ctx's error when ctx ends, and with a *TooManyGIFTQuestionsError once
// src holds more than maxQuestions blocks (0: no limit). How GIFT maps onto Tandem:
//
//   - [id:x] in the comment lines before a question becomes its id when x is a valid id;
//     else ::title:: slugified; else q1, q2... by position. [tag:x] comments become tags.
//   - {=a ~b}: single_choice; ~%n% beside one = answer: single_choice with partial credit n/100;
//     no = answer but %n% weights: multiple_choice; several = answers: multiple_choice; only =
//     answers: short_text, =%n% ones partial; {T} {F} {TRUE} {FALSE}: true_false; {=a -> b}: matching;
//     {#...}: numeric (value:tolerance, min..max, several =%n% answers as ranges, ~ feedback).
//   - #feedback on a choice becomes the option's explanation; true/false feedback becomes the
//     explanation of the answer it is written for; #### general feedback becomes the question's
//     explanation, followed by other answers' feedback, each labelled with its answer.
//   - Text after the answer block makes it a fill-the-blank: the block becomes _____.
//   - Essays {} become reflection questions with a one-criterion placeholder rubric, marked
//     rubric_pending. Text without an answer block (a description) is reported, not imported.
//   - [html] and [moodle] text becomes Markdown (links, <pre>, emphasis, lists kept), [plain]
//     text is escaped so that it shows as written, [markdown] text is kept.
func ParseGIFT(ctx context.Context, src string, maxQuestions int) (*GIFTImport, error) {
	imp := &GIFTImport{}
	ids := newIDSet()
	blocks := giftBlocks(src)
	if maxQuestions > 0 && len(blocks) > maxQuestions {
		return nil, &TooManyGIFTQuestionsError{Max: maxQuestions}
	}
	for _, b := range blocks {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		q, err := parseGIFTBlock(b)
		if err == nil {
			err = q.importProblem(b.line)
		}
		if err != nil {
			imp.Skipped = append(imp.Skipped, err)
			continue
		}
		imp.claimID(q, b, ids)
		imp.Questions = append(imp.Questions, *q)
		imp.Lines = append(imp.Lines, b.line)
	}
	return imp, nil
}

// parseGIFTBlock reads one block: the comments' id and tags, then the question.
func parseGIFTBlock(b *giftBlock) (*Question, *GIFTError) {
	if b.bad != nil {
		return nil, b.bad
	}
	q, err := parseGIFTQuestion(b)
	if err != nil {
		return nil, err
	}
	q.Tags = giftTags(b.comments.String())
	return q, nil
}

// importProblem is the first Validate problem of a freshly parsed question, as a GIFTError.
func (q *Question) importProblem(line int) *GIFTError {
	if ps := q.problems(); len(ps) > 0 {
		return &GIFTError{line, ps[0]}
	}
	return nil
}

var validID = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$`)

// claimID gives q its id: the [id:] of its comments if valid, else its title's slug, else
// q<n>, made unique with -2, -3...
func (imp *GIFTImport) claimID(q *Question, b *giftBlock, ids *idSet) {
	want := q.ID
	if idnumber := giftIDNumber(b.comments.String()); idnumber != "" {
		if validID.MatchString(idnumber) {
			want = idnumber
		} else {
			imp.Notes = append(imp.Notes, &GIFTError{b.line, fmt.Sprintf(
				"[id:%s] is not a question id (letters, digits, - and _, up to 64): the id comes from the title", idnumber)})
		}
	}
	if want == "" {
		want = fmt.Sprintf("q%d", len(imp.Questions)+1)
	}
	q.ID = ids.claim(want)
	if q.ID != want {
		imp.Notes = append(imp.Notes, &GIFTError{b.line, fmt.Sprintf("id %s is taken by an earlier question: this one is %s", want, q.ID)})
	}
}

// idSet hands out unique ids; next remembers where to resume counting for each taken id, so
// that many questions with one title cost linear time.
type idSet struct {
	used map[string]bool
	next map[string]int
}

func newIDSet() *idSet { return &idSet{used: map[string]bool{}, next: map[string]int{}} }

// claim returns id, or id-2, id-3... if taken, and marks it taken.
func (s *idSet) claim(id string) string {
	if !s.used[id] {
		s.used[id] = true
		return id
	}
	n := max(s.next[id], 2)
	for s.used[fmt.Sprintf("%s-%d", id, n)] {
		n++
	}
	s.next[id] = n + 1
	unique := fmt.Sprintf("%s-%d", id, n)
	s.used[unique] = true
	return unique
}

// giftBlocks splits source into question blocks at blank lines, keeping // comment lines apart
// (they may carry [id:] and [tag:]) and noting the $CATEGORY each block falls under.
func giftBlocks(src string) []*giftBlock {
	var blocks []*giftBlock
	pool := ""
	cur := &giftBlock{}
	flush := func() {
		if len(cur.src) > 0 || cur.bad != nil {
			blocks = append(blocks, cur)
		}
		cur = &giftBlock{pool: pool}
	}
	lineNo := 0
	for line := range strings.Lines(strings.TrimPrefix(src, "\ufeff")) {
		lineNo++
		line = strings.TrimSuffix(strings.TrimSuffix(line, "\n"), "\r")
		trimmed := strings.TrimSpace(line)
		switch {
		case trimmed == "":
			flush()
		case !utf8.ValidString(line) || strings.ContainsFunc(line, isControl):
			if cur.bad == nil {
				cur.bad = &GIFTError{lineNo, "the line holds bytes that are not UTF-8 text, or control characters; save the file as UTF-8 text"}
			}
		case strings.HasPrefix(trimmed, "//"):
			cur.comments.WriteString(trimmed + "\n")
		case len(trimmed) >= 10 && strings.EqualFold(trimmed[:10], "$CATEGORY:"):
			flush()
			pool = poolName(trimmed[10:])
			cur.pool = pool
		default:
			if len(cur.src) == 0 {
				cur.line = lineNo
			} else {
				cur.src = append(cur.src, gch{r: '\n', line: lineNo})
			}
			cur.src = cur.src.appendLine(line, lineNo)
		}
	}
	flush()
	return blocks
}

// isControl reports C0 and C1 control characters other than tab, which no question text holds.
func isControl(r rune) bool {
	return r != '\t' && (r < 0x20 || r == 0x7f || r >= 0x80 && r < 0xa0)
}

var (
	giftIDPattern  = regexp.MustCompile(`\[id:((?:\\]|[^\]\x00-\x1f\x7f])+)\]`)
	giftTagPattern = regexp.MustCompile("\\[tag:((?:\\\\]|[^\\]<>`\\x00-\\x1f\\x7f])+)\\]")
)

// giftIDNumber is the first [id:...] in a block's comments, as Moodle reads it ("\]" is "]").
func giftIDNumber(comments string) string {
	m := giftIDPattern.FindStringSubmatch(comments)
	if m == nil {
		return ""
	}
	return strings.TrimSpace(strings.ReplaceAll(m[1], `\]`, "]"))
}

// giftTags are the [tag:...] of a block's comments, in order, without repeats.
func giftTags(comments string) []string {
	var tags []string
	for _, m := range giftTagPattern.FindAllStringSubmatch(comments, -1) {
		t := strings.TrimSpace(strings.ReplaceAll(m[1], `\]`, "]"))
		if t != "" && !slices.Contains(tags, t) {
			tags = append(tags, t)
		}
	}
	return tags
}
