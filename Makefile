# ACME Desk. Two commands on a fresh Debian/Ubuntu machine:
#   make run    installs what is missing, builds, opens the app
#   make test   installs what is missing, runs every test
SHELL := /bin/bash
export PATH := $(PATH):/usr/local/go/bin:$(shell go env GOPATH 2>/dev/null)/bin
TAGS := webkit2_41
FUZZTIME ?= 15s

.PHONY: run build deps test test-go test-keychain fuzz test-frontend test-ui bench bench-ui clean

run: build
	./build/bin/acmedesk

build: deps
	wails build -tags $(TAGS) -trimpath -clean

deps:
	scripts/deps.sh

test: deps build test-go test-keychain fuzz test-frontend test-ui

# Unit tests, with the race detector (the main package embeds frontend/dist, which `build` made).
test-go:
	go vet -tags $(TAGS) ./...
	test -z "$$(gofmt -l $$(git ls-files '*.go'))" || { gofmt -l $$(git ls-files '*.go'); exit 1; }
	go test -race -tags $(TAGS) -count=1 ./...

# Against the real OS keychain: GNOME Keyring's Secret Service in a private D-Bus session.
test-keychain:
	scripts/with-keychain.sh go test -tags "$(TAGS) keychain" -count=1 -run Keychain ./backend/...

# Short runs of the parsers' fuzz targets (go test -fuzz takes one target per run).
fuzz:
	go test -tags $(TAGS) -run '^$$' -fuzz '^FuzzParse$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 5s ./backend/keys/
	go test -tags $(TAGS) -run '^$$' -fuzz '^FuzzPayload$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 5s ./backend/backup/
	go test -tags $(TAGS) -run '^$$' -fuzz '^FuzzSealRoundTrip$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 5s ./backend/backup/
	go test -tags $(TAGS) -run '^$$' -fuzz '^FuzzRead$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 5s ./backend/backup/
	go test -tags $(TAGS) -run '^$$' -fuzz '^FuzzLegoAccount$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 5s ./backend/importers/
	go test -tags $(TAGS) -run '^$$' -fuzz '^FuzzCertbotRegr$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 5s ./backend/importers/
	go test -tags $(TAGS) -run '^$$' -fuzz '^FuzzCertbotMeta$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 5s ./backend/importers/
	go test -tags $(TAGS) -run '^$$' -fuzz '^FuzzCertbotPrivateKey$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 5s ./backend/importers/
	go test -tags $(TAGS) -run '^$$' -fuzz '^FuzzAcmeShConf$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 5s ./backend/importers/

test-frontend:
	cd frontend && npm test

# End-to-end in headless Chromium against the real backend, then the built binary under Xvfb.
test-ui:
	scripts/ui-tests.sh

bench: bench-ui
	go test -run '^$$' -bench . -benchmem ./backend/...

# The window's lists with 10,000 records of each kind (BENCH_RECORDS), in headless
# Chromium against the real backend: first page and per-keystroke filter times.
bench-ui:
	scripts/bench-ui.sh

clean:
	rm -rf build/bin frontend/dist test-results
