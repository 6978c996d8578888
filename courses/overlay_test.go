package courses

import (
	"io/fs"
	"os"
	"testing"
	"testing/fstest"
	"time"
)

// overlayFS is the test catalogue of testenv with the small translations of
// testdata/overlays beside its sources, in memory so that a test can change it.
func overlayFS(t testing.TB) fstest.MapFS {
	t.Helper()
	m := fstest.MapFS{}
	for _, root := range []string{"../testenv/catalog", "testdata/overlays"} {
		src := os.DirFS(root)
		err := fs.WalkDir(src, ".", func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			b, err := fs.ReadFile(src, p)
			m[p] = &fstest.MapFile{Data: b}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return m
}

func TestOverlaysLoadProbe(t *testing.T) {
	m := overlayFS(t)
	for _, p := range CheckOn(m, time.Time{}) {
		t.Log(p)
	}
	c := mustLoad(t, m)
	les, _ := c.Lesson("clin-evaluation-part-1")
	fr, shown := les.In("fr")
	t.Log(shown, fr.Title, fr.HTML)
}
