package i18n

import "tandem/locale"

// Placeholders returns the names of the placeholders the English message id uses, sorted;
// none when there is no such message.
func (c *Catalog) Placeholders(id string) []string {
	m, ok := c.messages[locale.English][id]
	if !ok {
		return nil
	}
	return names(m)
}
