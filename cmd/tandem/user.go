package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"

	"golang.org/x/term"

	"tandem/app"
	"tandem/auth"
	"tandem/config"
)

// createUser adds an account with any platform role, for the first admin or an instructor.
func createUser(ctx context.Context, cfg config.Config, log *slog.Logger, args []string) error {
	fs := flag.NewFlagSet("user create", flag.ContinueOnError)
	email := fs.String("email", "", "email address (required)")
	name := fs.String("name", "", "full name (required)")
	role := fs.String("role", auth.RoleLearner, "learner, instructor or admin")
	discipline := fs.String("discipline", "other", "discipline, e.g. medicine or computer_science")
	institution := fs.String("institution", "", "institution")
	if err := fs.Parse(args); err != nil {
		return err
	}
	password, err := readPassword(os.Stdin)
	if err != nil {
		return err
	}
	a, err := app.Open(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer a.Close()
	u, err := a.Accounts.CreateUser(ctx, auth.Registration{
		Email: *email, Password: password, Name: *name, Discipline: *discipline, Institution: *institution,
	}, *role)
	if err != nil {
		return err
	}
	fmt.Println(say("user_created", map[string]any{"Role": u.Role, "Email": u.Email, "ID": u.ID}))
	return nil
}

// readPassword takes TANDEM_PASSWORD, or prompts without echo on a terminal, or reads a line.
func readPassword(in *os.File) (string, error) {
	if p := os.Getenv("TANDEM_PASSWORD"); p != "" {
		return p, nil
	}
	if term.IsTerminal(int(in.Fd())) {
		fmt.Fprint(os.Stderr, say("password_prompt", nil)+" ")
		b, err := term.ReadPassword(int(in.Fd()))
		fmt.Fprintln(os.Stderr)
		return string(b), err
	}
	line, err := bufio.NewReader(in).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", err
	}
	if strings.TrimSpace(line) == "" {
		return "", errors.New(say("no_password", nil))
	}
	return strings.TrimRight(line, "\r\n"), nil
}
