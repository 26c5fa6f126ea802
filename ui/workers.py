"""Experiments computed in worker processes, so that two computations at once use both cores.

Threads of one process take turns on Python's lock, and an experiment is thousands of small torch operations with
Python around each: two experiments computed at once in two threads of the server finished 1.3x sooner than one
after the other, in two processes 1.9x (Transfer learning's curves beside five Initialization trainings, 2 cores,
2026-11-30; bench/PROFILE.md). So ui.cache hands each computation to a worker: a child process that runs one
experiment at a time and sends its result back.

- Workers fork from multiprocessing's fork server, which imports torch, pandas and scikit-learn once (PRELOAD):
  a worker starts in about 0.1 s and shares those pages. The lab's own modules (core) are imported by each
  worker, so a worker started after core changed computes with the new code (a worker of an older core is
  replaced: `core_version`).
- A job is (fn, cfg), pickled by reference: fn a module-level experiment function, cfg a frozen dataclass. A
  function that cannot be found by its name in its module (a closure) runs in the caller, as does any job
  before the pool has started (`start`, called by ui.warmup) or if it could not start.
- The worker's progress reports travel to the caller, which hands each to its own listener (core.progress) and
  then answers: go on, or stop (the listener raised: Streamlit ended the run). A background computation that
  gives way to a visitor (ui.cache) at once: its worker process is stopped (SIGSTOP) while the visitor computes,
  and continued after (between progress reports, it would otherwise take a core from the visitor).
- A job's independent pieces (core.parallel) may go to a second worker while ui.cache has a free compute slot
  (`Helper`; an idle worker, or a new one while a background computation holds the other): both take pieces from
  one queue kept here, and the results go back in order.
- Only the lab's own processes exchange pickles, over pipes each pair owns: nothing a visitor sends is unpickled.
"""

from __future__ import annotations

import atexit
import collections
import ctypes
import hashlib
import logging
import multiprocessing
import os
import pathlib
import pickle
import signal
import sys
import threading
import types
from contextlib import contextmanager
from typing import Any, Callable

from core import parallel
from core.progress import report, reporting

PRELOAD = ["torch", "torch._dynamo", "torch.optim", "numpy", "pandas", "sklearn.datasets"]  # the fork server's
# Started with the pool: one per compute slot of ui.cache. More are started when all are busy (a background
# computation that waits for visitors keeps its stopped worker); a third at the start measured no better.
WORKERS = 2
START_TIMEOUT = 120.0  # s for a worker to say it is ready (a loaded machine; normally about 0.1 s)
HOLD_CHECK = 0.05  # s between two looks at whether a background job must pause for a visitor
CORE = pathlib.Path(__file__).resolve().parent.parent / "core"
M_TOP_PAD, M_MMAP_THRESHOLD = -2, -3  # glibc's mallopt parameters (malloc.h)
HEAP_PAD = 32 * 1024 * 1024  # bytes of freed heap a worker keeps: 16 MB took the CNN's run to 0.53 s, 64 MB to 0.51 s

_idle: list["Worker"] = []
_live: set["Worker"] = set()  # every worker process not yet closed, idle or busy
_lock = threading.Lock()
_context: Any = None  # the fork server's multiprocessing context, once the pool has started
_done = threading.Event()  # set once the pool has started, or failed to
_BLANK_MAIN = types.ModuleType("__main__")  # no file, no spec: nothing for a child to run as its main module
_main_lock = threading.Lock()


