"""Stage 5: topics with evidence, and relevance to the monitored field (stub; see issue 4)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Classification:
    topics: list[dict[str, Any]] = field(default_factory=list)
    relevant: bool | None = None
    relevance: float | None = None


def load_taxonomy(path: str | None = None) -> Any:
    return None


def classify(text: str, title: str | None, entities: list[dict[str, Any]], taxonomy: Any) -> Classification:
    return Classification()
