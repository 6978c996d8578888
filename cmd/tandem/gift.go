package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"tandem/quizzes"
)

// importGIFT converts a Moodle GIFT question bank into a quiz.yaml for a module. The quiz goes
// to out (or --out); every question left out, every change and every explanation still to
// write goes to report, each with its line. It fails only when no question can be imported.
func importGIFT(out, report io.Writer, args []string) error {
	fs := flag.NewFlagSet("import-gift", flag.ContinueOnError)
	module := fs.String("module", "", "slug of the module the quiz belongs to (required)")
	title := fs.String("title", "", "quiz title (default: derived from the module)")
	outPath := fs.String("out", "", "write the quiz here instead of standard output")
	pass := fs.Int("pass-percent", quizzes.DefaultPassPercent, "pass mark in percent")
	attempts := fs.Int("max-attempts", quizzes.DefaultMaxAttempts, "attempts allowed (0: unlimited)")
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
	if file == "" || !quizzes.ValidModuleSlug(*module) {
		return errors.New("usage: tandem import-gift FILE --module SLUG [--title T] [--out FILE]")
	}
	src, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	q, imp, err := quizzes.ImportGIFT(context.Background(), string(src), *module, *title, *pass, *attempts)
	if err != nil {
		var lines quizzes.GIFTErrors
		if errors.As(err, &lines) {
			printGIFTLines(report, file, "not imported", lines)
			return fmt.Errorf("%s: no question could be imported", file)
		}
		return fmt.Errorf("%s: %w", file, err)
	}
	printGIFTLines(report, file, "not imported", imp.Skipped)
	printGIFTLines(report, file, "note", imp.Notes)
	printGIFTLines(report, file, "explanation to add", imp.Pending)
	y, err := quizzes.QuizYAML(q)
	if err != nil {
		return err
	}
	if *outPath == "" {
		_, err = out.Write(y)
	} else {
		err = os.WriteFile(*outPath, y, 0o644)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(report, "%s: imported %d questions, left out %d\n", file, len(q.Questions), len(imp.Skipped))
	return nil
}

// printGIFTLines writes one line per entry: file:line: kind: message.
func printGIFTLines(w io.Writer, file, kind string, lines quizzes.GIFTErrors) {
	for _, l := range lines {
		fmt.Fprintf(w, "%s:%d: %s: %s\n", file, l.Line, kind, l.Msg)
	}
}
