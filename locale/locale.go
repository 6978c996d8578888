// Package locale names the languages Tandem speaks and carries the one chosen for a request, so
// that handlers, domain packages and the catalogue agree on it without importing each other.
package locale

import (
	"context"

	"golang.org/x/text/language"
)

// The languages Tandem ships. English is the source language of the interface and the catalogue.
const (
	English = "en"
	French  = "fr"
	German  = "de"
	Italian = "it"
)

// Default is the language used when neither the learner nor the browser names a supported one.
const Default = English

var supported = []string{English, French, German, Italian}

var matcher = language.NewMatcher([]language.Tag{
	language.English, language.French, language.German, language.Italian,
})

// Supported returns the languages Tandem ships, English first.
func Supported() []string { return append([]string(nil), supported...) }

// Valid reports whether code is one of the supported languages, given as its two-letter code.
func Valid(code string) bool {
	for _, s := range supported {
		if s == code {
			return true
		}
	}
	return false
}

// Negotiate picks the language for a request: the saved choice when it is supported, else the
// best supported match of an Accept-Language header (fr-CH gives fr, de-AT gives de), else
// English.
func Negotiate(saved, acceptLanguage string) string {
	if Valid(saved) {
		return saved
	}
	if acceptLanguage == "" {
		return Default
	}
	tags, _, err := language.ParseAcceptLanguage(acceptLanguage)
	if err != nil || len(tags) == 0 {
		return Default
	}
	_, index, confidence := matcher.Match(tags...)
	if confidence == language.No {
		return Default
	}
	return supported[index]
}

type contextKey struct{}

// With returns a context that carries lang as the request's language.
func With(ctx context.Context, lang string) context.Context {
	return context.WithValue(ctx, contextKey{}, lang)
}

// From returns the request's language, English when none was set.
func From(ctx context.Context) string {
	if lang, ok := ctx.Value(contextKey{}).(string); ok && Valid(lang) {
		return lang
	}
	return Default
}
