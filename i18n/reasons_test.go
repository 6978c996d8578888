package i18n

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"tandem/errs"
)

func TestIntegersInEachLanguage(t *testing.T) {
	cases := []struct{ lang, four, six string }{
		{"en", "2000", "200,000"},
		{"fr", "2000", "200\u00a0000"},
		{"de", "2000", "200.000"},
		{"it", "2000", "200.000"},
		{"xx", "2000", "200,000"},
	}
	for _, c := range cases {
		if got := Integer(c.lang, 2000); got != c.four {
			t.Errorf("Integer(%s, 2000) = %q, want %q", c.lang, got, c.four)
		}
		if got := Integer(c.lang, 200_000); got != c.six {
			t.Errorf("Integer(%s, 200000) = %q, want %q", c.lang, got, c.six)
		}
	}
}

// A limit Tandem has always written grouped from four digits stays "2,000" in English and is
// grouped as each language groups digits, where a plain number of four digits stays whole.
func TestGroupedLimitsInEachLanguage(t *testing.T) {
	reason := errs.Reason("reason.chars_at_most", map[string]any{"Max": errs.Grouped(2000)})
	for lang, want := range map[string]string{
		"en": "must be at most 2,000 characters",
		"fr": "doit comporter au plus 2\u00a0000 caractères",
		"de": "darf höchstens 2.000 Zeichen lang sein",
		"it": "deve contenere al massimo 2.000 caratteri",
	} {
		if got := Default().FieldReason(lang, reason); got != want {
			t.Errorf("%s: got %q, want %q", lang, got, want)
		}
	}
	if got := Default().FieldReason("en", errs.Reason("reason.chars_at_most", map[string]any{"Max": 2000})); got != "must be at most 2000 characters" {
		t.Errorf("a plain limit: got %q", got)
	}
}

// A reason that carries values is worded in every language, English included; a sentence is
// translated as before, and English keeps it.
func TestErrorWordsReasonsWithValues(t *testing.T) {
	e := errs.Invalid(map[string]string{
		"page":  errs.Reason("reason.whole_number_range", map[string]any{"Min": 1, "Max": 1_000_000}),
		"sort":  errs.Reason("reason.rule_oneof", map[string]any{"Choices": []string{"name", "progress"}}),
		"order": "must be asc or desc",
	})
	want := map[string]map[string]string{
		"en": {"page": "must be a whole number from 1 to 1,000,000", "sort": "must be one of name, progress", "order": "must be asc or desc"},
		"fr": {"page": "doit être un nombre entier de 1 à 1\u00a0000\u00a0000", "sort": "doit être l’une des valeurs suivantes : name, progress", "order": "doit valoir asc ou desc"},
		"de": {"page": "muss eine ganze Zahl von 1 bis 1.000.000 sein"},
		"xx": {"page": "must be a whole number from 1 to 1,000,000"},
	}
	for lang, fields := range want {
		got := Default().Error(lang, e).Details.(map[string]any)["fields"].(map[string]string)
		for field, reason := range fields {
			if got[field] != reason {
				t.Errorf("%s %s: got %q, want %q", lang, field, got[field], reason)
			}
		}
	}
}

// Every reason the code writes with errs.Reason has its message, and the message places
// exactly the values the code gives it.
func TestEveryReasonTheCodeWritesHasItsMessage(t *testing.T) {
	calls := 0
	err := filepath.WalkDir("..", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return err
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, 0)
		if err != nil {
			return err
		}
		ast.Inspect(f, func(n ast.Node) bool {
			if id, names, ok := reasonCall(n); ok {
				calls++
				if want := Default().Placeholders(id); !Default().Has("en", id) || !slices.Equal(names, want) {
					t.Errorf("%s: %s with values %v; its message places %v", path, id, names, want)
				}
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if calls < 20 {
		t.Fatalf("found only %d calls of errs.Reason", calls)
	}
}

// reasonCall reads a call errs.Reason("id", map[string]any{"Name": ...}) or errs.Reason("id",
// nil): its id and the sorted names of its values.
func reasonCall(n ast.Node) (id string, names []string, ok bool) {
	call, ok := n.(*ast.CallExpr)
	if !ok || len(call.Args) != 2 {
		return "", nil, false
	}
	sel, ok := call.Fun.(*ast.SelectorExpr)
	if !ok || sel.Sel.Name != "Reason" {
		return "", nil, false
	}
	if pkg, isIdent := sel.X.(*ast.Ident); !isIdent || pkg.Name != "errs" {
		return "", nil, false
	}
	lit, ok := call.Args[0].(*ast.BasicLit)
	if !ok {
		return "", nil, false
	}
	id, _ = strconv.Unquote(lit.Value)
	names = []string{}
	if values, isMap := call.Args[1].(*ast.CompositeLit); isMap {
		for _, elt := range values.Elts {
			if key, isLit := elt.(*ast.KeyValueExpr).Key.(*ast.BasicLit); isLit {
				name, _ := strconv.Unquote(key.Value)
				names = append(names, name)
			}
		}
	}
	slices.Sort(names)
	return id, names, true
}
