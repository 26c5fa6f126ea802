"""Download as notebook: every part's notebook is its "copy as PyTorch code" script cut into cells, with the
part's claim and this run's settings in the reader's language; run top to bottom in a real Jupyter kernel
(nbclient + ipykernel), it prints the app's tables, joined with the app's as tests/test_codegen.py does.

Executing a notebook starts a kernel and imports torch (seconds), so one part per page is executed, the
cheapest that trains a model, with small settings; the cheap checks run over every export.
"""

from __future__ import annotations

import shutil
import subprocess
import sys

import nbformat
import pytest
from nbclient import NotebookClient

from core import activations, babysitting, batchnorm, initialization, optimizers, regularization, transfer
from core.params import specs, url_key
from export import exports
from export.notebook import code_cells, notebook_text
from tests.conftest import open_page, problems
from tests.test_codegen import SCOPES, assert_same_numbers, engine, parse_tables, small_default
from ui.i18n import LANGS, particles
from ui.text import CATALOG

# One part per page that trains a model, with settings small enough for a kernel to run in a second or two.
EXECUTED = {
    "activations": ("dead", activations.DeadConfig(width=16, steps=50, activations=("relu", "elu"))),
    "initialization": ("zero", initialization.ZeroConfig(steps=30)),
    "batchnorm": ("traintest", batchnorm.TrainTestConfig(steps=20)),
    "babysitting": ("sanity", babysitting.SanityConfig(width=16, steps=30)),
    "optimizers": ("network", optimizers.NetworkConfig(optimizers=("sgd", "adam"), width=8, steps=30)),
    "regularization": ("overfit", regularization.OverfitConfig(width=16, steps=50)),
    "transfer": ("bn", transfer.BnConfig(steps=20)),
}


def texts_in(lang: str, scope: str, part: str, cfg, script: str, monkeypatch) -> dict[str, str]:
    """The notebook's markdown as the page makes it for a reader of `lang` (outside a Streamlit run the
    session's language is taken from here)."""
    from ui import i18n, study

    monkeypatch.setattr(i18n, "lang", lambda: lang)
    return study.notebook_texts(scope, part, cfg, script)


@pytest.fixture(scope="session")
def kernel():
    """One running `python3` kernel of ipykernel (this interpreter) for the executed notebooks: starting a
    kernel and importing torch costs seconds, so each notebook after the first gets the same kernel with
    its namespace cleared (%reset: only imported modules stay) and its folder as working directory.

    ipykernel's wheel installs its spec into the environment (share/jupyter/kernels, so a fresh venv as in
    .ci/run has it) and jupyter_client falls back to it anyway; should it be missing, it is installed into
    this environment, never the user's."""
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel
    from jupyter_client.manager import KernelManager

    try:
        spec = KernelSpecManager().get_kernel_spec("python3")
    except NoSuchKernel:
        subprocess.run([sys.executable, "-m", "ipykernel", "install", "--sys-prefix"], check=True)
        spec = KernelSpecManager().get_kernel_spec("python3")
    # jupyter_client runs a spec's bare "python" as sys.executable; a spec naming another interpreter would
    # run the notebook without this environment's torch
    assert spec.argv[0] in ("python", "python3", sys.executable), spec.argv
    manager = KernelManager(kernel_name="python3")
    manager.start_kernel()

    def fresh(folder) -> KernelManager:
        reset = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(
            f"%reset -f\nimport os\nos.chdir({str(folder)!r})\ndel os")])
        NotebookClient(reset, km=manager, timeout=120, startup_timeout=120).execute()
        return manager

    yield fresh
    manager.shutdown_kernel(now=True)


def test_one_part_per_page_is_executed():
    assert set(EXECUTED) == set(SCOPES)
    for scope, (part, cfg) in EXECUTED.items():
        assert part in exports(scope) and isinstance(cfg, type(engine(scope).EXPERIMENTS[part][1]))


