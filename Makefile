# The two commands of the README: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
FLASK := $(BIN)/flask --app pb
PO_FILES := $(wildcard pb/translations/*/LC_MESSAGES/messages.po)
MO_FILES := $(PO_FILES:.po=.mo)
# axe-core for the browser tests, only where npm is (without it those checks skip and say so).
AXE := $(if $(shell command -v npm),node_modules/axe-core/axe.min.js)

.PHONY: run test setup db serve clean translations

run: setup db serve

test: setup
	$(BIN)/python -m pytest $(PYTEST_ARGS)

setup: $(STAMP) $(MO_FILES) $(AXE)

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

# Reinstall only when pyproject.toml changes, so a second `make run` is fast.
# pip's chatter goes to a log that is shown only when the install fails.
$(STAMP): pyproject.toml | $(VENV)/bin/python
	@echo "Installing the project into $(VENV) (log: $(VENV)/install.log)"
	@{ $(BIN)/python -m pip install --disable-pip-version-check -U pip && \
	   $(BIN)/python -m pip install --disable-pip-version-check -e '.[test,postgres]'; } \
	   > $(VENV)/install.log 2>&1 || { cat $(VENV)/install.log; exit 1; }
	@touch $@

# axe-core, pinned in package-lock.json, for the browser tests' accessibility checks (CI requires them).
node_modules/axe-core/axe.min.js: package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

%.mo: %.po $(STAMP)
	$(BIN)/pybabel -q compile -i $< -o $@

db: setup
	$(FLASK) upgrade
	$(FLASK) seed-demo --if-empty

serve: setup
	$(FLASK) run --host 127.0.0.1 --port 5000

clean:
	rm -rf $(VENV) instance node_modules tests/artifacts

# Re-extract the texts and update the catalogs (Danish is the source language).
translations: setup
	$(BIN)/pybabel extract -F pb/translations/babel.cfg -k _l -k lazy_gettext --no-location --sort-output --omit-header --no-wrap -o pb/translations/messages.pot pb templates
	$(BIN)/pybabel update -i pb/translations/messages.pot -d pb/translations --no-fuzzy-matching --ignore-obsolete --no-wrap
