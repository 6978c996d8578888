package certificates

import "tandem/i18n"

// unmetText is the detail of an unmet requirement in lang: the message
// certificate.unmet.<kind> filled from data.
func unmetText(lang, kind string, data map[string]any) string {
	return i18n.Default().Text(lang, "certificate.unmet."+kind, data)
}

// trackTitle is the title of track slug in lang; fallback when the catalogue has no such
// track any more.
func (s *Service) trackTitle(lang, slug, fallback string) string {
	if t, ok := s.catalog.Track(slug); ok {
		in, _ := t.In(lang)
		return in.Title
	}
	return fallback
}

// moduleTitle is the title of module slug in lang; fallback when the catalogue has no such
// module any more.
func (s *Service) moduleTitle(lang, slug, fallback string) string {
	if m, ok := s.catalog.Module(slug); ok {
		in, _ := m.In(lang)
		return in.Title
	}
	return fallback
}
