package main

import (
	"os"
	"strings"

	"tandem/i18n"
	"tandem/locale"
)

// cliLanguage is the language of the operator's terminal, from LC_ALL, LC_MESSAGES or LANG
// as POSIX orders them ("de_CH.UTF-8" gives de), else English.
func cliLanguage() string {
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		value := os.Getenv(name)
		if value == "" {
			continue
		}
		tag, _, _ := strings.Cut(value, ".")
		return locale.Negotiate("", strings.ReplaceAll(tag, "_", "-"))
	}
	return locale.Default
}

// say renders message id of the cli.* messages in the terminal's language.
func say(id string, data map[string]any) string {
	return i18n.Default().Text(cliLanguage(), "cli."+id, data)
}
