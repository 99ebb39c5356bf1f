"""Alembic environment: always run online, on the connection salescli hands over."""

from alembic import context
from sqlmodel import SQLModel

from salescli.store.models import load_all

load_all()  # registers every table
connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=SQLModel.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
