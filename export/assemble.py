"""Assemble "copy as PyTorch code" from the code the app runs.

A script is the source of real functions, classes and constants of the project (inspect.getsource, and
the assignment statements of constants as written), ordered so each comes after what it uses, then the
part's `main` and a call to it with this run's settings. What to include is found by walking the names
each piece uses (symtable): a name bound in a project module pulls in its definition, a module becomes
an import, a builtin stays as it is; anything else (pandas, Streamlit, a config object) is an error, so a
piece the app runs that is not plain PyTorch cannot slip into a script.

A registry (a dict literal of functions or classes keyed by name, such as ACTIVATIONS or OPTIMIZERS)
keeps only the entries this run's settings name: a ReLU run's script defines relu, not nine activations.
"""

from __future__ import annotations

import ast
import builtins
import functools
import importlib
import inspect
import pprint
import symtable
import sys
import textwrap
import types
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

PROJECT = ("core", "export")
# What a script may import: the standard library and these (torch, and scikit-learn for the digits).
THIRD_PARTY = ("torch", "sklearn")
# Project modules whose functions never belong in a script: the UI's progress channel, config fields.
DENIED = ("core.progress", "core.params")
WIDTH = 110  # the project's line length (pyproject.toml, ruff)


class NotExportable(Exception):
    """A piece the script would need is not plain Python + torch."""


@dataclass(frozen=True)
class Export:
    """A part's "copy as PyTorch code": `main(**settings)` prints the part's tables as CSV (each under
    `# <table> by <keys>`); `settings(cfg)` gives main's keyword arguments for a run, or None when the run
    has no plain-PyTorch equivalent; `files` are read beside the script (e.g. the backbone's weights)."""
    main: Callable
    settings: Callable[[Any], dict | None]
    files: tuple[Path, ...] = field(default=())

    def script(self, cfg) -> str | None:
        settings = self.settings(cfg)
        return None if settings is None else _assembled(self.main, repr(settings))


@functools.cache
def _module_tree(module: str) -> tuple[ast.Module, str]:
    source = inspect.getsource(importlib.import_module(module))
    return ast.parse(source), source


def _is_project(module: str | None) -> bool:
    return bool(module) and module.split(".")[0] in PROJECT


def _first_line(node: ast.stmt) -> int:
    """The statement's first line, its decorators included."""
    return min([node.lineno] + [d.lineno for d in getattr(node, "decorator_list", [])])


def _comments_above(source: str, node: ast.stmt) -> str:
    """The comment lines right above a statement (its explanation), or ''."""
    lines = source.splitlines()
    start = end = _first_line(node) - 1
    while start > 0 and lines[start - 1].lstrip().startswith("#"):
        start -= 1
    return "\n".join(lines[start:end])


def _statement(source: str, node: ast.stmt) -> str:
    """The statement's source, decorators included."""
    return "\n".join(source.splitlines()[_first_line(node) - 1:node.end_lineno])


def _definition(module: str, name: str) -> tuple[str, ast.stmt]:
    """The module and top-level statement that bind `name` as seen from `module` (following `from x import`)."""
    tree, _ = _module_tree(module)
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)) and node.name == name:
            return module, node
        if isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if name in {n.id for t in targets for n in ast.walk(t) if isinstance(n, ast.Name)}:
                return module, node
        if isinstance(node, ast.ImportFrom) and _is_project(node.module):
            for alias in node.names:
                if (alias.asname or alias.name) == name:
                    if alias.asname and alias.asname != alias.name:
                        raise NotExportable(f"{module} imports {alias.name} as {alias.asname}")
                    return _definition(node.module, alias.name)
    raise NotExportable(f"{name} is not defined at the top of {module}")