def core_version() -> str:
    """A hash of core/'s source: results (ui.cache's keys) and workers belong to one version of the code."""
    digest = hashlib.sha256()
    for path in sorted(CORE.rglob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def keep_heap() -> bool:
    """Let this process keep HEAP_PAD of freed heap instead of handing it back to the system at once (glibc's
    M_TOP_PAD), and take buffers under HEAP_PAD from that heap rather than mapping fresh pages for each
    (M_MMAP_THRESHOLD); whether it could (not on a C library without mallopt). A worker trains with buffers allocated
    and freed every step, and glibc's defaults made it fault the same pages in again each time: a 1-D CNN's run took
    0.70 s in a worker against 0.50 s with the pad, and Activations' cost part timed ReLU's 4 MB pass at 1.6 ms
    instead of 0.3 ms, which turned its ratios into page-fault counts (bench/PROFILE.md item 9)."""
    try:
        libc = ctypes.CDLL(None)
        return libc.mallopt(M_TOP_PAD, HEAP_PAD) == 1 and libc.mallopt(M_MMAP_THRESHOLD, HEAP_PAD) == 1
    except (OSError, AttributeError):
        return False


def one_time_costs() -> None:
    """What every first training run of a process pays once: torch._dynamo's import (on the first optimizer,
    ~1.2 s), autograd's and the optimizer step's first calls."""
    import torch

    w = torch.zeros(2, 2, requires_grad=True)
    optimizer = torch.optim.SGD([w], lr=0.1)
    torch.nn.functional.cross_entropy(torch.ones(1, 2) @ w, torch.zeros(1, dtype=torch.long)).backward()
    optimizer.step()


class Stopped(BaseException):
    """The caller answered a progress report with stop (a BaseException: no `except Exception` in an experiment
    swallows it)."""


class WorkerLost(RuntimeError):
    """The worker process ended while it computed (killed, out of memory)."""


def described(error: BaseException) -> tuple[str, str, str]:
    """An error as text that travels between processes: its type's module and name, its message."""
    return type(error).__module__, type(error).__qualname__, str(error)


def rebuilt(module: str, name: str, message: str) -> Exception:
    """The error a worker described: of its own type where that type can be made from a message (ValueError and
    the like, which is what ui.cache.run shows), else a RuntimeError that names it."""
    kind = getattr(sys.modules.get(module), name, None)
    if isinstance(kind, type) and issubclass(kind, Exception):
        try:
            return kind(message)
        except Exception:  # noqa: BLE001 - a type that wants other arguments: named in the message instead
            pass
    return RuntimeError(f"{name}: {message}")


def serve(conn) -> None:
    """A worker's life: say ready (pid, core version), then run jobs until the pipe closes."""
    import core  # noqa: F401 - one torch thread, as in the server

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C in the server's terminal: the server ends its workers
    keep_heap()
    one_time_costs()
    conn.send(("ready", (os.getpid(), core_version())))

    def relay(fraction: float) -> None:
        conn.send(("progress", fraction))
        if conn.recv() != "go":
            raise Stopped

    def spread(fn: Callable, items: list, alone: Callable[[], list]) -> list:
        """core.parallel's spreader in a worker: ask the caller for a helper; with one, take the pieces one at a
        time from the queue the caller keeps (the helper takes from it too), then collect the helper's; without,
        alone()."""
        try:
            pieces = [pickle.dumps((fn, item)) for item in items]
        except (pickle.PicklingError, AttributeError, TypeError):  # a piece holds a closure, say: none is sent
            return alone()
        conn.send(("share", pieces))
        if conn.recv() != "helped":
            return alone()
        results = {}
        while True:
            conn.send(("next", None))
            kind, value = conn.recv()
            if kind == "item":
                results[value] = parallel.one(fn, items, value)
            elif kind == "rest":
                results.update({i: pickle.loads(blob) for i, blob in value.items()})
                return [results[i] for i in range(len(items))]
            else:  # the helper's piece failed: the experiment fails as it would have here
                raise rebuilt(*value)

    while True:
        try:
            fn, cfg = conn.recv()
        except (EOFError, OSError):
            return
        try:
            with reporting(relay), parallel.spreading(spread):
                result = fn(cfg)
            conn.send(("done", result))
        except Stopped:
            conn.send(("stopped", None))
        except Exception as error:  # noqa: BLE001 - the caller shows it (ui.cache.run), as if it ran there
            logging.getLogger("lab").exception("experiment failed in a worker")
            conn.send(("error", described(error)))


@contextmanager
def blank_main():
    """multiprocessing runs the parent's main module again in each child it starts (its file, as `__mp_main__`),
    and in a Streamlit server that module is app.py (each script run makes its module `__main__`): a worker would
    run the app, and its warm-up, before its first job. So a child is started while `__main__` is a blank module;
    the old one is put back unless a script run has set its own meanwhile."""
    with _main_lock:
        saved = sys.modules.get("__main__")
        sys.modules["__main__"] = _BLANK_MAIN
        try:
            yield
        finally:
            if sys.modules.get("__main__") is _BLANK_MAIN:
                sys.modules["__main__"] = saved


class Worker:
    """One worker process and the caller's end of its pipe."""

    def __init__(self, context):
        self.conn, child = context.Pipe()
        self.process = context.Process(target=serve, args=(child,), name="lab-worker", daemon=True)
        with blank_main():
            self.process.start()
        child.close()
        if not self.conn.poll(START_TIMEOUT):
            self.close()
            raise WorkerLost("a worker process did not start")
        _, (self.pid, self.version) = self.receive()
        with _lock:
            _live.add(self)

    def receive(self) -> tuple[str, Any]:
        try:
            return self.conn.recv()
        except (EOFError, OSError) as error:
            self.close()
            raise WorkerLost(f"the computation's process ended (exit code {self.process.exitcode})") from error

    def run(self, fn: Callable, cfg, hold: tuple[Callable[[], bool], Callable[[], None]] | None = None,
            spare: Callable[[], tuple[Callable[[], None], Callable[[], bool]] | None] | None = None) -> Any:
        """fn(cfg) in the worker; its progress reports go to this thread's listener (core.progress.report).
        hold, for a background job: (must it pause now?, wait until it may go on); while it must, the worker
        process is stopped. spare: a second compute slot if one is free now ((its release, is it wanted back?)),
        else None; with one, an idle worker helps with the job's independent pieces (core.parallel; Helper)."""
        self.conn.send((fn, cfg))
        helper, settled = None, False  # settled: the worker waits for its next job (else it is closed on the way out)
        try:
            while True:
                while hold is not None and not self.conn.poll(HOLD_CHECK):
                    if hold[0]():
                        os.kill(self.pid, signal.SIGSTOP)
                        try:
                            hold[1]()
                        finally:
                            os.kill(self.pid, signal.SIGCONT)
                kind, value = self.receive()
                if kind in ("done", "error"):
                    settled = True
                    if kind == "error":
                        raise rebuilt(*value)
                    return value
                if kind == "share":
                    if helper is not None:  # one helper at a time: pieces within a piece stay where they are
                        self.conn.send("alone")
                        continue
                    helper = Helper.start(self.version, spare, value) if spare else None
                    self.conn.send("helped" if helper else "alone")
                    continue
                if kind == "next":
                    i = helper.take()
                    self.conn.send(("item", i) if i is not None else helper.finish())
                    if i is None:
                        helper = None
                    continue
                try:
                    report(value)
                except BaseException:
                    self.conn.send("stop")
                    while self.receive()[0] == "progress":  # the worker is back to waiting for a job after any other
                        self.conn.send("stop")
                    settled = True
                    raise
                self.conn.send("go")
        finally:
            if helper is not None:  # the job ended early (an error, a stop): the helper takes no more pieces
                helper.stop()
            if not settled and self.alive():  # the caller failed mid-job: the worker's state is unknown
                self.close()

    def alive(self) -> bool:
        return self.process.is_alive() and not self.conn.closed

    def close(self) -> None:
        """End the process (SIGKILL: it may be stopped, and a stopped process never handles a SIGTERM)."""
        with _lock:
            _live.discard(self)
        self.conn.close()
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)


