package app

import (
	"context"
	"fmt"
	"log/slog"
	"os"

	"tandem/config"
	"tandem/courses"
	"tandem/models"
	"tandem/quizzes"
)

// LoadCatalog loads the catalogue from dir, or the embedded curricula when dir is empty. A
// catalogue with problems is refused with every problem listed.
func LoadCatalog(dir string) (*courses.Catalog, error) {
	fsys := courses.Embedded()
	if dir != "" {
		info, err := os.Stat(dir)
		if err != nil || !info.IsDir() {
			return nil, fmt.Errorf("TANDEM_CATALOG_DIR %q is not a folder", dir)
		}
		fsys = os.DirFS(dir)
	}
	cat, err := courses.Load(fsys)
	if err != nil {
		return nil, fmt.Errorf("the catalogue has problems:\n%w", err)
	}
	return cat, nil
}

// syncCatalog mirrors the catalogue into the database by slug and content hash.
func syncCatalog(ctx context.Context, st *models.Store, cat *courses.Catalog) error {
	var m models.Mirror
	for i, t := range cat.Tracks {
		m.Tracks = append(m.Tracks, models.Track{Slug: t.Slug, Title: t.Title, Audience: t.Audience, Position: i, Hash: cat.Hash()})
		for j, mod := range t.Modules {
			m.Modules = append(m.Modules, models.Module{Slug: mod.Slug, TrackSlug: t.Slug, Title: mod.Title, Position: j, Hash: mod.Hash})
			for k, l := range mod.Lessons {
				m.Lessons = append(m.Lessons, models.Lesson{Slug: l.Slug, ModuleSlug: mod.Slug, Title: l.Title, Position: k, Hash: l.Hash})
			}
			if q := mod.Quiz; q != nil {
				m.Quizzes = append(m.Quizzes, models.Quiz{Slug: q.Slug, ModuleSlug: mod.Slug, Title: q.Title, Hash: q.Hash, CountsLast: q.Grading == quizzes.GradeLast})
			}
		}
	}
	if err := st.SyncCatalog(ctx, m); err != nil {
		return fmt.Errorf("mirror catalogue: %w", err)
	}
	return nil
}

// RebuildSummaries recomputes every cohort's dashboard summaries from the learners' records,
// after bringing the schema and the catalogue mirror up to date, and returns how many cohorts
// it summarised.
func RebuildSummaries(ctx context.Context, cfg config.Config, log *slog.Logger) (int, error) {
	st, err := OpenStore(ctx, cfg, log, nil, nil)
	if err != nil {
		return 0, err
	}
	defer st.Close()
	if err := st.Migrate(ctx); err != nil {
		return 0, err
	}
	cat, err := LoadCatalog(cfg.CatalogDir)
	if err != nil {
		return 0, err
	}
	if err := syncCatalog(ctx, st, cat); err != nil {
		return 0, err
	}
	return st.RebuildSummaries(ctx)
}
