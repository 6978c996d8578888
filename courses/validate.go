package courses

import (
	"net/url"
	"regexp"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"
)

// linkCounterparts resolves each module's counterpart and checks that the pairs are
// symmetric and cross tracks. Modules whose module.yaml could not be read are skipped, so
// that one broken file is reported once rather than again by its partner.
func (l *loader) linkCounterparts() {
	bySlug := map[string]*Module{}
	for _, t := range l.cat.Tracks {
		for _, m := range t.Modules {
			bySlug[m.Slug] = m
		}
	}
	for _, t := range l.cat.Tracks {
		for _, m := range t.Modules {
			ref, ok := l.counterparts[m]
			if !ok {
				continue
			}
			other := bySlug[ref.slug]
			switch {
			case ref.slug == "" && l.tracks > 1:
				l.problem(ref.file, ref.line, "missing counterpart: name the paired module in the other track")
			case ref.slug == "":
			case other == nil && l.unlisted[ref.slug]: // reported on the track
			case other == nil:
				l.problem(ref.file, ref.line, "unknown counterpart %q: no module has that slug", ref.slug)
			case other == m:
				l.problem(ref.file, ref.line, "counterpart %q is the module itself", ref.slug)
			case other.Track == m.Track:
				l.problem(ref.file, ref.line, "counterpart %q is in the same track (%s): pair the module with one in another track", ref.slug, t.Slug)
			default:
				m.Counterpart = other
			}
		}
	}
	for m, ref := range l.counterparts {
		other := m.Counterpart
		if other == nil {
			continue
		}
		back, ok := l.counterparts[other]
		switch {
		case !ok: // its module.yaml is broken and already reported
		case back.slug != "" && back.slug != m.Slug && other.Counterpart == nil:
			// its own counterpart is unknown or invalid, which is reported there
		case back.slug == "": // reported there as a missing counterpart
		case back.slug != m.Slug:
			l.problem(ref.file, ref.line, "counterpart %q does not point back: its counterpart is %q", other.Slug, back.slug)
		}
	}
}

// doiPattern is the shape of a bare DOI, such as 10.1177/0272989X06295361.
var doiPattern = regexp.MustCompile(`^10\.[0-9]{4,9}/\S+$`)

// checkReferences checks a list of references (lesson references, case-study sources).
func (l *loader) checkReferences(file string, doc yamlDoc, key string, refs []Reference) {
	for i, r := range refs {
		line := doc.line(key, i)
		if strings.TrimSpace(r.Text) == "" {
			l.problem(file, line, "%s %d needs a text (authors, title, venue, year)", key, i+1)
		}
		if r.DOI != "" && !doiPattern.MatchString(r.DOI) {
			l.problem(file, line, "%s %d: doi %q is not a DOI; write the bare 10.xxxx/... form, not a link", key, i+1, r.DOI)
		}
		if r.URL != "" {
			u, err := url.Parse(r.URL)
			if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
				l.problem(file, line, "%s %d: url %q must be a full http(s) address", key, i+1, r.URL)
			}
		}
	}
}

// checkTexts reports blank entries of a list of texts, such as deliverables.
func (l *loader) checkTexts(file string, doc yamlDoc, key string, texts []string) {
	for i, s := range texts {
		if strings.TrimSpace(s) == "" {
			l.problem(file, doc.line(key, i), "%s %d is blank", key, i+1)
		}
	}
}

// checkPlainText reports glossary marks in YAML values, which are shown as written and
// not rendered, so the brackets would reach learners. rendered lists the paths (keys, with
// "*" for any list item) of the values that are Markdown, such as quiz prompts.
func (l *loader) checkPlainText(file string, doc yamlDoc, rendered ...string) {
	var walk func(n *yaml.Node, path string)
	walk = func(n *yaml.Node, path string) {
		switch n.Kind {
		case yaml.ScalarNode:
			if strings.Contains(n.Value, "[[") && !slices.Contains(rendered, path) {
				l.problem(file, n.Line+doc.offset, "[[...]] glossary marks are not rendered in %s: they would show as typed", strings.TrimPrefix(path, "."))
			}
		case yaml.SequenceNode:
			for _, c := range n.Content {
				walk(c, path+".*")
			}
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				walk(n.Content[i+1], path+"."+n.Content[i].Value)
			}
		}
	}
	if doc.root != nil {
		walk(doc.root, "")
	}
}
