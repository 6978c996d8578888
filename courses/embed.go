// Package courses loads Tandem's catalogue of tracks, modules, lessons, quizzes, glossary,
// case studies and joint exercises from Markdown and YAML, validates it, and renders it to
// HTML once, at load. The shipped catalogue is embedded; any fs.FS in the same layout (see
// catalog/README.md) can replace it.
package courses

import (
	"embed"
	"io/fs"
)

// catalogFS holds the shipped curricula, README.md included (Load ignores it).
//
//go:embed catalog
var catalogFS embed.FS

// Embedded returns the shipped catalogue, rooted at the catalog folder, ready for Load.
func Embedded() fs.FS {
	sub, err := fs.Sub(catalogFS, "catalog")
	if err != nil {
		panic("courses: embedded catalog missing: " + err.Error()) // cannot happen: fixed at build
	}
	return sub
}
