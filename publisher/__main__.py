"""`python -m publisher` runs the command line."""

from .cli import run

run()
