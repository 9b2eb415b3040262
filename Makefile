# The two commands: `make demo` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.gradiate-installed

.PHONY: demo test install lint test-python test-frontend bench bench-compare parity clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

# Editable install with test and lint tools; the Hatch hook builds the front end.
$(STAMP): $(PY) pyproject.toml hatch_build.py scripts/build_frontend.py frontend/package-lock.json
	$(PY) -m pip install --quiet -e ".[test,lint]"
	touch $(STAMP)

install: $(STAMP)
	@# rebuild the front end when its sources changed since the last build
	$(PY) scripts/build_frontend.py

demo: install
	$(PY) examples/flagship.py

lint: install
	$(VENV)/bin/ruff check src tests benchmarks examples scripts
	$(VENV)/bin/ruff format --check src tests benchmarks examples scripts
	$(VENV)/bin/pyright
	cd frontend && npm run check && npm run lint

test-frontend: install
	cd frontend && npm test

# Two runs: Playwright's sync API keeps an event loop running in the main thread for its
# session-scoped browser, which the anyio-based tests cannot share.
test-python: install
	$(PY) -m pytest -q tests/unit tests/server tests/client
	$(PY) -m pytest -q tests/e2e

test: lint test-frontend test-python

bench: install
	$(PY) benchmarks/run.py

bench-compare: install
	$(PY) benchmarks/compare.py

# API parity with Gradio 6.31: installs gradio==6.31.0 in .venv-gradio (as bench-compare),
# refreshes tests/parity/gradio_6_31_api.json and docs/parity.md, prints the totals.
parity: install
	$(PY) scripts/parity.py

clean:
	rm -rf $(VENV) src/gradiate/_frontend frontend/node_modules
