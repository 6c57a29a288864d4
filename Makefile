# The two commands of the README. Each installs what is missing, then acts.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

# The documents' fonts (dossier/pdf.py finds them by these names under /usr/share/fonts): DejaVu Sans and
# Noto Color Emoji. Installed from Debian when we may (root, apt); without them no PDF can be made.
FONT_FILES := DejaVuSans.ttf DejaVuSans-Bold.ttf DejaVuSans-Oblique.ttf DejaVuSans-BoldOblique.ttf NotoColorEmoji.ttf
FONT_PACKAGES := fonts-dejavu-core fonts-dejavu-extra fonts-noto-color-emoji
missing_fonts = for f in $(FONT_FILES); do find /usr/share/fonts /usr/local/share/fonts -name "$$f" 2>/dev/null \
	  | grep -q . || echo "$$f"; done

.PHONY: run test bench clean fonts

run: $(STAMP) fonts
	$(BIN)/python -m bot run

test: $(STAMP) fonts
	$(BIN)/python -m pytest

bench: $(STAMP) fonts
	$(BIN)/python bench/updates.py
	$(BIN)/python bench/dossier.py
	$(BIN)/python bench/reminders.py
	$(BIN)/python bench/startup.py
	$(BIN)/python bench/load.py

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

fonts:
	@[ -z "$$($(missing_fonts))" ] || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    export DEBIAN_FRONTEND=noninteractive; \
	    apt-get install -y -q $(FONT_PACKAGES) >/dev/null 2>&1 || \
	    { apt-get update -q >/dev/null 2>&1 && apt-get install -y -q $(FONT_PACKAGES) >/dev/null 2>&1; }; \
	  fi; \
	  missing="$$($(missing_fonts))"; \
	  [ -z "$$missing" ] || { echo "Missing fonts:" $$missing "- install the packages $(FONT_PACKAGES)." >&2; exit 1; }; }

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis
