"""Streamlit helpers shared by the pages: text, controls, cached runs, charts, layout."""
