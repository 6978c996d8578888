package i18n

import (
	"context"
	"encoding/json"
	"testing"

	"tandem/locale"
)

func TestEveryMessageInEveryLanguage(t *testing.T) {
	for _, p := range Default().Problems() {
		t.Error(p)
	}
	if n := len(Default().IDs(locale.English)); n < 100 {
		t.Fatalf("only %d English messages loaded", n)
	}
}

func TestTextFallsBackAndChoosesPlurals(t *testing.T) {
	c := Default()
	if got := c.Text("de", "error.not_found", nil); got == c.Text("en", "error.not_found", nil) || got == "error.not_found" {
		t.Fatalf("German not-found message = %q", got)
	}
	if got := c.Text("de", "no.such.message", nil); got != "no.such.message" {
		t.Fatalf("an unknown id must read as itself, got %q", got)
	}
	one := c.Text("de", "module.lesson_count", map[string]any{"Count": 1})
	many := c.Text("de", "module.lesson_count", map[string]any{"Count": 3})
	if one == many {
		t.Fatalf("German plural forms must differ: %q / %q", one, many)
	}
	ctx := locale.With(context.Background(), locale.Italian)
	if got := c.T(ctx, "error.not_found", nil); got != c.Text("it", "error.not_found", nil) {
		t.Fatalf("T must use the context's language, got %q", got)
	}
}

func TestWebBundle(t *testing.T) {
	body, etag, ok := Default().Web("fr")
	if !ok || etag == "" {
		t.Fatal("no French web bundle")
	}
	var doc webDoc
	if err := json.Unmarshal(body, &doc); err != nil || doc.Lang != "fr" || len(doc.Messages) == 0 {
		t.Fatalf("French web bundle: %v %+v", err, doc.Lang)
	}
	if _, _, ok := Default().Web("es"); ok {
		t.Fatal("Spanish must not be served")
	}
}
