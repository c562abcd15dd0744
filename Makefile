# The two commands of the README: `make run` and `make test`. Both set everything up.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1:8000

.PHONY: run test setup migrate demo lint format messages clean

$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

setup: $(STAMP)

migrate: setup
	$(BIN)/python manage.py migrate --no-input

demo: migrate
	$(BIN)/python manage.py setup_demo

run: demo
	@echo "Serving on http://$(HOST)/"
	$(BIN)/python manage.py runserver $(HOST)

test: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/lint-imports --no-logo
	DJANGO_ALLOW_ASYNC_UNSAFE=true $(BIN)/pytest $(PYTEST_ARGS)

lint: setup
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Refresh the Arabic and French catalogues after changing UI strings; the compiled .mo
# files are committed so that installing needs no gettext.
messages: setup
	cd citizenlabel && ../$(BIN)/django-admin makemessages -l ar -l fr --no-obsolete --ignore "static/*"
	cd citizenlabel && ../$(BIN)/django-admin compilemessages

clean:
	rm -rf $(VENV) var
