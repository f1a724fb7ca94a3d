"""Stage 4a: tag regions, vendors and products from package gazetteers (stub; see issue 3)."""
from __future__ import annotations

from typing import Any


def load_gazetteer(extra_files: tuple[str, ...] = ()) -> Any:
    return None


def tag(text: str, gazetteer: Any) -> list[dict[str, Any]]:
    return []
