// Command tandem runs the Tandem course platform: `tandem [serve]` serves the API and web UI,
// `tandem migrate` updates the schema, `tandem rebuild-summaries` recomputes the cohort
// dashboards' summaries from the records, `tandem user create` adds an account,
// `tandem content check [dir]` validates a catalogue and `tandem import-gift` converts a Moodle
// GIFT question bank into a quiz file.
package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"os"
	"os/signal"
	"slices"
	"strings"
	"syscall"
	"time"
	_ "time/tzdata" // cohorts name IANA time zones; the container image has no zoneinfo of its own

	"tandem/app"
	"tandem/config"
	"tandem/errs"
	"tandem/i18n"
	"tandem/logs"
)

// usage lists the commands, in the terminal's language.
func usage() string { return say("usage", nil) }

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:]); err != nil {
		fmt.Fprint(os.Stderr, describe(err))
		os.Exit(1)
	}
}

// describe words an error for the terminal: a refused field gets a line of its own with the
// reason, as the web forms show it beside the field.
func describe(err error) string {
	var e *errs.Error
	if !errors.As(err, &e) {
		return "tandem: " + err.Error() + "\n"
	}
	e = i18n.Default().Error(cliLanguage(), e)
	var b strings.Builder
	fmt.Fprintf(&b, "tandem: %s\n", e.Message)
	details, _ := e.Details.(map[string]any)
	fields, _ := details["fields"].(map[string]string)
	for _, name := range slices.Sorted(maps.Keys(fields)) {
		fmt.Fprintf(&b, "  %s: %s\n", name, fields[name])
	}
	return b.String()
}

func run(ctx context.Context, args []string) error {
	cmd := "serve"
	if len(args) > 0 {
		cmd, args = args[0], args[1:]
	}
	switch cmd {
	case "content":
		if len(args) == 0 || args[0] != "check" {
			return fmt.Errorf("%s\n%s", say("unknown_command", map[string]any{"Command": "content " + strings.Join(args, " ")}), usage())
		}
		return contentCheck(os.Stdout, args[1:])
	case "import-gift":
		return importGIFT(os.Stdout, os.Stderr, args)
	case "help", "-h", "--help":
		fmt.Print(usage())
		return nil
	}
	cfg, err := config.FromEnv()
	if err != nil {
		return err
	}
	batch := logs.NewBatch(os.Stderr, logInterval)
	defer batch.Flush()
	log := newLogger(cfg, batch)
	switch cmd {
	case "serve":
		return serve(ctx, cfg, log)
	case "migrate":
		return migrate(ctx, cfg, log)
	case "rebuild-summaries":
		n, err := app.RebuildSummaries(ctx, cfg, log)
		if err != nil {
			return err
		}
		fmt.Println(say("summaries_rebuilt", map[string]any{"Count": n}))
		return nil
	case "user":
		if len(args) == 0 || args[0] != "create" {
			return fmt.Errorf("%s\n%s", say("unknown_command", map[string]any{"Command": "user " + strings.Join(args, " ")}), usage())
		}
		return createUser(ctx, cfg, log, args[1:])
	case "demo":
		return demo(ctx, cfg, log, os.Stdout)
	}
	return fmt.Errorf("%s\n%s", say("unknown_command", map[string]any{"Command": cmd}), usage())
}

// logInterval is the longest an info line (an access-log line) waits to be written with others;
// warnings and errors are written at once.
const logInterval = 100 * time.Millisecond

// newLogger logs in cfg's format and level through batch.
func newLogger(cfg config.Config, batch *logs.Batch) *slog.Logger {
	var level slog.Level
	if err := level.UnmarshalText([]byte(cfg.LogLevel)); err != nil {
		level = slog.LevelInfo
	}
	opts := &slog.HandlerOptions{Level: level}
	if cfg.LogFormat == "text" {
		return slog.New(batch.Handler(slog.NewTextHandler(batch, opts)))
	}
	return slog.New(batch.Handler(slog.NewJSONHandler(batch, opts)))
}
