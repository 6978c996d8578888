package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"regexp"

	"tandem/quizzes"
)

var moduleSlug = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// importGIFT converts a Moodle GIFT question bank into a quiz.yaml for a module.
func importGIFT(out io.Writer, args []string) error {
	fs := flag.NewFlagSet("import-gift", flag.ContinueOnError)
	module := fs.String("module", "", "slug of the module the quiz belongs to (required)")
	title := fs.String("title", "", "quiz title (default: derived from the module)")
	outPath := fs.String("out", "", "write the quiz here instead of standard output")
	pass := fs.Int("pass-percent", 70, "pass mark in percent")
	attempts := fs.Int("max-attempts", 3, "attempts allowed (0: unlimited)")
	var file string
	if len(args) > 0 && args[0] != "" && args[0][0] != '-' {
		file, args = args[0], args[1:]
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if file == "" && fs.NArg() == 1 {
		file = fs.Arg(0)
	}
	if file == "" || !moduleSlug.MatchString(*module) {
		return errors.New("usage: tandem import-gift FILE --module SLUG [--title T] [--out FILE]")
	}
	src, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	q, err := quizzes.ImportGIFT(string(src), *module, *title, *pass, *attempts)
	if err != nil {
		return fmt.Errorf("%s:\n%w", file, err)
	}
	y, err := quizzes.QuizYAML(q)
	if err != nil {
		return err
	}
	if *outPath == "" {
		_, err = out.Write(y)
		return err
	}
	if err := os.WriteFile(*outPath, y, 0o644); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "wrote %d questions to %s\n", len(q.Questions), *outPath)
	return nil
}
