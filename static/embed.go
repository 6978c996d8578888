// Package static holds Tandem's web UI: plain HTML, CSS and JavaScript modules, embedded in
// the binary and served as they are (no build step).
package static

import (
	"embed"
	"io/fs"
)

//go:embed all:site
var site embed.FS

// Files returns the web UI's files, rooted at the site folder.
func Files() fs.FS {
	sub, err := fs.Sub(site, "site")
	if err != nil {
		panic(err) // the folder is embedded at build time; it cannot be missing
	}
	return sub
}
