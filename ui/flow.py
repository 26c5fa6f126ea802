"""How a page ends early on purpose (a failed run, a result hidden until revealed): raise EndPage after
saying why on the page. app.py catches it, so the frame (share link) is still drawn; st.stop() would
drop the frame's later elements."""


class EndPage(Exception):
    pass
