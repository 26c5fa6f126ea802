"""`python -m bench`: timings of every page's experiments, cold and warm."""
