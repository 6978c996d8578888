package notifications

import (
	"tandem/i18n"
	"tandem/locale"
	"tandem/models"
)

// Localized is a placeholder value that reads as a language writes it, such as a catalogue
// title or a date: the notice calls it with its reader's language.
type Localized func(lang string) string

// languageOf is the language r reads Tandem in: the one they chose, else English.
func languageOf(r models.Recipient) string {
	if locale.Valid(r.Language) {
		return r.Language
	}
	return locale.Default
}

// messageBase is the id prefix of n's messages: notice.<Message>, else notice.<Kind>.
func (n Notice) messageBase() string {
	if n.Message != "" {
		return "notice." + n.Message
	}
	return "notice." + n.Kind
}

// textIn is what n says to a reader of lang: its messages (<base>.title and, when there is
// one, <base>.body) filled from Data; its Title and Body as given when the kind has no
// messages yet or Data leaves one of their placeholders out.
func (n Notice) textIn(lang string) (title, body string) {
	cat, base := i18n.Default(), n.messageBase()
	if !cat.Has(locale.English, base+".title") {
		return n.Title, n.Body
	}
	data, ok := n.dataIn(lang, base+".title", base+".body")
	if !ok {
		return n.Title, n.Body
	}
	title, body = cat.Text(lang, base+".title", data), n.Body
	if cat.Has(locale.English, base+".body") {
		body = cat.Text(lang, base+".body", data)
	}
	return title, body
}

// dataIn is n's Data as the messages ids need it in lang, Localized values written in lang;
// false when a placeholder of theirs has no value.
func (n Notice) dataIn(lang string, ids ...string) (map[string]any, bool) {
	data := make(map[string]any, len(n.Data))
	for _, id := range ids {
		for _, name := range i18n.Default().Placeholders(id) {
			v, ok := n.Data[name]
			if !ok {
				return nil, false
			}
			if f, ok := v.(Localized); ok {
				v = f(lang)
			}
			data[name] = v
		}
	}
	return data, true
}

// labelIn is how the settings page names kind k in lang.
func (k Kind) labelIn(lang string) string {
	id := "notice." + k.Key + ".label"
	if !i18n.Default().Has(locale.English, id) {
		return k.Label
	}
	return i18n.Default().Text(lang, id, nil)
}
