"""Knowledge for worker processes that misbehave on marked documents: slow, busy, stuck where a timer
cannot reach, or hungry. Lives in a module of its own so spawned workers can import it."""
import signal
import time
from dataclasses import dataclass

import clipper.analyse
from clipper.analyse import Knowledge
from clipper.executor import KnowledgeFiles

SLOW, BUSY, STUCK, HUNGRY = "LÅNGSAMT", "UPPTAGET", "FASTKÖRT", "HUNGRIGT"


def misbehave(text: str) -> None:
    if SLOW in text:
        time.sleep(60)
    if BUSY in text:  # as a pathological loop in Python code
        end = time.monotonic() + 60
        while time.monotonic() < end:
            pass
    if STUCK in text:  # as code in a C extension that never returns to the interpreter
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
        time.sleep(60)
    if HUNGRY in text:
        bytearray(4 * 1024**3)


@dataclass(frozen=True)
class MisbehavingKnowledge(KnowledgeFiles):
    def load(self):
        _misbehave_on_marked_texts()
        return super().load()


def _misbehave_on_marked_texts() -> None:
    real = clipper.analyse.detect_language

    def detect(text):
        misbehave(text)
        return real(text)

    clipper.analyse.detect_language = detect


class MisbehavingOnArrival(Knowledge):
    """Knowledge that makes the process it is unpickled in (a Dask worker) misbehave on marked documents."""

    def __setstate__(self, state):
        _misbehave_on_marked_texts()
        self.__dict__.update(state)
