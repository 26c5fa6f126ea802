"""Serve the lab with its one-time costs paid before the health endpoint answers: `streamlit run serve.py`.

`streamlit run app.py` starts answering health checks at once and pays the imports of torch, pandas and
Altair, torch's first optimizer (which imports torch._dynamo) and Altair's first chart inside the first
visitor's run. Here Streamlit's ASGI app (st.App) runs app.py unchanged, and its start-up hook pays those
costs first (ui.warmup.prepare), then starts the background warm-up, so that the first visitor of a freshly
woken server (Community Cloud) finds them paid. `python -m bench.coldstart` compares both.
"""

from contextlib import asynccontextmanager

import streamlit as st


@asynccontextmanager
async def lifespan(_app):
    from ui import warmup

    warmup.prepare()
    print("warm-up: prepared", flush=True)  # in the server's log, before the health endpoint answers
    warmup.start()
    yield


app = st.App("app.py", lifespan=lifespan)
