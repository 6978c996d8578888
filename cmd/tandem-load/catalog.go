package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
)

// Catalog is what the simulation needs to know of the served curricula.
type Catalog struct {
	Tracks []*TrackInfo
}

// TrackInfo is a track and its modules in order.
type TrackInfo struct {
	Slug     string
	Audience string // clinical or technical
	Modules  []*ModuleInfo
}

// ModuleInfo is a module's lessons in order and its quiz, if any.
type ModuleInfo struct {
	Slug    string
	Lessons []string
	Quiz    *QuizInfo
}

// QuizInfo is a quiz's slug and how many attempts a learner gets (0: unlimited).
type QuizInfo struct {
	Slug        string
	MaxAttempts int
}

// Track returns the track for audience, or the first track.
func (c *Catalog) Track(audience string) *TrackInfo {
	for _, t := range c.Tracks {
		if t.Audience == audience {
			return t
		}
	}
	return c.Tracks[0]
}

// Lessons lists every lesson slug.
func (c *Catalog) Lessons() []string {
	var out []string
	for _, t := range c.Tracks {
		for _, m := range t.Modules {
			out = append(out, m.Lessons...)
		}
	}
	return out
}

// DiscoverCatalog reads the tracks, their modules and each module's lessons and quiz from the
// public catalogue routes.
func DiscoverCatalog(c *Client) (*Catalog, error) {
	var tracks struct {
		Items []struct {
			Slug     string `json:"slug"`
			Audience string `json:"audience"`
		} `json:"items"`
	}
	if err := getJSON(c, "GET /api/v1/tracks", "/api/v1/tracks", &tracks); err != nil {
		return nil, err
	}
	cat := &Catalog{}
	for _, t := range tracks.Items {
		var track struct {
			Modules []struct {
				Slug string `json:"slug"`
			} `json:"modules"`
		}
		if err := getJSON(c, "GET /api/v1/tracks/:track", "/api/v1/tracks/"+t.Slug, &track); err != nil {
			return nil, err
		}
		ti := &TrackInfo{Slug: t.Slug, Audience: t.Audience}
		for _, m := range track.Modules {
			var mod struct {
				Lessons []struct {
					Slug string `json:"slug"`
				} `json:"lessons"`
				Quiz *struct {
					Slug        string `json:"slug"`
					MaxAttempts int    `json:"max_attempts"`
				} `json:"quiz"`
			}
			if err := getJSON(c, "GET /api/v1/modules/:module", "/api/v1/modules/"+m.Slug, &mod); err != nil {
				return nil, err
			}
			mi := &ModuleInfo{Slug: m.Slug}
			for _, l := range mod.Lessons {
				mi.Lessons = append(mi.Lessons, l.Slug)
			}
			if mod.Quiz != nil {
				mi.Quiz = &QuizInfo{Slug: mod.Quiz.Slug, MaxAttempts: mod.Quiz.MaxAttempts}
			}
			ti.Modules = append(ti.Modules, mi)
		}
		cat.Tracks = append(cat.Tracks, ti)
	}
	if len(cat.Tracks) == 0 || len(cat.Lessons()) == 0 {
		return nil, fmt.Errorf("the server at %s serves no tracks or lessons", c.Base)
	}
	return cat, nil
}

// MedianLesson fetches every lesson and returns the slug and body of the one of median size:
// the bytes both the server and bare gin answer with in the lesson-read comparison.
func MedianLesson(c *Client, cat *Catalog) (string, []byte, error) {
	type sized struct {
		slug string
		body []byte
	}
	var all []sized
	for _, slug := range cat.Lessons() {
		body, err := LessonBody(c, slug)
		if err != nil {
			return "", nil, err
		}
		all = append(all, sized{slug, body})
	}
	slices.SortFunc(all, func(a, b sized) int { return len(a.body) - len(b.body) })
	m := all[len(all)/2]
	return m.slug, m.body, nil
}

// LessonBody fetches one lesson's response body.
func LessonBody(c *Client, slug string) ([]byte, error) {
	resp, err := c.Do(Call{Route: "GET /api/v1/lessons/:lesson", Method: "GET", Path: "/api/v1/lessons/" + slug})
	if err != nil {
		return nil, err
	}
	if resp.Status != http.StatusOK {
		return nil, fmt.Errorf("GET lesson %s: %d %.200s", slug, resp.Status, resp.Body)
	}
	return resp.Body, nil
}

func getJSON(c *Client, route, path string, v any) error {
	resp, err := c.Do(Call{Route: route, Method: "GET", Path: path})
	if err != nil {
		return fmt.Errorf("GET %s: %w", path, err)
	}
	if resp.Status != http.StatusOK {
		return fmt.Errorf("GET %s: %d %.200s", path, resp.Status, resp.Body)
	}
	return json.Unmarshal(resp.Body, v)
}
