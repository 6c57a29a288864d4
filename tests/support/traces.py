"""What a database still holds of a person: every row of every table, searched as text."""
from __future__ import annotations

from sqlalchemy import Engine, inspect, text


def rows_mentioning(database: Engine, *needles: str) -> list[tuple[str, str]]:
    """(table, the row's start) for each row where one of `needles` appears."""
    found = []
    with database.connect() as connection:
        for table in inspect(connection).get_table_names():
            for row in connection.execute(text(f'SELECT * FROM "{table}"')):
                cells = " ".join(str(cell) for cell in row)
                if any(needle in cells for needle in needles):
                    found.append((table, cells[:120]))
    return found
