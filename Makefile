# Twee commando's doen alles: `make serve` en `make test`. Zie README.md.
SHELL := /bin/bash
.SHELLFLAGS := -eo pipefail -c
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PORT ?= 8000
export NO_MKDOCS_2_WARNING := 1

.PHONY: install serve build test lint check bench chromium libreoffice vnu clean

install: $(STAMP)

# Reinstall only when the lock or the project metadata changed.
$(STAMP): requirements/lock.txt requirements/build.in pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements/lock.txt 2>&1 | { grep -v ' is ignored: ' || true; }
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e . 2>&1 | { grep -v ' is ignored: ' || true; }
	@touch $@

# Debian's Chromium for the browser tests; never a test tool's own browser download.
# As root, or through sudo when it needs no password (GitHub's runners); GitHub's Ubuntu
# images already have `chromium` on PATH, so nothing is installed there.
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then sudo=; \
	  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo=sudo; \
	  else \
	    echo "Chromium ontbreekt: installeer het Debian-pakket 'chromium' (sudo apt-get install chromium)." >&2; exit 1; \
	  fi; \
	  $$sudo apt-get update -qq && $$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

# LibreOffice renders the Word and ODT downloads in the tests (test_office_print.py), the
# way a reader prints them; installed like Chromium when it is missing.
libreoffice:
	@command -v soffice >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then sudo=; \
	  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo=sudo; \
	  else \
	    echo "LibreOffice ontbreekt: installeer het Debian-pakket 'libreoffice-writer-nogui' (sudo apt-get install libreoffice-writer-nogui)." >&2; exit 1; \
	  fi; \
	  $$sudo apt-get update -qq && $$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libreoffice-writer-nogui >/dev/null; }

# The Nu Html Checker for the validity test (tests/browser/test_html_checker.py): the
# vnu-jar package from the npm registry at the version in tools/vnu/package-lock.json,
# without its install script (that one would download a Java runtime). Needs Java 11+ and
# npm; as root (or with passwordless sudo) they are installed from Debian when missing.
VNU_JAR := tools/vnu/node_modules/vnu-jar/build/dist/vnu.jar

vnu: $(VNU_JAR)

$(VNU_JAR): tools/vnu/package.json tools/vnu/package-lock.json
	@missing=; command -v java >/dev/null 2>&1 || missing="$$missing default-jre-headless"; \
	command -v npm >/dev/null 2>&1 || missing="$$missing npm"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then sudo=; \
	  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo=sudo; \
	  else echo "Nodig voor de HTML-controle:$$missing (sudo apt-get install$$missing)." >&2; exit 1; fi; \
	  $$sudo apt-get update -qq && $$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	fi
	npm ci --prefix tools/vnu --ignore-scripts --no-audit --no-fund --loglevel=error
	@touch $@

serve: install
	$(BIN)/vwo serve --port $(PORT)

build: install
	$(BIN)/mkdocs build --strict

lint: install
	$(BIN)/ruff check src hooks tests benchmarks
	$(BIN)/ruff format --check src hooks tests benchmarks
	$(BIN)/mypy

check: install
	$(BIN)/vwo check

test: install chromium libreoffice vnu
	$(BIN)/ruff check src hooks tests benchmarks
	$(BIN)/mypy
	$(BIN)/vwo check
	$(BIN)/python -m pytest -n 2

bench: install
	$(BIN)/python -m benchmarks

clean:
	rm -rf site .cache
