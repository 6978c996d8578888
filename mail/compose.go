package mail

import (
	"tandem/i18n"
	"tandem/locale"
)

// Compose writes a mail of kind in lang from its messages: the subject, the paragraphs named
// by parts, the action's label and the note are mail.<kind>.subject, .<part>, .action and
// .note, filled from data. It greets name, or greets without a name when name is empty; the
// action links to link, and there is none when link is empty. A lang Tandem does not speak
// writes English.
func Compose(lang, kind, name string, data map[string]any, link string, parts ...string) Message {
	if !locale.Valid(lang) {
		lang = locale.Default
	}
	cat := i18n.Default()
	text := func(part string) string { return cat.Text(lang, "mail."+kind+"."+part, data) }
	m := Message{Kind: kind, Lang: lang, Subject: text("subject"), Note: text("note"),
		Greeting: cat.Text(lang, "mail.greeting.anonymous", nil)}
	if name != "" {
		m.Greeting = cat.Text(lang, "mail.greeting.named", map[string]any{"Name": name})
	}
	for _, p := range parts {
		m.Paragraphs = append(m.Paragraphs, text(p))
	}
	if link != "" {
		m.Action = &Action{Label: text("action"), URL: link}
	}
	return m
}
