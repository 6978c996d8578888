package quizzes

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"hash"
	"maps"
	"slices"
	"strconv"
	"sync"

	"tandem/errs"
)

// Mask gives one attempt's options, ordering items, matching items and matching targets
// opaque ids: an HMAC of the attempt's secret key and the authored id, cut to 12 url-safe
// characters. They are the same every time the attempt is shown, differ between attempts,
// and say nothing of the authored ids, which carry the key ("a" is often right, item i2
// matches target t2). Learners see and send only masked ids.
type Mask struct {
	tables *tableCache // shared by copies of the mask
}

// tableCache keeps the id tables a mask has built, by question, so that showing, revealing and
// grading the same questions derive their ids once, and the HMAC they are derived with.
type tableCache struct {
	mu  sync.Mutex
	m   map[*Question]idTable
	mac hash.Hash
}

// NewMask returns the mask of an attempt with the given secret key.
func NewMask(key []byte) Mask {
	return Mask{tables: &tableCache{m: map[*Question]idTable{}, mac: hmac.New(sha256.New, key)}}
}

// The kinds of id a question has; an item and a target never share an opaque id.
const (
	kindOption = "option"
	kindItem   = "item"
	kindTarget = "target"
)

// idTable maps one question's authored ids to opaque ones and back, per kind: a question has
// a few ids, so a list is quicker to build and to search than maps.
type idTable []maskedID

// maskedID is one authored id of a kind and its opaque id.
type maskedID struct{ kind, plain, opaque string }

// table returns the ids of q, built once per mask.
func (m Mask) table(q *Question) idTable {
	m.tables.mu.Lock()
	defer m.tables.mu.Unlock()
	t, ok := m.tables.m[q]
	if !ok {
		t = m.tables.build(q)
		m.tables.m[q] = t
	}
	return t
}

// build derives the ids of q. In the unlikely case that two ids of a kind collide, the later
// one is derived again with a counter, so every id of the question is unique.
func (c *tableCache) build(q *Question) idTable {
	choices, items := choiceIDs(q), itemIDs(q)
	t := make(idTable, 0, len(choices)+len(items)+len(q.Targets))
	add := func(kind, id string) {
		for n := 0; ; n++ {
			o := derive(c.mac, q.ID, kind, id, n)
			if _, taken := t.reveal(kind, o); !taken {
				t = append(t, maskedID{kind: kind, plain: id, opaque: o})
				return
			}
		}
	}
	for _, id := range choices {
		add(kindOption, id)
	}
	for _, id := range items {
		add(kindItem, id)
	}
	for _, tg := range q.Targets {
		add(kindTarget, tg.ID)
	}
	return t
}

// derive is the opaque id of one authored id, from the attempt's HMAC (reset and reused
// for every id): of kind, NUL, the question's id, NUL, the id, NUL and n in decimal.
func derive(mac hash.Hash, questionID, kind, id string, n int) string {
	mac.Reset()
	var buf [128]byte
	b := append(buf[:0], kind...)
	b = append(append(b, 0), questionID...)
	b = append(append(b, 0), id...)
	b = strconv.AppendInt(append(b, 0), int64(n), 10)
	mac.Write(b)
	var sum [sha256.Size]byte
	return base64.RawURLEncoding.EncodeToString(mac.Sum(sum[:0])[:9])
}

func (t idTable) hide(kind, id string) string {
	for _, e := range t {
		if e.kind == kind && e.plain == id {
			return e.opaque
		}
	}
	return ""
}

func (t idTable) reveal(kind, id string) (string, bool) {
	for _, e := range t {
		if e.kind == kind && e.opaque == id {
			return e.plain, true
		}
	}
	return "", false
}

