"""Persistence: SQLModel tables, the engine, migrations and queries.

The only package that knows SQL. Importing it pulls in SQLAlchemy and SQLModel, so the
command layer imports it inside functions, never at module level.
"""
