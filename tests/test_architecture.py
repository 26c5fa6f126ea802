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


def test_core_never_imports_streamlit_or_ui():
    offenders = [p.name for p in (ROOT / "core").rglob("*.py") if imports(p) & {"streamlit", "ui", "app_pages"}]
    assert offenders == []


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
    """No eval/exec/pickle on anything, and torch.load only with weights_only=True."""
    for path in list(ROOT.glob("*.py")) + [p for d in ("core", "ui", "app_pages") for p in (ROOT / d).rglob("*.py")]:
        source = path.read_text()
        for bad in ("eval(", "exec(", "pickle.load"):
            assert bad not in source.replace("model.eval(", "").replace(".eval()", ""), (path, bad)
        for line in source.splitlines():
            if "torch.load(" in line:
                assert "weights_only=True" in line, (path, line)