// Apply replaces the authored ids of presented questions with masked ones; qs are the
// questions in the same order.
func (m Mask) Apply(ps []Presented, qs []*Question) {
	for i := range ps {
		t := m.table(qs[i])
		for j := range ps[i].Options {
			ps[i].Options[j].ID = t.hide(kindOption, ps[i].Options[j].ID)
		}
		for j := range ps[i].Items {
			ps[i].Items[j].ID = t.hide(kindItem, ps[i].Items[j].ID)
		}
		for j := range ps[i].Targets {
			ps[i].Targets[j].ID = t.hide(kindTarget, ps[i].Targets[j].ID)
		}
	}
}

// Hide returns answer a to q (in authored ids) as the learner gave it, in masked ids.
func (m Mask) Hide(q *Question, a Answer) Answer {
	t := m.table(q)
	out := a
	out.ChoiceIDs = mapIDs(a.ChoiceIDs, func(id string) string { return t.hide(kindOption, id) })
	out.Order = mapIDs(a.Order, func(id string) string { return t.hide(kindItem, id) })
	if a.Pairs != nil {
		out.Pairs = make(map[string]string, len(a.Pairs))
		for item, target := range a.Pairs {
			out.Pairs[t.hide(kindItem, item)] = t.hide(kindTarget, target)
		}
	}
	return out
}

func mapIDs(ids []string, f func(string) string) []string {
	if ids == nil {
		return nil
	}
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = f(id)
	}
	return out
}

// Reveal maps masked ids in answers back to authored ones, for the questions qs of the
// attempt. It returns an *AnswerError naming the learner's own ids when one is not an id of
// its question or is given twice, so an error never shows an authored id. Answers to
// questions outside qs, and fields a question's type does not use, pass unchanged for
// GradeAttempt to refuse.
func (m Mask) Reveal(qs []*Question, answers []Answer) ([]Answer, error) {
	byID := make(map[string]*Question, len(qs))
	for _, q := range qs {
		byID[q.ID] = q
	}
	fields := map[string]string{}
	out := make([]Answer, len(answers))
	for i, a := range answers {
		out[i] = a
		q, ok := byID[a.QuestionID]
		if !ok {
			continue
		}
		at := fmt.Sprintf("answers[%d].", i)
		t := m.table(q)
		switch answerField(q.Type) {
		case "choice_ids":
			ids, msg := revealIDs(t, kindOption, a.ChoiceIDs, "option")
			out[i].ChoiceIDs = ids
			if msg != "" {
				fields[at+"choice_ids"] = msg
			}
		case "order":
			ids, msg := revealIDs(t, kindItem, a.Order, "item")
			out[i].Order = ids
			if msg != "" {
				fields[at+"order"] = msg
			}
		case "pairs":
			pairs, msg := revealPairs(t, a.Pairs)
			out[i].Pairs = pairs
			if msg != "" {
				fields[at+"pairs"] = msg
			}
		}
	}
	if len(fields) > 0 {
		return nil, &AnswerError{Fields: fields}
	}
	return out, nil
}

func revealIDs(t idTable, kind string, ids []string, what string) ([]string, string) {
	if ids == nil {
		return nil, ""
	}
	out := make([]string, len(ids))
	for i, id := range ids {
		plain, ok := t.reveal(kind, id)
		if !ok {
			return nil, notOfQuestion(what, id)
		}
		if slices.Contains(ids[:i], id) {
			return nil, errs.Reason("reason.answer_twice", map[string]any{"Value": id})
		}
		out[i] = plain
	}
	return out, ""
}

func revealPairs(t idTable, pairs map[string]string) (map[string]string, string) {
	if pairs == nil {
		return nil, ""
	}
	out := make(map[string]string, len(pairs))
	for _, item := range slices.Sorted(maps.Keys(pairs)) {
		plainItem, ok := t.reveal(kindItem, item)
		if !ok {
			return nil, notOfQuestion("item", item)
		}
		plainTarget, ok := t.reveal(kindTarget, pairs[item])
		if !ok {
			return nil, notOfQuestion("target", pairs[item])
		}
		out[plainItem] = plainTarget
	}
	return out, ""
}
