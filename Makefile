# onrecord: `make demo` and `make test` set everything up on a fresh machine.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test test-web serve eval bench bench-serve clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)
	rm -f demo.db demo.db-wal demo.db-shm
	$(BIN)/onrecord analyze examples --db demo.db
	$(BIN)/onrecord link --db demo.db
	$(BIN)/onrecord statements --db demo.db
	$(BIN)/onrecord speakers --db demo.db
	$(BIN)/onrecord contradictions --db demo.db
	@echo
	@echo "Open the record in a browser:  $(BIN)/onrecord serve --db demo.db   then visit http://127.0.0.1:8000/"
	@echo "(add --token SOME-SECRET to review statements and links; Ctrl-C stops the server)"

test: $(STAMP)
	$(BIN)/python -m pytest -q -m "not web"

# The browser tests (Playwright driving Debian's chromium: apt-get install chromium) and schemathesis.
test-web: $(STAMP)
	$(BIN)/python -m pytest -q -m web

eval: $(STAMP)
	$(BIN)/onrecord eval all

bench: $(STAMP)
	$(BIN)/python benchmarks/throughput.py

bench-serve: $(STAMP)
	$(BIN)/python benchmarks/serve_load.py

clean:
	rm -rf $(VENV) demo.db demo.db-wal demo.db-shm .pytest_cache
