# The two commands of a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

# The web UI (frontend/, Vue + Vite) is built into src/dioptra/ui when Node.js >= 20.19 and npm
# are present; without them the API still installs and `/` says how to build the UI.
FRONTEND := frontend
NPM_STAMP := $(FRONTEND)/node_modules/.installed
UI_BUILT := src/dioptra/ui/index.html
UI_SOURCES := $(shell find $(FRONTEND)/src $(FRONTEND)/public -type f 2>/dev/null) \
	$(wildcard $(FRONTEND)/index.html $(FRONTEND)/vite.config.ts $(FRONTEND)/tsconfig*.json)
HAVE_NODE := $(shell node -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit(a>20||(a==20&&b>=19)?0:1)' 2>/dev/null && command -v npm >/dev/null && echo yes)
define NO_NODE
echo "make: Node.js >= 20.19 with npm not found: the web UI is not built (the API is installed)."; \
echo "      Install them (Debian/Ubuntu: 'sudo apt-get install nodejs npm' if its nodejs is >= 20.19,"; \
echo "      else https://github.com/nodesource/distributions), then run 'make setup' again."
endef

.PHONY: setup run test lint typecheck unit pytest-workers pytest-serial bench clean ui ui-types ui-check ui-if-node

# Installs everything (server, examples, test tools) into .venv; reruns only when
# pyproject.toml changes.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e ".[server,examples,dev]"
	touch $(STAMP)

setup: $(STAMP) ui-if-node

# Reinstalls node_modules only when the lock changes; rebuilds only when a UI source changes.
$(NPM_STAMP): $(FRONTEND)/package.json $(FRONTEND)/package-lock.json
	cd $(FRONTEND) && npm ci --no-audit --no-fund
	touch $@

$(UI_BUILT): $(NPM_STAMP) $(UI_SOURCES)
	cd $(FRONTEND) && npm run build

ui-if-node:
ifeq ($(HAVE_NODE),yes)
	@$(MAKE) --no-print-directory $(UI_BUILT)
else
	@$(NO_NODE)
endif

# Builds the web UI into src/dioptra/ui (served at / by `dioptra up`).
ui: $(NPM_STAMP)
	cd $(FRONTEND) && npm run build

# Regenerates frontend/src/api/schema.d.ts from the server's OpenAPI document.
ui-types: $(STAMP) $(NPM_STAMP)
	cd $(FRONTEND) && PYTHON=$(CURDIR)/$(BIN)/python npm run gen:api

# The UI's checks: API types fresh, vue-tsc, vitest. `make test` also rebuilds the UI when a
# source changed (tests/ui drive the built UI in a browser).
ui-check: $(STAMP)
ifeq ($(HAVE_NODE),yes)
	@$(MAKE) --no-print-directory $(NPM_STAMP)
	cd $(FRONTEND) && PYTHON=$(CURDIR)/$(BIN)/python npm run check:api
	cd $(FRONTEND) && npm run typecheck
	cd $(FRONTEND) && npm test
else
	@$(NO_NODE)
	@echo "make: skipping the web UI checks."
endif

run: setup
	$(BIN)/dioptra up $(ARGS)

lint: $(STAMP)
	$(BIN)/ruff check src tests examples bench conftest.py
	$(BIN)/ruff format --check src tests examples bench conftest.py

typecheck: $(STAMP)
	$(BIN)/mypy

# The whole pytest suite in PYTEST_WORKERS processes (pytest-xdist): most tests wait on
# servers, browsers and subprocesses, so more workers than cores pays (measured in
# bench/ci/RESULTS.md). A test file runs whole on one worker (its module fixtures: one
# server per file), the files marked slow first (conftest.py). Beside it, in a pytest of
# its own, the files xdist cannot split: schemathesis gives all of an operation's tests
# one node id, and xdist would run only the first. PYTEST_ARGS: more options for both
# (not paths: for some tests, run $(BIN)/pytest itself).
PYTEST_WORKERS ?= 6
PYTEST_SERIAL := tests/fuzz/test_schemathesis.py
PYTEST_PARALLEL := -n $(PYTEST_WORKERS) --dist loadfile --no-loadscope-reorder

unit: $(STAMP) ui-if-node
	@$(MAKE) --no-print-directory -k -j -O pytest-workers pytest-serial

pytest-workers:
	$(BIN)/pytest $(PYTEST_PARALLEL) $(addprefix --ignore=,$(PYTEST_SERIAL)) $(PYTEST_ARGS)

pytest-serial:
	$(BIN)/pytest $(PYTEST_SERIAL) $(PYTEST_ARGS)

# Lint, types and the UI's checks run beside pytest (-O: each one's output in one block,
# printed when it ends; -k: every one runs to its end, and any failure fails `make test`).
test: $(STAMP) ui-if-node
	$(BIN)/python -c 'import torch, safetensors' 2>/dev/null || $(BIN)/python -m pip install -q -e ".[torch]" torch==2.13.0
	scripts/ensure-services.sh
	@$(MAKE) --no-print-directory -k -j -O lint typecheck ui-check pytest-workers pytest-serial

# Every benchmark (minutes; each writes what it measured; see bench/*/RESULTS.md).
bench: setup
	$(BIN)/python bench/engine/bench_graph.py
	$(BIN)/python bench/storage/bench_store.py
	$(BIN)/python bench/api/bench_api.py
	$(BIN)/python bench/jobs/bench_jobs.py
	$(BIN)/python bench/ui/bench_ui.py
	$(BIN)/python bench/load/load.py
	$(BIN)/python bench/load/load.py --backend postgres

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache $(FRONTEND)/node_modules src/dioptra/ui
