"""Alembic environment: always run online, on the connection salescli hands over."""

from alembic import context

from salescli.store.tables import ddl_options, include_name

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=ddl_options(),
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
    include_name=include_name,
)
with context.begin_transaction():
    context.run_migrations()
