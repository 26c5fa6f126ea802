"""Python source becomes an AST in one thread at a time.

CPython 3.11 counts the AST constructor's recursion depth in state the whole interpreter shares
(python/cpython#106905): when two threads turn source into an AST at once, one of them can raise a
spurious "SystemError: AST constructor recursion depth mismatch". This server parses in several threads:
Streamlit's script threads (its magic on a page's first run, the exports' inspect.getsource), and the
compute threads (torch imports torch._dynamo on a process's first optimizer, parsing 58 source files as it
goes). A run hit by the race failed, and a retry could fail again while the other thread kept parsing.

`ast.parse` is the one way in for all of them (no installed package calls compile() with PyCF_ONLY_AST
itself), so one lock around it makes them take turns. A re-entrant lock: a finalizer that parses while its
thread holds the lock goes on.
"""

from __future__ import annotations

import ast
import functools
import threading

_LOCK = threading.RLock()


def install() -> None:
    """Replace ast.parse with a version that holds _LOCK while it parses (once per process)."""
    if getattr(ast.parse, "serial", False):
        return
    original = ast.parse

    @functools.wraps(original)
    def parse(*args, **kwargs):
        with _LOCK:
            return original(*args, **kwargs)

    parse.serial = True
    ast.parse = parse
