"""Thin Typer modules, one per command group: parse input, call a service, render.

Import only typer, the standard library and light salescli modules at module level;
import services inside command bodies (they pull in the store and its drivers).

No `from __future__ import annotations` here (nor in cli.py): Typer reads every option's
annotation on each start, and string annotations would be compiled and evaluated one by
one (about 15 ms of every command, `--help` and Tab completion included).
"""
