package i18n

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
)

// webBundle is one language's messages as the web UI loads them, with its ETag.
type webBundle struct {
	body []byte
	etag string
}

// webDoc is the JSON the web UI reads: a message is a string, or its CLDR plural forms.
type webDoc struct {
	Lang     string         `json:"lang"`
	Messages map[string]any `json:"messages"`
}

func webBundles(messages map[string]map[string]*goi18n.Message) (map[string]webBundle, error) {
	out := map[string]webBundle{}
	for lang, msgs := range messages {
		doc := webDoc{Lang: lang, Messages: make(map[string]any, len(msgs))}
		for id, m := range msgs {
			doc.Messages[id] = webMessage(m)
		}
		body, err := json.Marshal(doc)
		if err != nil {
			return nil, err
		}
		sum := sha256.Sum256(body)
		out[lang] = webBundle{body: body, etag: `"` + hex.EncodeToString(sum[:12]) + `"`}
	}
	return out, nil
}

func webMessage(m *goi18n.Message) any {
	forms := map[string]string{}
	for name, text := range map[string]string{"zero": m.Zero, "one": m.One, "two": m.Two, "few": m.Few, "many": m.Many} {
		if text != "" {
			forms[name] = text
		}
	}
	if len(forms) == 0 {
		return m.Other
	}
	forms["other"] = m.Other
	return forms
}

// Web returns lang's messages as JSON for the web UI and their ETag; ok is false for a
// language Tandem does not speak.
func (c *Catalog) Web(lang string) (body []byte, etag string, ok bool) {
	b, ok := c.web[lang]
	return b.body, b.etag, ok
}