@functools.lru_cache(maxsize=1024)
def _global_names(source: str) -> list[str]:
    """Names a top-level statement reads from the module's globals, in order of appearance."""
    top = symtable.symtable(source, "<unit>", "exec")
    found = [s.get_name() for s in top.get_symbols() if s.is_referenced()]

    def walk(table):
        for child in table.get_children():
            found.extend(s.get_name() for s in child.get_symbols()
                         if s.is_global() and (s.is_referenced() or s.is_declared_global()))
            walk(child)

    walk(top)
    return list(dict.fromkeys(found))


def _import_line(name: str, value) -> str:
    """The import statement that binds `name` to `value` (a module, or an object of a module)."""
    if isinstance(value, types.ModuleType):
        full = value.__name__
        if full == name:
            return f"import {full}"
        parent, _, last = full.rpartition(".")
        return f"from {parent} import {last}" if last == name and parent else f"import {full} as {name}"
    module = getattr(value, "__module__", None)
    if module and getattr(sys.modules.get(module), name, None) is value:
        return f"from {module} import {name}"
    raise NotExportable(f"cannot import {name} ({value!r})")


def _allowed_import(line: str) -> bool:
    top = line.split()[1].split(".")[0]
    return top in THIRD_PARTY or top in sys.stdlib_module_names


def _names_in(settings) -> set[str]:
    """Every string value in the settings, however nested (not the keys of dicts): the names a run asks for."""
    if isinstance(settings, str):
        return {settings}
    if isinstance(settings, dict):
        return set().union(*(_names_in(v) for v in settings.values()))
    if isinstance(settings, (list, tuple, set, frozenset)):
        return set().union(*(_names_in(v) for v in settings))
    return set()


def _pruned_registry(module: str, node: ast.stmt, wanted: set[str]) -> str | None:
    """A registry `NAME = {"key": function, ...}` written with only the entries the run names, or None
    when the statement is not such a registry."""
    if not (isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name)
            and isinstance(node.value, ast.Dict)):
        return None
    keys = node.value.keys
    if not all(isinstance(k, ast.Constant) and isinstance(k.value, str) for k in keys):
        return None
    registry = getattr(importlib.import_module(module), node.targets[0].id)
    if not all(inspect.isfunction(v) or inspect.isclass(v) for v in registry.values()):
        return None
    _, source = _module_tree(module)
    kept = [f"{ast.get_source_segment(source, k)}: {ast.get_source_segment(source, v)}"
            for k, v in zip(keys, node.value.values) if k.value in wanted]
    head = f"{node.targets[0].id} = {{"
    one_line = head + ", ".join(kept) + "}"
    if len(one_line) <= WIDTH:
        return one_line
    lines = [""]
    for entry in kept:  # wrap between entries, never inside one
        if lines[-1] and len(lines[-1]) + len(entry) + 2 > WIDTH - 4:
            lines.append("")
        lines[-1] += entry + ", "
    return head + "\n" + "\n".join("    " + line.rstrip() for line in lines) + "\n}"


class _Assembly:
    def __init__(self, settings: dict):
        self.wanted = _names_in(settings)
        self.units: list[str] = []  # the statements a script copies (defs, classes, assignments), in order
        self.seen: set[tuple[str, int]] = set()
        self.names: dict[str, tuple[str, int]] = {}
        self.imports: set[str] = set()

    def add(self, module: str, node: ast.stmt, main: str | None = None) -> None:
        key = (module, node.lineno)
        if key in self.seen:
            return
        _, source = _module_tree(module)
        text = _pruned_registry(module, node, self.wanted) if main is None else None
        text = _statement(source, node) if text is None else text
        comments = _comments_above(source, node) if main is None else ""
        own = {node.name} if isinstance(node, (ast.FunctionDef, ast.ClassDef)) else \
            {n.id for t in (node.targets if isinstance(node, ast.Assign) else [node.target])
             for n in ast.walk(t) if isinstance(n, ast.Name)}
        for name in own:
            if self.names.setdefault(name, key) != key:
                raise NotExportable(f"two definitions of {name} ({module} and {self.names[name][0]})")
        self.seen.add(key)
        values = vars(importlib.import_module(module))
        for name in _global_names(textwrap.dedent(text)):
            if name in own:
                continue
            self.resolve(module, name, values)
        self.units.append((comments + "\n" if comments else "") + text)

    def resolve(self, module: str, name: str, values: dict) -> None:
        if name not in values:
            if hasattr(builtins, name):
                return
            raise NotExportable(f"{name}, used in {module}, is not defined there")
        value = values[name]
        home = getattr(value, "__module__", None) if not isinstance(value, types.ModuleType) else value.__name__
        if isinstance(value, types.ModuleType) or not (_is_project(home) or _is_project_constant(module, name)):
            line = _import_line(name, value)
            if not _allowed_import(line):
                raise NotExportable(f"a script cannot use {line!r} (from {module})")
            self.imports.add(line)
            return
        if inspect.isfunction(value) or inspect.isclass(value):
            if value.__name__ != name:
                raise NotExportable(f"{module} uses {value.__name__} under another name, {name}")
            if value.__module__ in DENIED:
                raise NotExportable(f"a script cannot use {value.__module__}.{name} (from {module})")
            self.add(*_definition(value.__module__, name))
        else:
            self.add(*_definition(module, name))


def _is_project_constant(module: str, name: str) -> bool:
    """A constant (not a function or class) bound at the top of a project module, e.g. PATIENCE."""
    try:
        _definition(module, name)
        return True
    except NotExportable:
        return False


def _imports_block(lines: set[str]) -> str:
    def group(third_party: bool) -> list[str]:
        chosen = [line for line in lines if (line.split()[1].split(".")[0] in THIRD_PARTY) == third_party]
        return sorted(chosen, key=lambda line: (line.startswith("from"), line.split()[1], line))
    blocks = [group(False), group(True)]
    return "\n\n".join("\n".join(b) for b in blocks if b)


def _call(settings: dict) -> str:
    """`main(...)` with one keyword argument per line, values as Python literals."""
    lines = []
    for name, value in settings.items():
        text = pprint.pformat(value, width=WIDTH - 8 - len(name), sort_dicts=False)
        lines.append(f"        {name}=" + text.replace("\n", "\n" + " " * (9 + len(name))) + ",")
    return "if __name__ == \"__main__\":\n    main(\n" + "\n".join(lines) + "\n    )\n"


@functools.lru_cache(maxsize=256)
def _assembled(main: Callable, settings: str) -> str:
    """assemble, remembered by main and the settings' repr, a Python literal (a page rerun asks for the
    same script again)."""
    return assemble(main, ast.literal_eval(settings))


def assemble(main: Callable, settings: dict) -> str:
    """The standalone script of `main` (a function of an export module) called with `settings`."""
    doc = inspect.getdoc(main) or ""
    title, _, about = doc.partition("\n")
    module, node = _definition(main.__module__, main.__name__)
    assembly = _Assembly(settings)
    assembly.add(module, node, main="main")
    *pieces, last = assembly.units
    body = "\n\n\n".join(pieces)
    main_source = last.replace(f"def {main.__name__}(", "def main(", 1)
    needs = "torch" + (" and scikit-learn" if any("sklearn" in line for line in assembly.imports | set(pieces)) else "")
    about = f"{about.strip()}\n\n" if about.strip() else ""
    header = (f'"""{title.strip()}\n\n{about}Standalone: the functions the CS231n Lab ran for this result, then '
              f'main() with its settings.\nNeeds {needs}; prints the app\'s tables as CSV, each under '
              f'"# <table> by <keys>".\n"""')
    parts = [header, _imports_block(assembly.imports),
             "torch.set_num_threads(1)  # the app runs each experiment on one thread"]
    if body:
        parts.append(body)
    parts += [main_source, _call(settings)]
    return "\n\n".join(parts[:2]) + "\n\n" + "\n\n\n".join(parts[2:])
