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

# $(call debian_package,PROGRAM,PACKAGE,NAME): install Debian's PACKAGE unless PROGRAM is
# on PATH. As root, or through sudo when it needs no password (GitHub's runners);
# otherwise stop with the command to run.
define debian_package
	@command -v $(1) >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then sudo=; \
	  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo=sudo; \
	  else \
	    echo "$(3) ontbreekt: installeer het Debian-pakket '$(2)' (sudo apt-get install $(2))." >&2; exit 1; \
	  fi; \
	  echo "$(3) ontbreekt: het Debian-pakket '$(2)' wordt geïnstalleerd."; \
	  $$sudo apt-get update -qq && $$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(2) >/dev/null; }
endef

# Debian's Chromium for the browser tests; never a test tool's own browser download.
# GitHub's Ubuntu images already have `chromium` on PATH, so nothing is installed there.
chromium:
	$(call debian_package,chromium,chromium,Chromium)

# LibreOffice without its GUI: the tests open the Word redline with it and render the Word
# and ODT downloads (test_office_print.py), the way a reader prints them.
libreoffice:
	$(call debian_package,soffice,libreoffice-writer-nogui,LibreOffice)

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

# Under CI=true a skipped test fails (tests/ci_skips.py): a green run ran everything.
test: install chromium libreoffice vnu
	$(BIN)/ruff check src hooks tests benchmarks
	$(BIN)/ruff format --check src hooks tests benchmarks
	$(BIN)/mypy
	$(BIN)/vwo check
	$(BIN)/python -m pytest -n 2

bench: install
	$(BIN)/python -m benchmarks

clean:
	rm -rf site .cache
