# Tandem's commands. `make run` and `make test` set up everything they need on a fresh Debian 12
# machine (system packages, npm packages, tauri-driver) through .ci/deps.
SHELL := /bin/bash
.DEFAULT_GOAL := run

# Builds live outside the clone so CI and later checkouts reuse them.
export CARGO_TARGET_DIR ?= $(HOME)/.cache/tandem-target
export PATH := $(HOME)/.cargo/bin:$(PATH)
# The Python that checks iCalendar exports independently (made by .ci/deps).
export TANDEM_PYTHON ?= $(HOME)/.cache/tandem-py/bin/python

DEBUG := $(CARGO_TARGET_DIR)/debug
DEMO_DIR ?= $(HOME)/.cache/tandem-demo
DEMO_DB := $(DEMO_DIR)/demo.tandem

.PHONY: run test lint bench bench-store bench-startup bench-board deps ui app test-rust test-ui test-e2e bindings bundle demo-large clean-demo

deps:
	@bash .ci/deps

ui: deps
	cd ui && npx vite build --logLevel warn

app: ui
	cargo build -p tandem -p tandem-cli

## Opens the app on a small demo workspace (made once, kept in $(DEMO_DIR)).
run: app
	@if [ ! -s "$(DEMO_DB)" ]; then mkdir -p "$(DEMO_DIR)" && $(DEBUG)/tandem-cli --db "$(DEMO_DB)" demo --scale small; fi
	@if [ -n "$$DISPLAY$$WAYLAND_DISPLAY" ]; then $(DEBUG)/tandem --db "$(DEMO_DB)"; \
	else echo "No display: running under Xvfb on :99 (screenshot: DISPLAY=:99 import -window root shot.png)"; \
	  Xvfb :99 -screen 0 1280x800x24 -nolisten tcp & sleep 1; DISPLAY=:99 $(DEBUG)/tandem --db "$(DEMO_DB)"; fi

## Every test: Rust (core, CLI, shell commands and bindings), UI components, end to end.
test: test-rust test-ui test-e2e

test-rust: ui
	cargo test --workspace --no-fail-fast

test-ui: deps
	cd ui && npx vitest run

test-e2e: app
	cd tests && TANDEM_APP=$(DEBUG)/tandem npm test

lint: deps
	cargo fmt --all --check
	cd ui && npx vite build --logLevel warn
	cargo clippy --workspace --all-targets -- -D warnings
	cd ui && npx svelte-check --tsconfig ./tsconfig.json --fail-on-warnings

## Regenerates ui/src/lib/ipc/bindings.ts (types) and commands.ts (wrappers) from the Rust side.
bindings: ui
	UPDATE_BINDINGS=1 cargo test -p tandem --test it bindings

## Benchmarks; figures go in BENCHMARKS.md. The store on the large generated workspace, then the
## release app's start-to-painted time and .deb size.
bench: bench-store bench-startup bench-board

bench-store: deps
	cargo bench -p tandem-core --bench store

bench-startup: bundle
	cargo build --release -p tandem-cli
	cargo build --release --manifest-path tests/perf/baseline/Cargo.toml
	cd tests && node perf/startup.mjs $(CARGO_TARGET_DIR)/release/{tandem,tandem-cli,startup-baseline}

## The Pipeline screen of the release app on the large workspace: paint after data, column jumps.
bench-board: bundle
	cargo build --release -p tandem-cli
	cd tests && node perf/board-paint.mjs $(CARGO_TARGET_DIR)/release/{tandem,tandem-cli}

## The release .deb (its size is a budget in BENCHMARKS.md).
bundle: ui
	ui/node_modules/.bin/tauri build --bundles deb
	@ls -l $(CARGO_TARGET_DIR)/release/bundle/deb/*.deb
