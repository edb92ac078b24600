# The two commands: `make run` and `make test`. Each works on a fresh machine with python3 and make.
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
ARGS ?=

.PHONY: run test test-fast lint format bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || python3 -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/coach $(ARGS)

lint: $(STAMP)
	$(BIN)/ruff check coach tests benchmarks
	$(BIN)/ruff format --check coach tests benchmarks
	$(BIN)/mypy
	$(BIN)/lint-imports --no-cache

# A worker a core (`-n auto`). UI tests compose a frame only when they read the screen
# (tests/ui/conftest.py), so they keep a core busy: a third worker on two cores only took turns
# with the other two (a tenth more CPU in all; 69-70 s against 65 s, in turns, on this machine).
# Work stealing: the long fuzz tests sit together in one file, and plain `load` hands them to one
# worker that then runs long after the others are done. Pytest prints the slowest tests and,
# on its last line, the suite's wall time.
# Bytecode is cached as Python does by default: with PYTHONDONTWRITEBYTECODE set (some machines
# set it), every worker and every `coach` a test starts compiled coach and the tests from source.
# Tests write their folders in memory where the machine has it (/dev/shm): a store's write and
# replace costs a tenth of the CPU there. Elsewhere the usual temporary folder.
TEST_TMP := $(shell [ -d /dev/shm ] && [ -w /dev/shm ] && echo /dev/shm)
PYTEST := env -u PYTHONDONTWRITEBYTECODE $(if $(TEST_TMP),TMPDIR=$(TEST_TMP)) $(BIN)/python -m pytest -n auto --dist worksteal --durations=15

# The bytecode is written once before the workers start: on a fresh clone (as in CI) the
# workers importing coach and the tests at the same moment each compiled them from source.
test: lint
	env -u PYTHONDONTWRITEBYTECODE $(BIN)/python -m compileall -q -j 0 coach tests
	$(PYTEST)

# The quick loop while working: everything but the tests marked slow (long fuzz budgets, whole
# processes in a terminal or without network, wheel builds). `make test` and CI run those too.
test-fast: $(STAMP)
	$(PYTEST) -m "not slow"

format: $(STAMP)
	$(BIN)/ruff check --fix coach tests benchmarks
	$(BIN)/ruff format coach tests benchmarks

# Every benchmark runs, each printing its ratios with their targets and "ok" or "OVER TARGET";
# the summary at the end lists every target line, and make fails when any is over.
BENCHES := startup commands history importing runner memory store load_library encryption
bench: $(STAMP)
	@rm -f .bench.log; status=0; \
	for b in $(BENCHES); do echo "== benchmarks/$$b.py"; \
		$(BIN)/python benchmarks/$$b.py $(ARGS) > .bench.one 2>&1 || status=1; \
		cat .bench.one; cat .bench.one >> .bench.log; done; rm -f .bench.one; \
	echo; echo "== every target"; grep -E -- "-> (ok|OVER TARGET)" .bench.log; rm -f .bench.log; exit $$status

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache
