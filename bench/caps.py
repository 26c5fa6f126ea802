"""The allowed range of every control, as the README's caps table. `python -m bench.caps --write`
rewrites the table in README.md between its markers; a test checks that README matches the code."""

from __future__ import annotations

import argparse
import importlib
import pathlib

from core.params import specs, url_key
from ui.topics import TOPICS

README = pathlib.Path(__file__).resolve().parent.parent / "README.md"
START, END = "<!-- caps:start -->", "<!-- caps:end -->"


def _range(spec) -> str:
    if spec.kind in ("int", "float"):
        return f"{spec.lo:g} to {spec.hi:g}" + (" (log)" if spec.log else "")
    if spec.kind == "flag":
        return "on/off"
    return f"{len(spec.options)} choices" + (" (any subset)" if spec.kind == "multi" else "")


def table() -> str:
    rows = ["| page | part | numeric controls and their allowed range | budget |", "|---|---|---|---|"]
    for topic in TOPICS:
        for part, (_, cfg) in importlib.import_module(f"core.{topic.scope}").EXPERIMENTS.items():
            fields = specs(type(cfg))
            cells = ", ".join(f"`{url_key(n, s)}` {_range(s)}" for n, s in fields.items()
                              if s.kind in ("int", "float"))
            rows.append(f"| {topic.scope} | {part} | {cells or '-'} | "
                        f"{'steps lowered to fit the budget' if hasattr(cfg, 'limit') else ''} |")
    return "\n".join(rows)


def readme_with_table(text: str) -> str:
    head, rest = text.split(START, 1)
    _, tail = rest.split(END, 1)
    return f"{head}{START}\n{table()}\n{END}{tail}"


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--write", action="store_true")
    if parser.parse_args().write:
        README.write_text(readme_with_table(README.read_text()))
    else:
        print(table())
