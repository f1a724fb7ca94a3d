"""Knowledge for worker processes that misbehave on marked documents: slow, stuck where a timer cannot
reach, or hungry. Lives in a module of its own so spawned workers can import it."""
import signal
import time
from dataclasses import dataclass

import clipper.analyse
from clipper.executor import KnowledgeFiles

SLOW, STUCK, HUNGRY = "LÅNGSAMT", "FASTKÖRT", "HUNGRIGT"


def misbehave(text: str) -> None:
    if SLOW in text:
        time.sleep(60)
    if STUCK in text:  # as code in a C extension that never returns to the interpreter
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
        time.sleep(60)
    if HUNGRY in text:
        bytearray(4 * 1024**3)


@dataclass(frozen=True)
class MisbehavingKnowledge(KnowledgeFiles):
    def load(self):
        real = clipper.analyse.detect_language

        def detect(text):
            misbehave(text)
            return real(text)

        clipper.analyse.detect_language = detect
        return super().load()
