"""Bring a database made before migrations existed to the baseline, keeping every row.

Up to the baseline, the app created its tables itself and added the columns a newer version
defined; so a table may be missing, or present without its newer columns. Those columns were
always nullable or had a server default, so adding them keeps the rows.
"""

from __future__ import annotations

import logging

import sqlalchemy as sa
from sqlalchemy.engine import Connection

logger = logging.getLogger(__name__)


def create_or_complete(connection: Connection, metadata: sa.MetaData) -> None:
    """Create the tables of ``metadata`` that are absent; add absent columns to the others."""
    inspector = sa.inspect(connection)
    for table in metadata.sorted_tables:
        if not inspector.has_table(table.name):
            table.create(connection)
            continue
        present = {column["name"] for column in inspector.get_columns(table.name)}
        for column in table.columns:
            if column.name not in present:
                _add_column(connection, table.name, column)
        indexed = {index["name"] for index in inspector.get_indexes(table.name)}
        for index in table.indexes:
            if index.name not in indexed:
                index.create(connection)


def _add_column(connection: Connection, table: str, column: sa.Column[object]) -> None:
    """Add one nullable or server-defaulted column (the rows there take its default)."""
    default = column.server_default
    if not column.nullable and default is None:
        raise RuntimeError(f"{table}.{column.name}: cannot add a NOT NULL column without default")
    kind = column.type.compile(dialect=connection.dialect)
    if default is not None:
        value = default.arg.compile(dialect=connection.dialect)  # type: ignore[attr-defined]  # a DefaultClause's SQL
        kind += f" NOT NULL DEFAULT {value}"
    connection.exec_driver_sql(f'ALTER TABLE "{table}" ADD COLUMN "{column.name}" {kind}')
    logger.info("Added column %s.%s", table, column.name)
