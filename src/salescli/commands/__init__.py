"""Thin Typer modules, one per command group: parse input, call a service, render.

Import only typer, the standard library and light salescli modules at module level;
import services inside command bodies (they pull in SQLAlchemy).
"""
