# The two commands of README.md: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install run test lint format bench production-check clean

$(STAMP): requirements.txt requirements-dev.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	@# A venv made when requirements.txt still pulled the GUI opencv-python loses cv2 when
	@# pip swaps it for the headless stand-in (both wheels own cv2/): put the files back
	$(BIN)/python -c 'import cv2' 2>/dev/null || $(BIN)/python -m pip install --quiet \
		--force-reinstall --no-deps "$$(grep '^opencv-python-headless==' requirements.txt)"
	@touch $(STAMP)

install: $(STAMP)

run: install
	$(BIN)/python scripts/run.py

test: install lint
	$(BIN)/pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Install requirements.txt alone in a clean venv, run the Procfile as a platform would
# (release, then web, worker, scheduler on PostgreSQL and the local Redis) and use it once
production-check:
	$(PYTHON) scripts/production_check.py

# Benchmarks print figures (ratios against a baseline measured in the same run)
bench: install
	$(BIN)/python -m pip install --quiet -r bench/requirements.txt
	@uptime
	$(BIN)/python bench/render.py
	$(BIN)/python bench/photo.py
	$(BIN)/python bench/pipeline.py
	$(BIN)/python bench/web.py
	$(BIN)/python bench/ocr.py
	$(BIN)/python bench/engine.py
	$(BIN)/python bench/parsing.py
	$(BIN)/python bench/report.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
