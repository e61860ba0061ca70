# Attest: `make run` serves the demo, `make test` runs the whole suite. Both set up what they need.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
MANAGE := $(BIN)/python manage.py
PYTEST_ARGS ?=
PDF_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core

.PHONY: run test fuzz setup migrate demo clean bench chromium pdflibs audit

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

setup: $(STAMP)

migrate: setup
	$(MANAGE) migrate --noinput
	$(MANAGE) attest_seed

demo: migrate
	$(MANAGE) attest_demo

run: pdflibs demo
	$(MANAGE) attest_run

# Browser tests need Debian's Chromium; install it when we are root and it is missing.
chromium:
	@if [ ! -x /usr/bin/chromium ] && [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null; then \
		echo "Installing Debian's chromium for the browser tests"; \
		(apt-get install -y -q chromium >/dev/null 2>&1 || (apt-get update -q >/dev/null && apt-get install -y -q chromium >/dev/null)) \
		|| echo "Could not install chromium; browser tests will be skipped"; \
	fi

# WeasyPrint renders PDFs with Pango and HarfBuzz from Debian; install them when we are root and they are missing.
pdflibs:
	@if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null && ! ldconfig -p | grep -q libharfbuzz-subset; then \
		echo "Installing Debian's Pango and HarfBuzz for PDF rendering"; \
		(apt-get install -y -q $(PDF_PACKAGES) >/dev/null 2>&1 || (apt-get update -q >/dev/null && apt-get install -y -q $(PDF_PACKAGES) >/dev/null)) \
		|| echo "Could not install $(PDF_PACKAGES); PDF rendering needs them"; \
	fi

test: setup chromium pdflibs
	ATTEST_DATA_DIR=$(CURDIR)/var/test ATTEST_FAST_PASSWORD_HASHER=1 $(BIN)/python -m pytest $(PYTEST_ARGS)

# Supply chain: bandit fails on any high-severity finding; pip-audit on any known-vulnerable dependency.
audit: setup
	$(BIN)/bandit -q -r attest inventory compliance risk reports --severity-level high
	$(BIN)/python .ci/dependency_audit.py

# A long API fuzzing run (tests/fuzz; `make test` runs a short one with seed 0). Each run uses a
# new seed and prints it: `make fuzz FUZZ_SEED=<seed>` replays it.
FUZZ_EXAMPLES  ?= 200
FUZZ_SCENARIOS ?= 100
FUZZ_STEPS     ?= 20
ifndef FUZZ_SEED
FUZZ_SEED      := $(shell date +%s)
endif
fuzz: setup
	@echo "API fuzzing: $(FUZZ_EXAMPLES) examples per operation and role, seed $(FUZZ_SEED)"
	ATTEST_DATA_DIR=$(CURDIR)/var/test ATTEST_FAST_PASSWORD_HASHER=1 ATTEST_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) \
	ATTEST_FUZZ_STATEFUL_SCENARIOS=$(FUZZ_SCENARIOS) ATTEST_FUZZ_STATEFUL_STEPS=$(FUZZ_STEPS) ATTEST_FUZZ_SEED=$(FUZZ_SEED) \
	ATTEST_FUZZ_COVERAGE=1 \
	$(BIN)/python -m pytest tests/fuzz $(PYTEST_ARGS)

bench: setup
	$(BIN)/python bench/inventory_list.py

clean:
	rm -rf var/test
