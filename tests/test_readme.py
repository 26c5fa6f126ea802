"""README states what the code does: the commands and the caps table."""

from bench.caps import README, readme_with_table


def test_caps_table_matches_the_code():
    text = README.read_text()
    assert readme_with_table(text) == text, "run `python -m bench.caps --write`"


def test_readme_gives_the_commands():
    text = README.read_text()
    assert "pip install -r requirements.txt && streamlit run app.py" in text
    assert "python -m pytest" in text
