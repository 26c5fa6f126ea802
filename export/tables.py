"""How every exported script prints its results: the app's tables as CSV, each under `# <table> by <keys>`
(tests/test_codegen.py joins them with the app's tables on the keys)."""

from __future__ import annotations


def print_table(name, keys, rows):
    """Print rows (dicts with the same keys, in order) as CSV under '# <name> by <keys>', then a blank line.
    Floats get 7 significant digits; None prints as an empty cell; a cell with a comma is quoted."""
    print(f"# {name} by {','.join(keys)}")
    columns = list(rows[0]) if rows else list(keys)
    print(",".join(columns))
    for row in rows:
        cells = ["" if row[c] is None else f"{row[c]:.7g}" if isinstance(row[c], float) else str(row[c])
                 for c in columns]
        print(",".join(f'"{cell}"' if "," in cell else cell for cell in cells))
    print()
