"""clipper: ingest and classify Scandinavian news clippings into JSON Lines.

Public API::

    import clipper
    record = clipper.process("clipping.html")      # a path, or bytes
    record = clipper.process_text("Region Skåne väljer Cerner …")   # content held as a str
    code, confidence = clipper.detect_language("Regionen har valt leverantör.")

The package imports its stages when first used (PEP 562), so that the command line can set up its
signal handling before the heavy imports (trafilatura, langdetect) begin.
"""
from typing import TYPE_CHECKING, Any

from .record import SCHEMA_VERSION, Record

# The one place the version is written (pyproject.toml reads it from here): reading the installed
# package's metadata instead cost every run 15-50 ms of importing importlib.metadata.
__version__ = "0.1.0"

if TYPE_CHECKING:
    from .language import detect_language
    from .pipeline import Pipeline, process, process_path, process_text

__all__ = ["Pipeline", "Record", "SCHEMA_VERSION", "detect_language", "process", "process_path", "process_text",
           "__version__"]


def __getattr__(name: str) -> Any:
    if name == "detect_language":
        from .language import detect_language

        return detect_language
    if name in ("Pipeline", "process", "process_path", "process_text"):
        from . import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module 'clipper' has no attribute {name!r}")
