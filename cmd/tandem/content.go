package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"tandem/courses"
)

// contentCheck validates a catalogue folder (the embedded catalogue when none is given) and
// prints every problem and warning with file and line; it fails when there is a problem.
// Review dates are checked against today.
func contentCheck(out io.Writer, args []string) error {
	return contentCheckOn(out, args, time.Now())
}

// contentCheckOn is contentCheck with review dates checked against day. It also reports how
// far the catalogue is translated, per file with --translations.
func contentCheckOn(out io.Writer, args []string, day time.Time) error {
	detail := len(args) > 0 && args[0] == "--translations"
	if detail {
		args = args[1:]
	}
	if len(args) > 1 {
		return errors.New("usage: tandem content check [--translations] [DIR]")
	}
	fsys, name := courses.Embedded(), "the embedded catalogue"
	if len(args) == 1 {
		info, err := os.Stat(args[0])
		if err != nil || !info.IsDir() {
			return fmt.Errorf("%s is not a folder", args[0])
		}
		fsys, name = os.DirFS(args[0]), args[0]
	}
	problems := courses.CheckOn(fsys, day)
	for _, p := range problems {
		fmt.Fprintln(out, p.String())
	}
	printTranslations(out, fsys, detail)
	failing, warnings := problems.Errors(), len(problems)-problems.Errors()
	if failing > 0 {
		return fmt.Errorf("%s has %d problem(s) and %d warning(s)", name, failing, warnings)
	}
	if warnings > 0 {
		fmt.Fprintf(out, "%d warning(s)\n", warnings)
	}
	cat, err := courses.Load(fsys)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "%s is valid: %d tracks, %d modules, %d lessons, %d quizzes, %d glossary terms, %d case studies, %d exercises, %d labs\n",
		name, len(cat.Tracks), len(cat.Modules()), len(cat.Lessons()), len(cat.Quizzes()), len(cat.Glossary()), len(cat.CaseStudies()), len(cat.Exercises()), len(cat.Labs()))
	return nil
}
