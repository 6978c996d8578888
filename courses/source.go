package courses

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io/fs"

	"gopkg.in/yaml.v3"
)

// yamlDoc is a decoded YAML document kept for finding the line of a key or list item.
type yamlDoc struct {
	root   *yaml.Node
	offset int // file lines before the YAML starts (1 in front matter)
}

// line returns the file line of the node at path (string keys into mappings, int indices
// into sequences), or of the deepest part of the path that exists; 0 when nothing was parsed.
func (d yamlDoc) line(path ...any) int {
	n := d.root
	if n == nil {
		return 0
	}
	line := n.Line
	for _, step := range path {
		var next *yaml.Node
		switch s := step.(type) {
		case string:
			for i := 0; n.Kind == yaml.MappingNode && i+1 < len(n.Content); i += 2 {
				if n.Content[i].Value == s {
					line, next = n.Content[i].Line, n.Content[i+1]
					break
				}
			}
		case int:
			if n.Kind == yaml.SequenceNode && s >= 0 && s < len(n.Content) {
				next = n.Content[s]
				line = next.Line
			}
		}
		if next == nil {
			break
		}
		n = next
	}
	return line + d.offset
}

// read returns a file's bytes and records its hash for Catalog.Hash. A missing or
// unreadable file is reported as a problem.
func (l *loader) read(file string) ([]byte, bool) {
	src, err := fs.ReadFile(l.fsys, file)
	if errors.Is(err, fs.ErrNotExist) {
		l.problem(file, 0, "missing file")
		return nil, false
	}
	if err != nil {
		l.problem(file, 0, "cannot read: %v", err)
		return nil, false
	}
	l.files[file] = hashBytes(src)
	return src, true
}

// decode parses src strictly into v: unknown keys are problems, so a misspelt optional field
// is not silently ignored. ok is false when the YAML could not be read at all; type errors
// are reported but leave the rest of v filled.
func (l *loader) decode(file string, src []byte, offset int, v any) (yamlDoc, bool) {
	var root yaml.Node
	if err := yaml.Unmarshal(src, &root); err != nil {
		l.problems = append(l.problems, yamlProblems(file, offset, err)...)
		return yamlDoc{}, false
	}
	if len(root.Content) == 0 {
		l.problem(file, offset+1, "no YAML content")
		return yamlDoc{}, false
	}
	dec := yaml.NewDecoder(bytes.NewReader(src))
	dec.KnownFields(true)
	if err := dec.Decode(v); err != nil {
		l.problems = append(l.problems, yamlProblems(file, offset, err)...)
		var te *yaml.TypeError
		if !errors.As(err, &te) {
			return yamlDoc{}, false
		}
	}
	return yamlDoc{root: root.Content[0], offset: offset}, true
}

// page is a Markdown file split into its front matter and body.
type page struct {
	doc      yamlDoc
	body     []byte
	bodyLine int // file line on which the body starts
	hash     string
}

// readPage reads a Markdown file with YAML front matter and decodes the front matter into v.
func (l *loader) readPage(file string, v any) (page, bool) {
	raw, ok := l.read(file)
	if !ok {
		return page{}, false
	}
	src := bytes.ReplaceAll(bytes.TrimPrefix(raw, []byte("\ufeff")), []byte("\r\n"), []byte("\n"))
	lines := bytes.SplitAfter(src, []byte("\n"))
	if len(lines) == 0 || string(bytes.TrimRight(lines[0], " \t\n")) != "---" {
		l.problem(file, 1, "missing front matter: the file must start with a line of three dashes (---)")
		return page{}, false
	}
	start := len(lines[0])
	pos := start
	for i := 1; i < len(lines); i++ {
		if string(bytes.TrimRight(lines[i], " \t\n")) == "---" {
			doc, ok := l.decode(file, src[start:pos], 1, v)
			p := page{doc: doc, body: src[pos+len(lines[i]):], bodyLine: i + 2, hash: hashBytes(raw)}
			return p, ok
		}
		pos += len(lines[i])
	}
	l.problem(file, 1, "front matter is not closed with a line of three dashes (---)")
	return page{}, false
}

// hashBytes is the hex SHA-256 of b.
func hashBytes(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}
