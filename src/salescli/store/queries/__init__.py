"""Every SQL statement salescli runs, as functions on a session, one module per area.

Services call these and never build SQL themselves (a test checks that services import
no SQLAlchemy), so every query is here to index, explain and tune for SQLite and
PostgreSQL alike.
"""