def piece(blob: bytes) -> bytes:
    """A piece of core.parallel in a helper worker, pickled both ways by plain pickle: multiprocessing's own pickler
    would move every tensor through shared memory, a few ms each (a stacked run's models, data and health record)."""
    fn, item = pickle.loads(blob)  # from the lab's own worker, through its caller
    return pickle.dumps(fn(*item))


class Helper:
    """A second worker computing pieces of a job's core.parallel.each, from one queue with the job's own worker:
    each takes the next piece when it is free, so the two finish together whatever the pieces cost. It holds a
    compute slot of ui.cache (spare) and gives it back, with its worker, when the queue is empty or, between two
    pieces, as soon as the slot is wanted back (another visitor waits: the job's own worker does the rest)."""

    def __init__(self, worker: Worker, release: Callable[[], None], wanted: Callable[[], bool], pieces: list[bytes]):
        self.worker, self.release, self.wanted, self.pieces = worker, release, wanted, pieces
        self.queue = collections.deque(range(len(pieces)))
        self.lock = threading.Lock()
        self.results: dict[int, bytes] = {}
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self.work, name="lab-helper", daemon=True)
        self.thread.start()

    @classmethod
    def start(cls, version: str, spare: Callable[[], tuple[Callable[[], None], Callable[[], bool]] | None],
              pieces: list[bytes]) -> "Helper | None":
        """A helper, if a compute slot is free: an idle worker of this version, or a new one where none is idle
        (a background computation holds the other worker, stopped while visitors compute: the warm-up of a
        server just woken); else None."""
        slot = spare()
        if slot is None:
            return None
        worker = take(version)
        if worker is None:
            slot[0]()
            return None
        return cls(worker, *slot, pieces)

    def take(self) -> int | None:
        with self.lock:
            return self.queue.popleft() if self.queue else None

    def work(self) -> None:
        try:
            while not self.wanted() and (i := self.take()) is not None:
                self.results[i] = self.worker.run(piece, self.pieces[i])
        except Exception as error:  # noqa: BLE001 - handed to the job's worker, which fails as it would alone
            self.error = error
            self.stop()  # the job fails: its own worker computes no more pieces either
        finally:
            if self.worker.alive():
                with _lock:
                    _idle.append(self.worker)
            self.release()

    def finish(self) -> tuple[str, Any]:
        """After the queue ran dry: wait for the helper's last piece (or its giving way); ("rest", its results) or
        ("error", ...)."""
        self.thread.join()
        return ("error", described(self.error)) if self.error else ("rest", self.results)

    def stop(self) -> None:
        with self.lock:
            self.queue.clear()


