GO ?= go
GOFILES = $(shell git ls-files '*.go' 2>/dev/null || find . -name '*.go' -not -path './vendor/*')

.PHONY: test lint test-sqlite test-postgres fuzz fuzz-gift bench build run content-check

## test: formatting and vet, then the whole suite on SQLite and again on PostgreSQL, then a short
## fuzz run of the GIFT parser
test: lint content-check test-sqlite test-postgres fuzz-gift

lint:
	@out=$$(gofmt -l $(GOFILES)); if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...

content-check:
	$(GO) run ./cmd/tandem content check

# The browser tests run as one package in one browser; on a busy 2-core machine they take
# longer than go test's default 10 minutes per package.
TESTFLAGS = -count=1 -timeout 30m

test-sqlite:
	TANDEM_TEST_DB=sqlite $(GO) test $(TESTFLAGS) ./...

## test-postgres: uses TANDEM_TEST_DATABASE_URL or postgres://postgres@127.0.0.1:5432; each
## package creates and drops its own database. Skipped when unreachable, except under CI=true.
test-postgres:
	TANDEM_TEST_DB=postgres $(GO) test $(TESTFLAGS) ./...

## fuzz-gift: a short run of the GIFT parser's fuzz test, part of test (under 20 s on a busy
## 2-core machine)
fuzz-gift:
	$(GO) test -run='^$$' -fuzz='^FuzzParse$$' -fuzztime=1000x -fuzzminimizetime=10x ./quizzes/

## fuzz: every fuzz test, one at a time (go test fuzzes one target per run), for FUZZTIME each
## (default 500 inputs; FUZZTIME=30s for longer). Not part of test: instrumenting the HTTP
## packages' dependencies for fuzzing takes minutes on a 2-core machine. Every fuzz test's seeds
## run in test as ordinary tests.
FUZZTIME ?= 500x
fuzz:
	@set -e; for f in $$(grep -rl --include='*_test.go' '^func Fuzz' .); do \
	  for name in $$(sed -n 's/^func \(Fuzz[A-Za-z0-9_]*\)(.*/\1/p' $$f); do \
	    echo "$$name in $$(dirname $$f)"; \
	    $(GO) test -run '^$$' -fuzz "^$$name$$" -fuzztime $(FUZZTIME) ./$$(dirname $$f); \
	  done; \
	done

bench:
	TANDEM_TEST_DB=postgres $(GO) test -run='^$$' -bench=. -benchmem ./...

build:
	CGO_ENABLED=0 $(GO) build -trimpath -ldflags='-s -w' -o bin/tandem ./cmd/tandem

run:
	$(GO) run ./cmd/tandem
