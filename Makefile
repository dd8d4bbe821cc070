# Development loop of the interaction_autolog addons. The logic lives in
# tools/*.sh so that it can be read, run and debugged without make; the
# targets below only name the entry points. Everything generated goes to
# .local/ (git-ignored).
#
# Variables (environment or make command line):
#   TEST_DB=ial_test  DEV_DB=ial_dev  HTTP_PORT=8069
#   ADDONS=a,b        restrict tests to these addons
#   PYTEST_ARGS=...   extra pytest arguments, e.g. PYTEST_ARGS="-x -k partner"
#   ODOO_SRC=...      Odoo 18.0 source dir/archive, used while the project's
#                     virtualenv has no Odoo yet (see tools/odoo-env.sh)
#   BASE_PYTHON=...   interpreter the virtualenv is made from (3.10-3.12)
#   PGHOST/PGPORT/PGUSER  use that PostgreSQL instead of the private cluster
#   WORKERS=4         make run: prefork mode, 4 HTTP workers + a cron worker
#   REPLICA=1         make run: also a streaming replica serving Odoo's reads
#   LOAD_PORT=...     make load: its server's port on 127.0.0.1 (HTTP_PORT+1)
#   SCALE=1M          make bench: entries (10M: measured at 1M, then at 10M)
#   QUICK=1           make test-odoo: the selection CI runs (a few minutes)

SHELL := /bin/bash
.DEFAULT_GOAL := help

.PHONY: help setup run stop test test-quick test-odoo test-packaging lint i18n bench load screenshots clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | \
		awk -F':.*## ' '{printf "  make %-15s %s\n", $$1, $$2}'

setup: ## create what is missing: the virtualenv, Odoo 18.0, chromium, wkhtmltopdf
	@tools/setup.sh

run: ## start Odoo with demo data on http://localhost:8069 (admin/admin); WORKERS=4: prefork
	@tools/run.sh

stop: ## stop the server from `make run` and the private PostgreSQL
	@tools/run.sh stop

test: ## fresh database (apps from a template), all tests, install flow, set-up checks
	@tools/test.sh

test-quick: ## reuse the test database, update our addons, run their tests
	@tools/test.sh --quick

test-odoo: ## Odoo's own tests with our addons and without, ours with OCA mail_tracking/crm_phonecall; QUICK=1: CI's part
	@tools/test-odoo.sh

test-packaging: ## build the wheels, pip-install them in a fresh venv, install from Apps
	@tools/test-packaging.sh

lint: ## pre-commit: ruff, pylint-odoo, OCA checks, whool, generated READMEs
	@tools/lint.sh

i18n: ## regenerate i18n/*.pot from a fresh install of our addons, merge them into the .po files
	@tools/i18n.sh

bench: ## what logging costs: emails, prints, reads of 1M entries (SCALE=10M: and 10M)
	@tools/perf.sh bench

load: ## 16 Locust users at once on a 4-worker server, logging on vs off (~5-10 minutes)
	@tools/perf.sh load

screenshots: ## README screenshots from the app of `make run` (docs/screenshots)
	@tools/screenshots.sh

clean: ## stop everything and delete .local/ (databases included)
	@tools/run.sh clean
