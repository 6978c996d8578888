package i18n

import (
	"tandem/errs"
	"tandem/locale"
)

// Error words e in lang. English keeps the sentence the code wrote; another language shows the
// translation of that sentence (an error.* message with that English text), else the message
// of its code (error.<code>), else the English. Field reasons of a 422 are translated the same
// way (reason.* messages), and those that carry values (see errs.Reason) are worded in every
// language, English included. The code, status and other details never change.
func (c *Catalog) Error(lang string, e *errs.Error) *errs.Error {
	if !locale.Valid(lang) {
		lang = locale.English
	}
	out := *e
	if lang != locale.English {
		if id, ok := c.ByEnglish("error.", e.Message); ok {
			out.Message = c.Text(lang, id, nil)
		} else if c.Has(lang, "error."+e.Code) {
			out.Message = c.Text(lang, "error."+e.Code, nil)
		}
	}
	if d, ok := e.Details.(map[string]any); ok {
		if fields, ok := d["fields"].(map[string]string); ok {
			out.Details = withFields(d, c.reasons(lang, fields))
		}
	}
	return &out
}

func (c *Catalog) reasons(lang string, fields map[string]string) map[string]string {
	out := make(map[string]string, len(fields))
	for name, reason := range fields {
		out[name] = c.FieldReason(lang, reason)
	}
	return out
}

// FieldReason words one field reason of Invalid in lang: one written by errs.Reason with its
// values, a sentence by its translation (English keeps it).
func (c *Catalog) FieldReason(lang, reason string) string {
	if id, values, ok := errs.ParseReason(reason); ok {
		return c.Reason(lang, id, values)
	}
	if id, ok := c.ByEnglish("reason.", reason); ok && lang != locale.English {
		return c.Text(lang, id, nil)
	}
	return reason
}

func withFields(details map[string]any, fields map[string]string) map[string]any {
	out := make(map[string]any, len(details))
	for k, v := range details {
		out[k] = v
	}
	out["fields"] = fields
	return out
}
