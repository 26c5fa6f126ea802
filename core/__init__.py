"""The lab's engine: plain PyTorch and pandas, never Streamlit.

Every experiment is a pure function `config -> DataFrame(s)`; configs are frozen dataclasses
whose fields carry their own bounds (see `core.params`).
"""

import os

import torch

# One intra-op thread: the lab's tensors are small, so a second thread costs more in handoff than it
# gains, and on a 2-core server concurrent sessions each get a core (measured in `python -m bench`).
torch.set_num_threads(int(os.environ.get("LAB_TORCH_THREADS", "1")))
