"""Stage 3: language of the clean text, deterministic."""
from __future__ import annotations

from langdetect import DetectorFactory
from langdetect.lang_detect_exception import LangDetectException

_factory = None


def _detector_factory() -> DetectorFactory:
    # langdetect's profiles load once; a private factory with a fixed seed keeps results deterministic.
    global _factory
    if _factory is None:
        from langdetect.detector_factory import PROFILES_DIRECTORY

        factory = DetectorFactory()
        factory.load_profile(PROFILES_DIRECTORY)
        factory.set_seed(0)
        _factory = factory
    return _factory


def detect_language(text: str) -> tuple[str, float]:
    """Return (ISO 639-1 code, confidence 0..1); ('und', 0.0) when the text is too short to say."""
    if len(text.strip()) < 3:
        return "und", 0.0
    detector = _detector_factory().create()
    detector.append(text)
    try:
        best = detector.get_probabilities()[0]
    except LangDetectException:
        return "und", 0.0
    return best.lang, round(best.prob, 4)
