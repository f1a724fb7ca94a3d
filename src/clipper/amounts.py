"""Stage 4b: money amounts normalized to a number and an ISO 4217 currency (stub; see issue 3)."""
from __future__ import annotations

from typing import Any


def find_amounts(text: str, language: str) -> list[dict[str, Any]]:
    return []
