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

.PHONY: setup run test lint typecheck unit pytest-workers pytest-serial bench clean ui ui-types \
	ui-check ui-if-node docs docs-build docs-test docs-screenshots

# The documentation site (mkdocs.yml, docs/) is built into the package like the UI, so the
# server serves its own copy at /docs/. Its reference pages are generated from the code.
DOCS_SITE := src/dioptra/docs_site
DOCS_BUILT := $(DOCS_SITE)/index.html
DOCS_SOURCES := mkdocs.yml $(shell find docs src/dioptra -type f -not -path '*/__pycache__/*' \
	-not -path 'src/dioptra/ui/*' -not -path '$(DOCS_SITE)/*' 2>/dev/null)
MKDOCS := NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs

# Installs everything (server, examples, test tools, docs site) into .venv; reruns only when
# pyproject.toml changes.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e ".[server,examples,dev,docs]"
	touch $(STAMP)

setup: $(STAMP) ui-if-node docs-if-clean

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

# Builds the documentation strictly (a warning or a broken link or anchor fails), then serves
# it at http://127.0.0.1:8000, rebuilding it as docs/ changes.
docs: docs-build
	$(MKDOCS) serve --strict --dev-addr 127.0.0.1:8000

# Builds it into the package (served at /docs/ by `dioptra up`).
docs-build: $(DOCS_BUILT)

# `make setup` builds it too, but a page with a broken link (a warning, in a strict build)
# must not stop anyone from running the platform: /docs/ then says how to build it.
.PHONY: docs-if-clean
docs-if-clean: $(STAMP)
	@$(MAKE) --no-print-directory $(DOCS_BUILT) || \
		echo "make: the documentation site did not build (see above); the platform runs without it."

# A strict build that fails has written its pages all the same: the stamp goes, so that the
# next make builds again rather than taking the failed build as done.
$(DOCS_BUILT): $(STAMP) $(DOCS_SOURCES)
	$(MKDOCS) build --strict --site-dir $(DOCS_SITE) || { rm -f $@; exit 1; }

# The strict build and every runnable example of the tutorials and how-tos (tests/docs).
docs-test: $(STAMP)
	$(BIN)/pytest tests/docs

# Retakes the docs' web UI screenshots: the browser tests that walk the tutorials' "Web UI"
# tabs save them in test-artifacts/docs-screenshots/<section>/, copied to docs/images/.
docs-screenshots: $(STAMP) ui-if-node
	$(BIN)/pytest -q $(wildcard tests/ui/test_docs_*screens*.py)
	cp -r test-artifacts/docs-screenshots/. docs/images/

run: setup
	$(BIN)/dioptra up $(ARGS)

lint: $(STAMP)
	$(BIN)/ruff check src tests examples bench docs/hooks conftest.py
	$(BIN)/ruff format --check src tests examples bench docs/hooks conftest.py

typecheck: $(STAMP)
	$(BIN)/mypy

# The whole pytest suite in PYTEST_WORKERS processes (pytest-xdist): most tests wait on
# servers, browsers and subprocesses, so more workers than cores pays (measured in
# bench/ci/RESULTS.md). A test file runs whole on one worker (its module fixtures: one
# server per file), the files marked slow first (conftest.py). Beside it, in a pytest of
# its own, the files xdist cannot split: schemathesis gives all of an operation's tests
# one node id, and xdist would run only the first. PYTEST_ARGS: more options for both
# (not paths: for some tests, run $(BIN)/pytest itself).
PYTEST_WORKERS ?= 4
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
test: $(STAMP) ui-if-node $(DOCS_BUILT)
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
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache $(FRONTEND)/node_modules src/dioptra/ui \
		$(DOCS_SITE)
