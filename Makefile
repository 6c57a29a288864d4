# The two commands of the README. Each installs what is missing, then acts.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test bench clean

run: $(STAMP)
	$(BIN)/python -m bot run

test: $(STAMP)
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python bench/updates.py
	$(BIN)/python bench/dossier.py
	$(BIN)/python bench/reminders.py

$(STAMP): pyproject.toml
	@# WeasyPrint subsets fonts five times faster with HarfBuzz's library than with fontTools:
	@# installed when we may (root on Debian), else PDFs are only slower.
	@ldconfig -p 2>/dev/null | grep -q libharfbuzz-subset || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get install -y -q libharfbuzz-subset0 >/dev/null 2>&1 || \
	    { apt-get update -q >/dev/null 2>&1 && apt-get install -y -q libharfbuzz-subset0 >/dev/null 2>&1; } || \
	    echo "libharfbuzz-subset0 could not be installed: PDF rendering will be slower."; \
	  else echo "Optional: install libharfbuzz-subset0 for faster PDF rendering."; fi; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis
