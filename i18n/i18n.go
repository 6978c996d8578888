// Package i18n holds Tandem's interface messages in every language it speaks and renders them
// for a request's language. The messages live in message files (messages/<area>.<lang>.toml,
// one file per area and language) embedded in the binary; the server localizes its errors,
// mails and command output with them, and the web UI loads the same files as JSON.
package i18n

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
	"sync"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"github.com/pelletier/go-toml/v2"
	"golang.org/x/text/language"

	"tandem/locale"
)

//go:embed messages/*.toml
var files embed.FS

// Catalog is the parsed message files: a go-i18n bundle and, per language, its messages.
type Catalog struct {
	bundle     *goi18n.Bundle
	messages   map[string]map[string]*goi18n.Message
	localizers map[string]*goi18n.Localizer
	web        map[string]webBundle
	english    map[string]map[string]string // prefix, then English text to message id
}

// englishPrefixes are the message groups that ByEnglish searches.
var englishPrefixes = []string{"error.", "reason."}

// Default returns the catalogue of the embedded message files, parsed once. It is read-only.
var Default = sync.OnceValue(func() *Catalog {
	c, err := Load(files)
	if err != nil {
		panic(fmt.Sprintf("i18n: embedded message files: %v", err))
	}
	return c
})

// Load parses every messages/*.toml file of fsys.
func Load(fsys fs.FS) (*Catalog, error) {
	b := goi18n.NewBundle(language.English)
	b.RegisterUnmarshalFunc("toml", toml.Unmarshal)
	c := &Catalog{bundle: b, messages: map[string]map[string]*goi18n.Message{}, localizers: map[string]*goi18n.Localizer{}}
	names, err := fs.Glob(fsys, "messages/*.toml")
	if err != nil {
		return nil, err
	}
	for _, name := range names {
		if err := c.parse(fsys, name); err != nil {
			return nil, err
		}
	}
	for _, lang := range locale.Supported() {
		c.localizers[lang] = goi18n.NewLocalizer(b, lang)
		if c.messages[lang] == nil {
			c.messages[lang] = map[string]*goi18n.Message{}
		}
	}
	c.english = map[string]map[string]string{}
	for _, prefix := range englishPrefixes {
		c.english[prefix] = map[string]string{}
		for id, m := range c.messages[locale.English] {
			if strings.HasPrefix(id, prefix) {
				c.english[prefix][m.Other] = id
			}
		}
	}
	c.web, err = webBundles(c.messages)
	return c, err
}

func (c *Catalog) parse(fsys fs.FS, name string) error {
	buf, err := fs.ReadFile(fsys, name)
	if err != nil {
		return err
	}
	mf, err := c.bundle.ParseMessageFileBytes(buf, path.Base(name))
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	lang := mf.Tag.String()
	if !locale.Valid(lang) {
		return fmt.Errorf("%s: %q is not a language Tandem speaks", name, lang)
	}
	if c.messages[lang] == nil {
		c.messages[lang] = map[string]*goi18n.Message{}
	}
	for _, m := range mf.Messages {
		if _, dup := c.messages[lang][m.ID]; dup {
			return fmt.Errorf("%s: message %q is defined twice", name, m.ID)
		}
		c.messages[lang][m.ID] = m
	}
	return nil
}

// Has reports whether lang has a message id.
func (c *Catalog) Has(lang, id string) bool {
	_, ok := c.messages[lang][id]
	return ok
}

// IDs returns the ids of lang's messages, sorted.
func (c *Catalog) IDs(lang string) []string {
	ids := make([]string, 0, len(c.messages[lang]))
	for id := range c.messages[lang] {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

// Text renders message id in lang with data; a data key Count chooses the plural form. A
// message missing in lang falls back to English, and one missing everywhere reads as its id.
func (c *Catalog) Text(lang, id string, data map[string]any) string {
	l, ok := c.localizers[lang]
	if !ok {
		l = c.localizers[locale.Default]
	}
	cfg := &goi18n.LocalizeConfig{MessageID: id, TemplateData: data}
	if n, ok := data["Count"]; ok {
		cfg.PluralCount = n
	}
	out, err := l.Localize(cfg)
	if err != nil && out == "" {
		return id
	}
	return out
}

// T renders message id in the language of ctx (see locale.From).
func (c *Catalog) T(ctx context.Context, id string, data map[string]any) string {
	return c.Text(locale.From(ctx), id, data)
}

// ByEnglish finds the message under prefix whose English text is text: it lets an English
// sentence that code wrote (an error's message) be shown in another language.
func (c *Catalog) ByEnglish(prefix, text string) (string, bool) {
	id, ok := c.english[prefix][text]
	return id, ok
}
