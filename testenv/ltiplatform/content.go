package ltiplatform

import (
	"encoding/json"

	"github.com/golang-jwt/jwt/v5"
)

// ContentItem is a resource link a tool added to a course through deep linking, with the line
// item it asked the gradebook for.
type ContentItem struct {
	Title    string         `json:"title"`
	URL      string         `json:"url"`
	Custom   map[string]any `json:"custom"`
	LineItem *LineItem      `json:"lineItem"`
}

// ContentItems are the resource links of the deep-linking responses received so far.
func (p *Platform) ContentItems() []ContentItem {
	var out []ContentItem
	for _, raw := range p.DeepLinkResponses() {
		c := jwt.MapClaims{}
		if _, _, err := jwt.NewParser().ParseUnverified(raw, c); err != nil {
			continue
		}
		b, _ := json.Marshal(c["https://purl.imsglobal.org/spec/lti-dl/claim/content_items"])
		var items []ContentItem
		if json.Unmarshal(b, &items) == nil {
			out = append(out, items...)
		}
	}
	return out
}

// LaunchOf is l opening item from its course: the launch names the item's URL, custom
// parameters and line item.
func LaunchOf(item ContentItem, l Launch) Launch {
	l.TargetLinkURI, l.Custom = item.URL, item.Custom
	if item.LineItem != nil {
		l.LineItem = item.LineItem.ResourceID
	}
	return l
}
