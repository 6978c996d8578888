package xapi

import (
	"encoding/json"
	"reflect"
	"time"
)

// sameStatement reports whether two serialisations are the same statement under xAPI's
// comparison rules (Data 2.3.1): what an LRS may assign (authority, stored, version), the
// serialisation of the timestamp, verb displays and activity definitions do not count.
func sameStatement(a, b []byte) (bool, error) {
	ca, err := canonical(a)
	if err != nil {
		return false, err
	}
	cb, err := canonical(b)
	if err != nil {
		return false, err
	}
	return reflect.DeepEqual(ca, cb), nil
}

// canonical decodes a statement and removes what comparison ignores; the timestamp becomes
// the instant it names.
func canonical(raw []byte) (map[string]any, error) {
	var s map[string]any
	if err := json.Unmarshal(raw, &s); err != nil {
		return nil, err
	}
	for _, k := range []string{"authority", "stored", "version"} {
		delete(s, k)
	}
	if ts, ok := s["timestamp"].(string); ok {
		t, err := time.Parse(time.RFC3339Nano, ts)
		if err != nil {
			return nil, err
		}
		s["timestamp"] = t.UTC().Format(time.RFC3339Nano)
	}
	if verb, ok := s["verb"].(map[string]any); ok {
		delete(verb, "display")
	}
	dropDefinition(s["object"])
	if ctx, ok := s["context"].(map[string]any); ok {
		if acts, ok := ctx["contextActivities"].(map[string]any); ok {
			for _, list := range acts {
				items, _ := list.([]any)
				for _, it := range items {
					dropDefinition(it)
				}
				dropDefinition(list) // a single activity instead of a list
			}
		}
	}
	return s, nil
}

// dropDefinition removes an activity's definition; other objects keep theirs.
func dropDefinition(v any) {
	m, ok := v.(map[string]any)
	if !ok {
		return
	}
	if t, _ := m["objectType"].(string); t == "" || t == "Activity" {
		delete(m, "definition")
	}
}