@pytest.mark.parametrize("scope", list(EXECUTED))
def test_notebook_run_top_to_bottom_prints_the_apps_tables(scope, kernel, tmp_path, monkeypatch):
    part, cfg = EXECUTED[scope]
    export = exports(scope)[part]
    script = export.script(cfg)
    for path in export.files:  # files the code reads from its own folder (the backbone's weights)
        shutil.copy(path, tmp_path / path.name)
    book = nbformat.reads(notebook_text(script, texts_in("en", scope, part, cfg, script, monkeypatch)), as_version=4)
    NotebookClient(book, km=kernel(tmp_path), timeout=120, startup_timeout=120).execute()
    stdout = "".join(output.get("text", "") for cell in book.cells if cell.cell_type == "code"
                     for output in cell.get("outputs", []) if output.get("name") == "stdout")
    tables = parse_tables(stdout)
    out = engine(scope).EXPERIMENTS[part][0](cfg)
    for name, (keys, printed) in tables.items():
        assert_same_numbers(printed, out[name] if isinstance(out, dict) else out, keys)


def assert_cells_are_the_script(cells: list[str], script: str) -> None:
    """The code cells, in order, are the script: each is a piece of it, and only blank lines lie between."""
    position = 0
    for cell in cells:
        found = script.find(cell, position)
        assert found >= 0 and script[position:found].strip() == "", (position, cell[:200])
        position = found + len(cell)
    assert script[position:].strip() == ""


@pytest.mark.parametrize("scope", SCOPES)
def test_every_notebook_is_valid_and_is_the_script_with_the_claim(scope, monkeypatch):
    for number, (part, export) in enumerate(exports(scope).items()):
        cfg = small_default(scope, part)
        script = export.script(cfg)
        lang = LANGS[number % 2]  # both languages on every page
        book = nbformat.reads(notebook_text(script, texts_in(lang, scope, part, cfg, script, monkeypatch)),
                              as_version=4)
        nbformat.validate(book)
        assert book.metadata.kernelspec.name == "python3"
        code = [cell.source for cell in book.cells if cell.cell_type == "code"]
        markdown = "\n".join(cell.source for cell in book.cells if cell.cell_type == "markdown")
        assert_cells_are_the_script(code, script)
        assert len(code) >= 3 and code[-1].startswith('if __name__ == "__main__":'), (part, code[-1][:80])
        claim = particles(CATALOG[f"{scope}.{part}.claim"][LANGS.index(lang)])
        assert claim in markdown, (scope, part, lang)
        title = particles(CATALOG["ui.notebook_settings"][LANGS.index(lang)])
        assert title in markdown
        for name, spec in specs(type(cfg)).items():  # every control of the part is a row of the settings table
            assert f"| `{url_key(name, spec)}` |" in markdown, (scope, part, name)


def test_a_definition_keeps_its_comments_and_a_registry_its_functions():
    """Cells cut at top-level statements: the comment above a statement stays with it, a registry shares a
    cell with the functions it lists, and the definitions of main come before the call."""
    script = exports("activations")["dead"].script(EXECUTED["activations"][1])
    cells = code_cells(script)
    registry = next(cell for cell in cells if "ACTIVATIONS = {" in cell)
    assert registry.startswith("def relu(") and "def elu(" in registry
    assert any(cell.startswith("# Divergence") and "DIVERGE_FACTOR" in cell and "def divergence(" in cell
               for cell in cells)
    assert cells[0].startswith('"""') and "import torch" in cells[0]
    assert cells[-2].startswith("def main(") and cells[-1].startswith('if __name__ == "__main__":')


@pytest.mark.parametrize("lang", LANGS)
def test_the_code_expander_offers_the_notebook(lang):
    at = open_page("app_pages/activations.py", part="zigzag", lang=lang)
    assert problems(at) == []
    labels = [button.label for button in at.get("download_button")]
    index = LANGS.index(lang)
    assert CATALOG["ui.notebook_download"][index] in labels, labels
    assert labels.index(CATALOG["ui.notebook_download"][index]) == labels.index(CATALOG["ui.code_download"][index]) + 1
