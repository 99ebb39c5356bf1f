"""Persistence: the tables, the engine, migrations and queries.

The only package that knows SQL. Commands run their statements on the bare drivers
(store/db.py); SQLAlchemy defines the schema (store/tables.py) and runs migrations and bulk
loads, imported only there. The command layer imports the store inside functions.
"""
