"""Demo data for `make run`, one module per stage of the label; only `setup_demo` imports it."""
