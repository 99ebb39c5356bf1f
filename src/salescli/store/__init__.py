"""Persistence: the tables, the engine, migrations and queries.

The only package that knows SQL. Importing it pulls in SQLAlchemy (Core only, no ORM),
so the command layer imports it inside functions, never at module level.
"""