@atexit.register  # before multiprocessing's own exit handler (registered earlier, run later), which would
def _close_all() -> None:  # wait forever for a stopped worker after its SIGTERM
    for worker in list(_live):
        worker.close()


def _start() -> None:
    global _context
    if "forkserver" not in multiprocessing.get_all_start_methods():  # Windows: every job runs in its caller
        logging.getLogger("lab").info("no fork server on this platform: experiments compute in the server's process")
        _done.set()
        return
    try:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(PRELOAD)
        workers = [Worker(context) for _ in range(WORKERS)]
        with _lock:
            _idle.extend(workers)
            _context = context
    except Exception:  # noqa: BLE001 - without workers every job runs in its caller, as before
        logging.getLogger("lab").exception("worker processes did not start")
    finally:
        _done.set()


def in_background_once(target: Callable[[], None], name: str) -> Callable[[], None]:
    """A function that starts `target` in a daemon thread called `name` the first time it is called in this
    process; later calls do nothing (ui.warmup.start, start)."""
    lock, started = threading.Lock(), []

    def start() -> None:
        with lock:
            if started:
                return
            started.append(True)
        threading.Thread(target=target, name=name, daemon=True).start()

    return start


# Start the pool in the background: the fork server (its imports take a few seconds, on the other core), then
# WORKERS workers. Until they are up, jobs run in the caller; a failure leaves every job in the caller.
start = in_background_once(_start, "lab-workers")


def wait(timeout: float) -> bool:
    """Wait until the pool has started (at most `timeout` s); whether it has."""
    _done.wait(timeout)
    return started()


def started() -> bool:
    return _context is not None


def by_name(fn: Callable) -> bool:
    """Whether a worker can find fn by its module and name (a module-level function; not a closure)."""
    module = sys.modules.get(fn.__module__)
    return module is not None and getattr(module, fn.__qualname__, None) is fn


def take(version: str) -> Worker | None:
    """An idle worker of this version of core, or a new one; None before the pool has started or if a new one
    cannot start."""
    while True:
        with _lock:
            if _context is None:
                return None
            worker = _idle.pop() if _idle else None
        if worker is None:
            try:
                return Worker(_context)
            except Exception:  # noqa: BLE001 - no new worker (out of memory, say): the job runs in its caller
                logging.getLogger("lab").exception("a worker process did not start")
                return None
        if worker.alive() and worker.version == version:
            return worker
        worker.close()


def call(fn: Callable, cfg, version: str, hold=None, spare=None) -> Any:
    """fn(cfg), in a worker process of this version of core (`core_version`) where one can run it, else here.
    hold, spare: see Worker.run."""
    worker = take(version) if by_name(fn) else None
    if worker is None:
        return fn(cfg)
    try:
        return worker.run(fn, cfg, hold, spare)
    finally:
        if worker.alive():  # back to the pool, unless it died (WorkerLost closed it)
            with _lock:
                _idle.append(worker)


def pids() -> list[int]:
    """The idle workers' process ids."""
    with _lock:
        return [w.pid for w in _idle]
