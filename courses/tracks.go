package courses

import (
	"io/fs"
	"path"
	"slices"

	"tandem/disciplines"
)

// trackMeta is track.yaml as written.
type trackMeta struct {
	Slug     string   `yaml:"slug"`
	Title    string   `yaml:"title"`
	Audience string   `yaml:"audience"`
	Summary  string   `yaml:"summary"`
	Modules  []string `yaml:"modules"`
}

// loadTracks loads every folder under tracks/ as a track.
func (l *loader) loadTracks() {
	entries, err := fs.ReadDir(l.fsys, "tracks")
	if err != nil {
		l.problem("tracks", 0, "missing folder: a catalogue keeps its tracks in tracks/<track>/track.yaml")
		return
	}
	var dirs []string
	for _, e := range entries {
		switch {
		case hidden(e.Name()):
		case !e.IsDir():
			l.problem(path.Join("tracks", e.Name()), 0, "unexpected file: tracks/ holds one folder per track")
		default:
			dirs = append(dirs, e.Name())
		}
	}
	if len(dirs) == 0 {
		l.problem("tracks", 0, "no tracks: add a folder with a track.yaml")
	}
	l.tracks = len(dirs)
	for _, dir := range dirs {
		l.loadTrack(dir)
	}
}

// loadTrack loads track.yaml and the modules it lists, in its order.
func (l *loader) loadTrack(dir string) {
	file := path.Join("tracks", dir, "track.yaml")
	folders := l.moduleFolders(path.Join("tracks", dir))
	var m trackMeta
	src, ok := l.read(file)
	var doc yamlDoc
	if ok {
		doc, ok = l.decode(file, src, 0, &m)
	}
	t := &Track{Slug: m.Slug, Title: m.Title, Audience: m.Audience, Summary: m.Summary}
	l.cat.Tracks = append(l.cat.Tracks, t)
	if !ok {
		// Still check the modules, so that one typo does not hide every other problem.
		t.Slug = dir
		for _, folder := range folders {
			t.Modules = append(t.Modules, l.loadModule(t, path.Join("tracks", dir, folder)))
		}
		return
	}
	l.claim(m.Slug, "track", file, doc.line("slug"))
	l.source(KindTrack, file)
	l.checkPlainText(file, doc)
	l.require(file, doc, "title", m.Title)
	l.require(file, doc, "summary", m.Summary)
	if m.Audience != disciplines.Clinical && m.Audience != disciplines.Technical {
		l.problem(file, doc.line("audience"), "audience must be clinical or technical, not %q", m.Audience)
	}
	if len(m.Modules) == 0 {
		l.problem(file, doc.line("modules"), "no modules: list the track's module slugs under modules")
	}
	for i, slug := range m.Modules {
		line := doc.line("modules", i)
		switch {
		case slices.Index(m.Modules, slug) < i:
			l.problem(file, line, "module %q is listed twice", slug)
		case !slices.Contains(folders, slug):
			l.problem(file, line, "module %q has no folder %s", slug, path.Join("tracks", dir, slug))
		default:
			t.Modules = append(t.Modules, l.loadModule(t, path.Join("tracks", dir, slug)))
		}
	}
	for _, folder := range folders {
		if !slices.Contains(m.Modules, folder) {
			l.unlisted[folder] = true
			l.problem(file, doc.line("modules"), "module folder %s is not listed under modules", folder)
		}
	}
	linkLessons(t)
	l.loadTrackOverlays(t, path.Join("tracks", dir))
}

// moduleFolders lists the folders of a track, reporting stray files.
func (l *loader) moduleFolders(dir string) []string {
	entries, err := fs.ReadDir(l.fsys, dir)
	if err != nil {
		l.problem(dir, 0, "cannot read: %v", err)
		return nil
	}
	var folders []string
	for _, e := range entries {
		switch {
		case hidden(e.Name()), e.Name() == "track.yaml", isOverlay(e.Name()) && !e.IsDir():
		case !e.IsDir():
			l.problem(path.Join(dir, e.Name()), 0, "unexpected file: a track folder holds track.yaml and one folder per module")
		default:
			folders = append(folders, e.Name())
		}
	}
	return folders
}
