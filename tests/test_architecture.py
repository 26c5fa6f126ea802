"""The project's layout rules, checked on the source."""

import ast
import pathlib

ROOT = pathlib.Path(__file__).resolve().parent.parent


def imports(path: pathlib.Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
    return names


PACKAGES = ("core", "export", "ui", "app_pages", "bench")


def project_files() -> list[pathlib.Path]:
    return [ROOT / "app.py"] + [p for d in PACKAGES for p in sorted((ROOT / d).rglob("*.py"))]


def module_name(path: pathlib.Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_modules(path: pathlib.Path, known: set[str]) -> set[str]:
    """The project modules a file imports, anywhere in it (a deferred import inside a function counts):
    `from core import data` is core.data, `from core.data import make_dataset` is core.data."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name in known}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            subs = {f"{node.module}.{a.name}" for a in node.names} & known
            found |= subs or ({node.module} & known)
    return found


def import_graph() -> dict[str, set[str]]:
    files = {module_name(p): p for p in project_files()}
    known = set(files)
    return {name: imported_modules(path, known) - {name} for name, path in files.items()}


def test_no_import_cycle_anywhere():
    graph = import_graph()
    state: dict[str, str] = {}
    cycles: list[list[str]] = []

    def visit(node: str, path: list[str]) -> None:
        state[node] = "open"
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == "open":
                cycles.append(path[path.index(nxt):] + [node, nxt] if nxt in path else [node, nxt])
            elif nxt not in state:
                visit(nxt, path + [node])
        state[node] = "done"

    for module in sorted(graph):
        if module not in state:
            visit(module, [])
    assert len(graph) > 30 and "core.train" in graph["export.mlp"]  # the graph saw the project's imports
    assert cycles == []


def test_imports_run_one_way():
    """app -> app_pages -> ui -> (core, export); export -> core; core imports none of them."""
    allowed = {"core": {"core"}, "export": {"core", "export"}, "ui": {"ui", "core", "export"},
               "bench": {"bench", "ui", "core", "export"}, "app_pages": {"ui", "core", "export"},
               "app": {"ui", "core", "export"}}
    for module, targets in import_graph().items():
        top = module.split(".")[0]
        wrong = {t for t in targets if t.split(".")[0] not in allowed[top]}
        assert not wrong, (module, wrong)


def test_core_never_imports_streamlit_or_ui():
    offenders = [p.name for p in (ROOT / "core").rglob("*.py")
                 if imports(p) & {"streamlit", "ui", "app_pages", "export"}]
    assert offenders == []


def test_every_page_is_a_registry_of_parts_equal_to_its_engine():
    """Each page lists its parts as PARTS = {"id": function, ...}, the same ids in the same order as its
    engine's EXPERIMENTS, and has no if/elif chain over parts."""
    import importlib

    from ui.topics import TOPICS

    for topic in TOPICS:
        tree = ast.parse((ROOT / topic.path).read_text())
        assigned = [n for n in tree.body if isinstance(n, ast.Assign)
                    and any(isinstance(t, ast.Name) and t.id == "PARTS" for t in n.targets)]
        assert len(assigned) == 1 and isinstance(assigned[0].value, ast.Dict), topic.path
        # `**card_parts(SCOPE)` (ui/cards.py) adds the page's paper cards, the engine's `**cards_of(scope)`
        from core.cards import cards_of

        pairs = list(zip(assigned[0].value.keys, assigned[0].value.values))
        cards = [v for k, v in pairs if k is None]
        assert all(isinstance(v, ast.Call) and getattr(v.func, "id", "") == "card_parts" for v in cards), topic.path
        ids = [k.value for k, _ in pairs if k is not None] + (list(cards_of(topic.scope)) if cards else [])
        assert ids == list(importlib.import_module(f"core.{topic.scope}").EXPERIMENTS), topic.path
        functions = {n.name for n in tree.body if isinstance(n, ast.FunctionDef)}
        assert all(isinstance(v, ast.Name) and v.id in functions for k, v in pairs if k is not None), topic.path
        part_tests = [n for n in ast.walk(tree) if isinstance(n, ast.Compare) and isinstance(n.left, ast.Name)
                      and n.left.id == "part"]
        assert part_tests == [], f"{topic.path} branches on the part instead of calling PARTS[part]"


def test_exports_hold_no_code_in_strings():
    """Scripts are assembled from real functions: no string literal in export/ carries code (a def, an
    import, a torch call), beyond the assembly's glue in export/assemble.py."""
    for path in (ROOT / "export").glob("*.py"):
        if path.name == "assemble.py":
            continue
        tree = ast.parse(path.read_text())
        docstrings = {id(n.body[0].value) for n in ast.walk(tree)
                      if isinstance(n, (ast.Module, ast.FunctionDef, ast.ClassDef)) and n.body
                      and isinstance(n.body[0], ast.Expr) and isinstance(n.body[0].value, ast.Constant)}
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
                for code in ("def ", "import ", "torch.", "nn.", "lambda "):
                    assert code not in node.value, (path.name, node.value[:80])


def test_ui_never_imports_pages_or_app():
    offenders = [p.name for p in (ROOT / "ui").rglob("*.py") if imports(p) & {"app_pages", "app"}]
    assert offenders == []


def test_no_legacy_pages_folder():
    assert not (ROOT / "pages").exists()


def test_every_topic_page_exists_and_is_short():
    from ui.topics import TOPICS

    for topic in TOPICS:
        path = ROOT / topic.path
        assert path.exists(), topic.path
        assert len(path.read_text().splitlines()) <= 220, topic.path


def test_every_text_has_both_languages():
    from ui.text import CATALOG

    missing = [k for k, (en, ko) in CATALOG.items() if not en.strip() or not ko.strip()]
    assert missing == []


def test_no_unsafe_calls():
    """No eval/exec/pickle on anything (but the pieces ui.workers' own processes send each other), and torch.load only
    with weights_only=True."""
    for path in list(ROOT.glob("*.py")) + [p for d in ("core", "export", "ui", "app_pages")
                                            for p in (ROOT / d).rglob("*.py")]:
        source = path.read_text()
        for bad in ("eval(", "exec(", "pickle.load"):
            # ast.literal_eval reads literals only (export/assemble.py's cache key), never code
            safe = source.replace("model.eval(", "").replace(".eval()", "").replace("ast.literal_eval(", "")
            if path == ROOT / "ui" / "workers.py":  # the pieces its own processes send each other over their pipes,
                safe = safe.replace("pickle.loads(blob)", "")  # as Connection.recv unpickles every message there
            assert bad not in safe, (path, bad)
        for line in source.splitlines():
            if "torch.load(" in line:
                assert "weights_only=True" in line, (path, line)
