"""clipper: ingest and classify Scandinavian news clippings into JSON Lines.

Public API::

    import clipper
    record = clipper.process("clipping.html")      # a path, bytes or str
    code, confidence = clipper.detect_language("Regionen har valt leverantör.")
"""
from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("clipper")
except PackageNotFoundError:  # running from a source tree without installing
    __version__ = "0.0.0+src"

from .language import detect_language  # noqa: E402
from .pipeline import Pipeline, process  # noqa: E402
from .record import SCHEMA_VERSION, Record  # noqa: E402

__all__ = ["Pipeline", "Record", "SCHEMA_VERSION", "detect_language", "process", "__version__"]
