# zorgafstemming — every target creates and uses .venv by itself.
SHELL := /bin/bash
PYTHON ?= $(shell for p in python3.13 python3.12 python3.11 python3; do command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' && echo $$p && break; done)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev
WORKERS ?= 2

.PHONY: help run test coverage test-fast lint install install-dev clean bench bench-quick openapi client api-docs export-schema

help: ## list the targets
	@grep -E '^[a-z-]+:.*##' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-16s %s\n", $$1, $$2}'

$(BIN)/python:
	@test -n "$(PYTHON)" || { echo "Python 3.11 or newer is required" >&2; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	@touch $@

$(DEV_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $@ $(STAMP)

install: $(STAMP) ## install the service into .venv

install-dev: $(DEV_STAMP) ## install the service and the test tools into .venv

run: $(STAMP) ## initialise ./var (keys, database, demo data on first run) and serve on :8000
	$(BIN)/zorgafstemming init --seed-demo-if-new
	$(BIN)/zorgafstemming serve

test: $(DEV_STAMP) ## run the whole test suite (SQLite and PostgreSQL, browser, faults)
	$(BIN)/python -m pytest -n $(WORKERS) --dist loadgroup $(PYTEST_ARGS)

coverage: $(DEV_STAMP) ## the whole suite under coverage, with the report (about twice as slow)
	$(BIN)/python -m pytest -n $(WORKERS) --dist loadgroup \
		--cov=zorgafstemming --cov-report=term:skip-covered $(PYTEST_ARGS)

test-fast: $(DEV_STAMP) ## unit tests only: no database, no subprocess
	$(BIN)/python -m pytest -n 0 tests/unit $(PYTEST_ARGS)

lint: $(DEV_STAMP) ## ruff (with security rules) and mypy --strict over src and tests
	$(BIN)/ruff check src tests bench migrations
	$(BIN)/ruff format --check src tests bench migrations
	$(BIN)/mypy -p zorgafstemming -p tests

openapi: $(DEV_STAMP) ## write the OpenAPI document to docs/openapi.json (client and page read it)
	$(BIN)/zorgafstemming openapi --output docs/openapi.json

export-schema: $(DEV_STAMP) ## write the JSON Schema of the family's export to docs/export.schema.json
	$(BIN)/python -c "from zorgafstemming.coordination.service.family_export import export_schema_json as s; print(s(), end='')" > docs/export.schema.json

# The generator's post-hooks run ruff, so the virtual environment's bin goes first on PATH.
client: openapi ## regenerate the Python client in clients/python/ from docs/openapi.json
	cd clients/python && PATH="$(abspath $(BIN)):$$PATH" "$(abspath $(BIN))/openapi-python-client" \
		generate --path ../../docs/openapi.json --config openapi-python-client.yaml \
		--meta uv --output-path . --overwrite --fail-on-warning

api-docs: openapi ## re-render the API reference page served at /docs/api (development)
	$(BIN)/python -m zorgafstemming.apidocs docs/openapi.json

bench: $(DEV_STAMP) ## the service against a naive app over HTTP (wrk), 10k/100k/1M files, PostgreSQL and SQLite; durable SQLite commits
	$(BIN)/python bench/service_bench.py $(BENCH_ARGS)
	$(BIN)/python bench/sqlite_sync_bench.py

bench-quick: $(DEV_STAMP) ## a two-minute subset of make bench
	$(BIN)/python bench/service_bench.py --quick $(BENCH_ARGS)

clean: ## remove the virtual environment and caches (keeps ./var)
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
