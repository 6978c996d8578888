package certificates

import (
	"context"
	"errors"
	"strings"
	"unicode/utf8"

	"tandem/errs"
	"tandem/locale"
	"tandem/models"
)

// A programme's own title and description are its default edition, in English; its society's
// admins may add the title and description in each other language Tandem speaks. The
// credential of a holder who reads Tandem in one of them names the achievement in it, and the
// verification page shows it to a viewer who reads that language.

// translationStore is what programme translations need from the database.
type translationStore interface {
	ProgrammeTranslations(ctx context.Context, programmeID string) ([]models.ProgrammeTranslation, error)
	SaveProgrammeTranslation(ctx context.Context, t *models.ProgrammeTranslation) error
	DeleteProgrammeTranslation(ctx context.Context, programmeID, lang string) error
}

// ProgrammeText is a programme's title and description in one language.
type ProgrammeText struct {
	Language    string `json:"language"`
	Title       string `json:"title"`
	Description string `json:"description"`
}

// translations is the store's translation methods; the store every Service is built with
// has them.
func (s *Service) translations() (translationStore, error) {
	ts, ok := s.store.(translationStore)
	if !ok {
		return nil, errors.New("certificates: the store keeps no programme translations")
	}
	return ts, nil
}

// ProgrammeTranslations lists a programme's translations, by language; anyone may read them,
// as anyone may read the programme.
func (s *Service) ProgrammeTranslations(ctx context.Context, programmeID string) ([]ProgrammeText, error) {
	if _, err := s.ProgrammeView(ctx, programmeID); err != nil {
		return nil, err
	}
	return s.programmeTexts(ctx, programmeID)
}

func (s *Service) programmeTexts(ctx context.Context, programmeID string) ([]ProgrammeText, error) {
	ts, err := s.translations()
	if err != nil {
		return nil, err
	}
	rows, err := ts.ProgrammeTranslations(ctx, programmeID)
	if err != nil {
		return nil, err
	}
	out := make([]ProgrammeText, len(rows))
	for i, r := range rows {
		out[i] = ProgrammeText{Language: r.Language, Title: r.Title, Description: r.Description}
	}
	return out, nil
}

// SetProgrammeTranslation saves the programme's title and description in lang (French, German
// or Italian), for an admin of its society; a second one replaces the first.
func (s *Service) SetProgrammeTranslation(ctx context.Context, caller Caller, programmeID, lang, title, description string) (*ProgrammeText, error) {
	if _, err := s.administeredProgramme(ctx, caller, programmeID); err != nil {
		return nil, err
	}
	title, description = strings.TrimSpace(title), strings.TrimSpace(description)
	fields := map[string]string{}
	if !locale.Valid(lang) || lang == locale.Default {
		fields["language"] = "must be fr, de or it: the programme's own title and description are its English edition"
	}
	if title == "" || utf8.RuneCountInString(title) > 300 {
		fields["title"] = errs.Reason("reason.chars_range", map[string]any{"Min": 1, "Max": 300})
	}
	if description == "" || utf8.RuneCountInString(description) > 4000 {
		fields["description"] = errs.Reason("reason.chars_range", map[string]any{"Min": 1, "Max": 4000})
	}
	if len(fields) > 0 {
		return nil, errs.Invalid(fields)
	}
	ts, err := s.translations()
	if err != nil {
		return nil, err
	}
	if err := ts.SaveProgrammeTranslation(ctx, &models.ProgrammeTranslation{ProgrammeID: programmeID, Language: lang, Title: title, Description: description}); err != nil {
		return nil, err
	}
	return &ProgrammeText{Language: lang, Title: title, Description: description}, nil
}

// DeleteProgrammeTranslation removes the programme's translation into lang, for an admin of
// its society; readers of lang see the English edition again.
func (s *Service) DeleteProgrammeTranslation(ctx context.Context, caller Caller, programmeID, lang string) error {
	if _, err := s.administeredProgramme(ctx, caller, programmeID); err != nil {
		return err
	}
	ts, err := s.translations()
	if err != nil {
		return err
	}
	return ts.DeleteProgrammeTranslation(ctx, programmeID, lang)
}

// editions are a programme's title and description in every language it has, English (its
// own) first.
func (s *Service) editions(ctx context.Context, p *ProgrammeView) ([]ProgrammeText, error) {
	texts, err := s.programmeTexts(ctx, p.ID)
	if err != nil {
		return nil, err
	}
	return append([]ProgrammeText{{Language: locale.Default, Title: p.Title, Description: p.Description}}, texts...), nil
}

// editionIn is the edition of lang among editions, the English one when there is none.
func editionIn(editions []ProgrammeText, lang string) ProgrammeText {
	for _, e := range editions {
		if e.Language == lang {
			return e
		}
	}
	return editions[0]
}

// inLanguage writes in's programme title and description in lang's edition, English when the
// programme has none in lang, and names every edition.
func (s *Service) inLanguage(ctx context.Context, in *Issue, p *ProgrammeView, lang string) error {
	editions, err := s.editions(ctx, p)
	if err != nil {
		return err
	}
	e := editionIn(editions, lang)
	in.ProgrammeTitle, in.ProgrammeDescription, in.Language = e.Title, e.Description, e.Language
	in.Criteria = s.criteriaIn(p, e.Language)
	in.Editions = make([]string, len(editions))
	for i, ed := range editions {
		in.Editions[i] = ed.Language
	}
	return nil
}

// holderLanguage is the language the holder of a certificate reads Tandem in, English when
// they chose none or their account is gone.
func (s *Service) holderLanguage(ctx context.Context, userID string) string {
	u, err := s.store.UserByID(ctx, userID)
	if err != nil || !locale.Valid(u.Language) {
		return locale.Default
	}
	return u.Language
}
