"""Download as notebook: a part's "copy as PyTorch code" script (export/assemble.py) cut into cells.

The notebook is made from the assembled script itself, never from a second copy of the code: the script is
cut at its top-level statements (ast), each function or class definition with the comment lines right
above it (its docstring is inside it), so that its code cells, read in order, are the script. Markdown
cells around them carry the texts the page passes in, already in the reader's language (this package never
imports streamlit): the part's claim, this run's settings, what the code is and what to look at.
"""

from __future__ import annotations

import ast

import nbformat
from nbformat import v4

# The markdown steps a notebook needs, in the order they appear: before the code, the claim and this run's
# settings; `code` introduces the cells of functions; `look` comes right before the call of main().
STEPS = ("claim", "settings", "code", "look")
KERNEL = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}


def _first_line(lines: list[str], node: ast.stmt) -> int:
    """0-based first line of a statement, its decorators and the comment lines right above it included."""
    first = min([node.lineno] + [d.lineno for d in getattr(node, "decorator_list", [])]) - 1
    while first > 0 and lines[first - 1].lstrip().startswith("#"):
        first -= 1
    return first


def _registry_of(node: ast.stmt) -> set[str]:
    """The names a registry `NAME = {"key": function, ...}` lists, or an empty set for any other statement."""
    if isinstance(node, ast.Assign) and isinstance(node.value, ast.Dict) and node.value.values:
        if all(isinstance(v, ast.Name) for v in node.value.values):
            return {v.id for v in node.value.values}
    return set()


def _starts(script: str, tree: ast.Module) -> list[int]:
    """0-based line where each cell begins. The header (docstring, imports, thread setting) is one cell;
    then each definition is a cell, except that a registry joins the definitions right above it that it
    lists (relu, elu, ACTIVATIONS: one cell) and any other constant joins the definition below it, which
    uses it; the `if __name__ == "__main__":` block that calls main is the last cell."""
    lines = script.splitlines()
    body = list(tree.body)
    header = 0
    while header < len(body) and not isinstance(body[header], (ast.FunctionDef, ast.ClassDef, ast.Assign,
                                                                ast.AnnAssign, ast.If)):
        header += 1
    cells: list[list[ast.stmt]] = [body[:header]]
    pending: list[ast.stmt] = []  # constants waiting for the definition below them
    for node in body[header:]:
        listed = _registry_of(node)
        if listed and not pending:
            group = []  # the definitions right above that the registry lists
            while len(cells) > 1 and len(cells[-1]) == 1 and getattr(cells[-1][0], "name", None) in listed:
                group = cells.pop() + group
            cells.append(group + [node])
        elif isinstance(node, (ast.FunctionDef, ast.ClassDef, ast.If)):
            cells.append(pending + [node])
            pending = []
        else:
            pending.append(node)
    if pending:
        cells.append(pending)
    return [0] + [_first_line(lines, cell[0]) for cell in cells[1:] if cell]


def code_cells(script: str) -> list[str]:
    """The script cut into the sources of its code cells, in order, without blank lines at their edges:
    joined with blank lines between them, they are the script again."""
    lines = script.splitlines()
    starts = _starts(script, ast.parse(script))
    chunks = ["\n".join(lines[a:b]).strip("\n") for a, b in zip(starts, starts[1:] + [len(lines)])]
    return [chunk for chunk in chunks if chunk.strip()]


def printed_tables(script: str) -> list[str]:
    """The names of the tables the script prints (the first argument of each `print_table("name", ...)`
    written as a literal), in order: what a reader looks for in the output."""
    names = [node.args[0].value for node in ast.walk(ast.parse(script))
             if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "print_table"
             and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)]
    return list(dict.fromkeys(names))


def notebook(script: str, texts: dict[str, str]) -> nbformat.NotebookNode:
    """The notebook of an assembled script: markdown `claim`, `settings` and `code` (texts: markdown by
    step, see STEPS), the header cell, one cell per definition, markdown `look`, then the call of main().
    Running all cells prints what the script prints."""
    missing = set(STEPS) - set(texts)
    if missing:
        raise ValueError(f"notebook texts missing: {sorted(missing)}")
    *code, call = code_cells(script)
    cells = [v4.new_markdown_cell(texts["claim"]), v4.new_markdown_cell(texts["settings"]),
             v4.new_markdown_cell(texts["code"])]
    cells += [v4.new_code_cell(source) for source in code]
    cells += [v4.new_markdown_cell(texts["look"]), v4.new_code_cell(call)]
    for number, cell in enumerate(cells):  # stable ids: the same run downloads the same file
        cell.id = f"cell-{number}"
    book = v4.new_notebook(cells=cells, metadata={"kernelspec": KERNEL, "language_info": {"name": "python"}})
    nbformat.validate(book)
    return book


def notebook_text(script: str, texts: dict[str, str]) -> str:
    """The notebook as .ipynb text (JSON)."""
    return nbformat.writes(notebook(script, texts))
