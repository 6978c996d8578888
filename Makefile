GO ?= go
GOFILES = $(shell git ls-files '*.go' 2>/dev/null || find . -name '*.go' -not -path './vendor/*')

.PHONY: test lint test-sqlite test-postgres bench build run content-check

## test: formatting and vet, then the whole suite on SQLite and again on PostgreSQL
test: lint content-check test-sqlite test-postgres

lint:
	@out=$$(gofmt -l $(GOFILES)); if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...

content-check:
	$(GO) run ./cmd/tandem content check

## test-sqlite: the browser tests alone take minutes on a busy two-core machine, hence -timeout.
test-sqlite:
	TANDEM_TEST_DB=sqlite $(GO) test -count=1 -timeout 30m ./...

## test-postgres: uses TANDEM_TEST_DATABASE_URL or postgres://postgres@127.0.0.1:5432; each
## package creates and drops its own database. Skipped when unreachable, except under CI=true.
test-postgres:
	TANDEM_TEST_DB=postgres $(GO) test -count=1 -timeout 30m ./...

bench:
	TANDEM_TEST_DB=postgres $(GO) test -run='^$$' -bench=. -benchmem ./...

build:
	CGO_ENABLED=0 $(GO) build -trimpath -ldflags='-s -w' -o bin/tandem ./cmd/tandem

run:
	$(GO) run ./cmd/tandem
