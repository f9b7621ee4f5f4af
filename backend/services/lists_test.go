package services

import (
	"encoding/json"
	"testing"

	"acmedesk/backend/accounts"
	"acmedesk/backend/credentials"
)

// The page's generated types say Array<T> where Go's JSON could say null:
// what a service returns is filled in before it goes out.
func TestResultsHaveNoNullLists(t *testing.T) {
	type withLists struct {
		List     []string          `json:"list"`
		Map      map[string]string `json:"map"`
		Optional []string          `json:"optional,omitempty"`
		Skipped  []string          `json:"-"`
		Nested   *withLists        `json:"nested,omitempty"`
	}
	cases := []struct {
		name string
		got  func() any
		want string
	}{
		{"a nil top-level list", func() any { var v []accounts.Account; fillLists(&v); return v }, `[]`},
		{"list fields inside a list", func() any {
			v := []accounts.Account{{ID: "a"}}
			fillLists(&v)
			return []any{v[0].Contacts, v[0].RetiredKeys}
		}, `[[],null]`},
		{"a pointer to a struct", func() any {
			v := &credentials.Credential{}
			fillLists(&v)
			return []any{v.Tags, v.Fields, v.SecretsSet}
		}, `[[],{},[]]`},
		{"a nil pointer stays nil", func() any { var v *credentials.Credential; fillLists(&v); return v }, `null`},
		{"omitempty and ignored fields stay nil; nested ones are filled", func() any {
			v := withLists{Nested: &withLists{}}
			fillLists(&v)
			return v
		}, `{"list":[],"map":{},"nested":{"list":[],"map":{}}}`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			b, err := json.Marshal(c.got())
			if err != nil || string(b) != c.want {
				t.Fatalf("got %s (%v), want %s", b, err, c.want)
			}
		})
	}
}
