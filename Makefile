# The follow-up planner. `make run` serves it, `make test` checks everything.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8000
export PORT

.DEFAULT_GOAL := help
.PHONY: help runtime install browser clients run test lint openapi bench bench-scale clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  \033[1m%-11s\033[0m %s\n", $$1, $$2}'

# Two steps: the service alone (what `make run` needs), then the test and lint tools on top.
$(BIN)/.runtime: pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	@touch $@

$(BIN)/.installed: $(BIN)/.runtime
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $@

runtime: $(BIN)/.runtime ## Create .venv and install the service alone, no test tools

install: $(BIN)/.installed ## Create .venv and install the service with its test tools

run: runtime ## Migrate, print a local API key, serve on 127.0.0.1:$PORT (default 8000)
	@$(BIN)/followup migrate
	@echo "Local API key (account 'local', kept in .followup-key):"
	@echo "  $$($(BIN)/followup local-key)"
	@echo "Try: curl -H \"Authorization: Bearer $$(cat .followup-key)\" http://127.0.0.1:$(PORT)/v1/policies"
	$(BIN)/followup serve --host 127.0.0.1 --port $(PORT)

# The docs test opens /docs in Debian's chromium. Installed here when missing and apt-get can
# (root); otherwise that test skips, saying why (and fails when CI is set).
browser: ## Install Debian's chromium for the docs test, if missing (needs root and apt-get)
	@command -v chromium >/dev/null && exit 0; \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "Installing chromium (apt-get) for the docs browser test"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null \
			|| echo "chromium could not be installed: the docs browser test will skip"; \
	else \
		echo "chromium missing and apt-get unusable here: the docs browser test will skip"; \
	fi

# The TypeScript client check (tests/clients) compiles against the tools this lock file
# pins; node_modules is kept and reinstalled only when the lock changes. Without npm that
# test skips, saying why (and fails when CI is set).
TS_CLIENT := clients/typescript
$(TS_CLIENT)/node_modules/.installed: $(TS_CLIENT)/package-lock.json $(TS_CLIENT)/package.json
	@if command -v npm >/dev/null; then \
		echo "Installing the TypeScript client check's tools (npm ci)"; \
		cd $(TS_CLIENT) && npm ci --no-audit --no-fund --loglevel=error && touch node_modules/.installed; \
	else \
		echo "npm missing: the TypeScript client check will skip"; \
	fi

clients: $(TS_CLIENT)/node_modules/.installed ## Install the TypeScript client check's tools (npm ci, cached)

test: install browser clients ## Lint, then the whole test suite with coverage
	$(MAKE) --no-print-directory lint
	$(BIN)/pytest -n 2 --cov --cov-report=term

lint: install ## ruff, mypy (strict on app/) and the import contracts (pure domain)
	$(BIN)/ruff check app tests bench alembic
	$(BIN)/ruff format --check app tests bench alembic
	$(BIN)/mypy
	$(BIN)/lint-imports

openapi: runtime ## Rewrite openapi/openapi.json from the app (the committed contract)
	$(BIN)/followup openapi openapi/openapi.json

bench: install ## Benchmarks (about 4 min): planner, checks, HTTP load, 100k interviews on PostgreSQL, a soak
	$(BIN)/python bench/run.py

bench-scale: install ## The pages with 100,000 and then 1,000,000 interviews on PostgreSQL (about 25 min)
	$(BIN)/python bench/stored.py --interviews 100000 --scale-to 1000000

clean: ## Remove the virtualenv and caches
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .coverage .hypothesis $(TS_CLIENT)/node_modules
