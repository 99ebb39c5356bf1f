"""Typer- and Rich-specific pieces beside `commands/`: rendering to a terminal, the wording of
errors that names command-line flags, and the translation of Typer's own help text."""
