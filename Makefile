# wijkteam: the two commands a newcomer needs are `make demo` and `make test`.
SHELL := /bin/bash
# Python 3.12: `python3.12` on the PATH, else pyenv's 3.12 (its shim fails without a global
# 3.12), else PYTHON=/pad/naar/python3.12.
PYTHON ?= $(shell for p in python3.12 $$HOME/.pyenv/versions/3.12.*/bin/python3.12 /usr/bin/python3.12 /usr/local/bin/python3.12; do \
	$$p -c 'import sys; assert sys.version_info[:2] == (3, 12)' >/dev/null 2>&1 && { echo $$p; break; }; done)
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
CHROMIUM ?= /usr/bin/chromium
# WeasyPrint (the PDF documents) loads Pango, HarfBuzz and Fontconfig from the system.
PDF_DEBS := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0

.PHONY: demo test install chromium clamd pdf-libs lint format typecheck check migrations bench vendor messages clean

$(VENV)/.python-3.12:
	@test -n "$(PYTHON)" && $(PYTHON) -c 'import sys; assert sys.version_info[:2] == (3, 12)' 2>/dev/null \
		|| { echo "Python 3.12 is nodig en niet gevonden. Installeer het (Debian/Ubuntu: apt-get install python3.12 python3.12-venv; of pyenv install 3.12) of geef PYTHON=/pad/naar/python3.12 mee."; exit 1; }
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	@touch $@

$(BIN)/python: $(VENV)/.python-3.12

$(VENV)/.installed: requirements.lock $(VENV)/.python-3.12
	$(BIN)/pip install --quiet --require-hashes -r requirements.lock
	@touch $@

# The system libraries WeasyPrint needs: checked by loading it, installed from the Debian
# packages when missing (like chromium below); checked again after each new installation.
$(VENV)/.pdf-libs: $(VENV)/.installed
	@if ! $(BIN)/python -c 'import weasyprint' >/dev/null 2>&1; then \
		echo "WeasyPrint vindt Pango niet: installeren uit de Debian-pakketten ($(PDF_DEBS))"; \
		command -v apt-get >/dev/null || { echo "Installeer Pango 1.44 of nieuwer (zie de installatie-instructies van WeasyPrint)"; exit 1; }; \
		if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
		$$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq $(PDF_DEBS) >/dev/null; \
	fi
	@$(BIN)/python -c 'import weasyprint' >/dev/null 2>&1 || { echo "WeasyPrint kan Pango nog steeds niet laden"; exit 1; }
	@touch $@

pdf-libs: $(VENV)/.pdf-libs

install: $(VENV)/.installed $(VENV)/.pdf-libs

## make demo: set up, load Gemeente Voorbeeld and serve on http://127.0.0.1:8000
demo: install
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo
	@echo "Wijkteam draait op http://127.0.0.1:8000 met een taken-worker en de planner van de nachtelijke taken ernaast (stoppen met Ctrl-C)"
	$(MANAGE) db_worker --interval 2 & WORKER=$$!; \
		$(MANAGE) schedule_jobs --loop 60 & SCHEDULER=$$!; \
		trap 'kill $$WORKER $$SCHEDULER 2>/dev/null' EXIT INT TERM; \
		$(MANAGE) runserver 127.0.0.1:8000 --noreload

chromium:
	@if [ ! -x "$(CHROMIUM)" ]; then \
		echo "Chromium ontbreekt: installeren uit de Debian-pakketten"; \
		if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
		$$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium >/dev/null; \
	fi
	@test -x "$(CHROMIUM)" || { echo "Chromium kon niet worden geinstalleerd"; exit 1; }

# The real ClamAV daemon for the `clamd` tests (CI runs them with WIJKTEAM_REQUIRE_CLAMD=1);
# only the binary: the tests write their own signature database and start clamd themselves.
CLAMD_BIN = $(shell command -v clamd || ls /usr/sbin/clamd 2>/dev/null)
clamd:
	@if [ -z "$(CLAMD_BIN)" ]; then \
		echo "clamd ontbreekt: installeren uit de Debian-pakketten (clamav-daemon)"; \
		command -v apt-get >/dev/null || { echo "Installeer clamd (ClamAV) met de pakketbeheerder van dit systeem"; exit 1; }; \
		if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
		$$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive \
			apt-get install -y -qq --no-install-recommends clamav-daemon >/dev/null; \
	fi
	@command -v clamd >/dev/null || test -x /usr/sbin/clamd \
		|| { echo "clamd kon niet worden geinstalleerd (apt-get install clamav-daemon)"; exit 1; }

## make test: install what the tests need, run the whole suite (DATABASE_URL picks the engine)
test: install chromium
	$(BIN)/pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

typecheck: install
	PYTHONPATH=src $(BIN)/mypy src/wijkteam

migrations: install
	$(MANAGE) makemigrations --check --dry-run

check: lint typecheck migrations

bench: install
	$(BIN)/python -m bench.run

messages: install
	cd src/wijkteam && ../../$(BIN)/django-admin makemessages -l en --no-obsolete --ignore 'static/*' --ignore '*/tests/*'
	cd src/wijkteam && ../../$(BIN)/django-admin compilemessages -l en

## make vendor: refresh the committed NL Design System and htmx build files (needs npm)
vendor:
	rm -rf var/npm && mkdir -p var/npm && cd var/npm && npm init -y >/dev/null && \
		npm install --silent @utrecht/component-library-css@9.0.4 \
		@nl-design-system-unstable/voorbeeld-design-tokens@7.4.1 htmx.org@2.0.11
	cp var/npm/node_modules/@utrecht/component-library-css/dist/index.css src/wijkteam/static/vendor/utrecht/component-library.css
	cp var/npm/node_modules/@nl-design-system-unstable/voorbeeld-design-tokens/dist/theme.css src/wijkteam/static/vendor/voorbeeld/theme.css
	cp var/npm/node_modules/htmx.org/dist/htmx.min.js src/wijkteam/static/vendor/htmx/htmx.min.js

clean:
	rm -rf $(VENV) var
