# The two commands of a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: setup run test lint typecheck unit bench clean

# Installs everything (server, examples, test tools) into .venv; reruns only when
# pyproject.toml changes.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e ".[server,examples,dev]"
	touch $(STAMP)

setup: $(STAMP)

run: setup
	$(BIN)/dioptra up

lint: setup
	$(BIN)/ruff check src tests examples bench
	$(BIN)/ruff format --check src tests examples bench

typecheck: setup
	$(BIN)/mypy

unit: setup
	$(BIN)/pytest

test: lint typecheck
	scripts/ensure-services.sh
	$(BIN)/pytest

# Every benchmark (minutes; each writes what it measured; see bench/*/RESULTS.md).
bench: setup
	$(BIN)/python bench/engine/bench_graph.py
	$(BIN)/python bench/storage/bench_store.py
	$(BIN)/python bench/api/bench_api.py
	$(BIN)/python bench/jobs/bench_jobs.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
