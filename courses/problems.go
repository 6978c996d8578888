package courses

import (
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// Problem is one thing wrong with the catalogue, located in a file and, where known, a line.
// A warning asks an author to look (stated minutes far from the estimate, a review soon due)
// without making the catalogue invalid.
type Problem struct {
	File    string `json:"file"`
	Line    int    `json:"line,omitempty"`
	Message string `json:"message"`
	Warning bool   `json:"warning,omitempty"`
}

// String formats the problem as "file:line: message", leaving the line out when it is unknown
// and putting "warning: " before the message of a warning.
func (p Problem) String() string {
	msg := p.Message
	if p.Warning {
		msg = "warning: " + msg
	}
	if p.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", p.File, p.Line, msg)
	}
	return fmt.Sprintf("%s: %s", p.File, msg)
}

// Problems is every problem found in a catalogue, sorted by file and then line. Load returns
// it as a *Problems error.
type Problems []Problem

// Error lists the problems one per line.
func (ps Problems) Error() string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}

// Errors counts the problems that are not warnings.
func (ps Problems) Errors() int {
	n := 0
	for _, p := range ps {
		if !p.Warning {
			n++
		}
	}
	return n
}

// sorted returns the problems ordered by file, line and message, without exact repeats; the
// message breaks ties so that the output is the same on every run.
func (ps Problems) sorted() Problems {
	sort.Slice(ps, func(i, j int) bool {
		if ps[i].File != ps[j].File {
			return ps[i].File < ps[j].File
		}
		if ps[i].Line != ps[j].Line {
			return ps[i].Line < ps[j].Line
		}
		return ps[i].Message < ps[j].Message
	})
	var out Problems
	for _, p := range ps {
		if len(out) == 0 || p != out[len(out)-1] {
			out = append(out, p)
		}
	}
	return out
}

// yamlLine matches the "line N: " that yaml.v3 puts in front of its messages.
var yamlLine = regexp.MustCompile(`^line (\d+): (.*)$`)

// unknownField matches yaml.v3's complaint about a key the target struct does not have.
var unknownField = regexp.MustCompile(`^field (\S+) not found in type \S+$`)

// wrongType matches yaml.v3's complaint about a value of the wrong kind.
var wrongType = regexp.MustCompile("^cannot unmarshal !!(\\w+) (`[^`]*` )?into (\\S+)$")

// yamlKinds names YAML's tags in an author's words.
var yamlKinds = map[string]string{"str": "text", "int": "a whole number", "float": "a number",
	"bool": "true/false", "map": "a mapping (key: value)", "seq": "a list", "null": "nothing"}

// goKind names what a Go type expects, in an author's words.
func goKind(t string) string {
	t = strings.TrimPrefix(t, "*")
	switch {
	case strings.HasPrefix(t, "[]"):
		return "a list"
	case strings.HasPrefix(t, "int"), strings.HasPrefix(t, "uint"):
		return "a whole number"
	case strings.HasPrefix(t, "float"):
		return "a number"
	case t == "bool":
		return "true or false"
	case t == "string", strings.HasPrefix(t, "quizzes."): // quizzes' named string types
		return "text"
	}
	return "a mapping (key: value)"
}

// wrongTypeMessage rewrites yaml.v3's "cannot unmarshal !!str `ten` into int".
func wrongTypeMessage(m []string) string {
	found := yamlKinds[m[1]]
	if found == "" {
		found = m[1]
	}
	if v := strings.TrimSpace(m[2]); v != "" {
		found += " " + v
	}
	return fmt.Sprintf("expected %s, found %s", goKind(m[3]), found)
}

// yamlProblems turns a yaml.v3 error into problems, moving its line numbers by offset (the
// number of file lines before the YAML starts, as in front matter).
func yamlProblems(file string, offset int, err error) Problems {
	var msgs []string
	var te *yaml.TypeError
	if errors.As(err, &te) {
		msgs = te.Errors
	} else {
		msgs = []string{strings.TrimPrefix(err.Error(), "yaml: ")}
	}
	var ps Problems
	for _, msg := range msgs {
		p := Problem{File: file, Message: "invalid YAML: " + msg}
		if m := yamlLine.FindStringSubmatch(msg); m != nil {
			n, _ := strconv.Atoi(m[1])
			p.Line, p.Message = n+offset, "invalid YAML: "+m[2]
			if f := unknownField.FindStringSubmatch(m[2]); f != nil {
				p.Message = fmt.Sprintf("unknown field %q (a typo?)", f[1])
			}
			if f := wrongType.FindStringSubmatch(m[2]); f != nil {
				p.Message = wrongTypeMessage(f)
			}
		}
		ps = append(ps, p)
	}
	return ps
}
