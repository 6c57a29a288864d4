"""Statements run on every update: compiled once, executed on SQLite's own cursor.

Through SQLAlchemy Core a statement costs 20–30 µs around SQLite's 2–6 µs (execution context, result objects,
events), and an answer runs a dozen of them: most of its cost (bench/updates.py). A `Prepared` is the same Core
construct, compiled once for SQLite, its parameters and columns converted by the same SQLAlchemy types; only the
execution is the driver's, on the connection and in the transaction of the caller. Elsewhere (PostgreSQL, whose
time goes to the network) SQLAlchemy executes it as usual.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from sqlalchemy import Connection
from sqlalchemy.engine import Dialect
from sqlalchemy.sql import ClauseElement

Processor = Callable[[Any], Any] | None


class _Compiled:
    """One statement's SQL for the driver, and how values go in and out of it."""

    def __init__(self, sql: str, names: tuple[str, ...], fixed: dict[str, Any], binds: tuple[Processor, ...],
                 columns: tuple[Processor, ...]) -> None:
        self.sql = sql
        self.names = names  # the parameters, in the order of the statement's question marks
        self.fixed = fixed  # values written in the statement itself (`values(is_current=False)`)
        self.binds = tuple((name, process) for name, process in zip(names, binds))
        # The result columns a type converts (None values stay None), by position.
        self.columns = tuple((index, process) for index, process in enumerate(columns) if process is not None)

    def parameters(self, values: Mapping[str, Any]) -> list[Any]:
        if self.fixed:
            values = {**self.fixed, **values}
        return [values[name] if process is None else process(values[name]) for name, process in self.binds]

    def row(self, raw: tuple) -> tuple:
        if not self.columns:
            return raw
        row = list(raw)
        for index, process in self.columns:
            if row[index] is not None:
                row[index] = process(row[index])
        return tuple(row)


def _compile(statement: ClauseElement, dialect: Dialect, keys: tuple[str, ...] | None) -> _Compiled | None:
    """The statement for this dialect; None when SQLAlchemy must run it (a column default to compute)."""
    compiled = statement.compile(dialect=dialect, column_keys=list(keys) if keys is not None else None)
    # Column defaults computed in Python, and IN lists expanded at execution, are SQLAlchemy's to run.
    if (compiled.insert_prefetch or compiled.update_prefetch or compiled.positiontup is None
            or "POSTCOMPILE" in compiled.string):
        return None
    names = tuple(compiled.positiontup)
    binds = compiled.binds
    fixed = {name: binds[name].effective_value for name in names if not binds[name].required}
    bind_types = tuple(binds[name].type.dialect_impl(dialect).bind_processor(dialect) for name in names)
    columns = tuple(column.type.dialect_impl(dialect).result_processor(dialect, None)
                    for column in getattr(statement, "exported_columns", ()))
    return _Compiled(compiled.string, names, fixed, bind_types, columns)


class Prepared:
    """A Core statement run on the DBAPI cursor of SQLite connections.

    `keys`: for an INSERT or an UPDATE whose values come with each call, the columns every call gives.
    """

    def __init__(self, statement: ClauseElement, keys: Sequence[str] | None = None) -> None:
        self.statement = statement
        self.keys = tuple(keys) if keys is not None else None
        self._sqlite: _Compiled | None = None
        self._ready = False

    def _for(self, connection: Connection) -> _Compiled | None:
        if connection.dialect.name != "sqlite":
            return None
        if not self._ready:
            self._sqlite = _compile(self.statement, connection.dialect, self.keys)
            self._ready = True
        return self._sqlite

    def rows(self, connection: Connection, values: Mapping[str, Any] | None = None) -> list[tuple]:
        """Every row the statement returns."""
        compiled = self._for(connection)
        if compiled is None:
            return [tuple(row) for row in connection.execute(self.statement, dict(values or {}))]
        cursor = connection.connection.driver_connection.execute(compiled.sql, compiled.parameters(values or {}))
        return [compiled.row(raw) for raw in cursor.fetchall()]

    def first(self, connection: Connection, values: Mapping[str, Any] | None = None) -> tuple | None:
        """The first row returned; None when there is none."""
        rows = self.rows(connection, values)
        return rows[0] if rows else None

    def run(self, connection: Connection, values: Mapping[str, Any] | None = None) -> int:
        """Execute a statement that returns no rows; how many rows it changed."""
        compiled = self._for(connection)
        if compiled is None:
            return connection.execute(self.statement, dict(values or {})).rowcount
        return connection.connection.driver_connection.execute(compiled.sql,
                                                               compiled.parameters(values or {})).rowcount

    def run_many(self, connection: Connection, many: Sequence[Mapping[str, Any]]) -> None:
        """Execute once per set of values (an INSERT of several rows)."""
        if not many:
            return
        compiled = self._for(connection)
        if compiled is None:
            connection.execute(self.statement, [dict(values) for values in many])
            return
        connection.connection.driver_connection.executemany(compiled.sql,
                                                            [compiled.parameters(values) for values in many])
