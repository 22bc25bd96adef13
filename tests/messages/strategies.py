"""Hypothesis strategies shared by the message tests."""

from __future__ import annotations

from hypothesis import strategies as st

from app.messages import LIMITS


def text_at_limits(field: str) -> st.SearchStrategy[str]:
    """Any letters, digits and punctuation, right up to a field's words and characters."""
    limit = LIMITS[field]
    word = st.text(
        st.characters(codec="utf-8", categories=("L", "N", "P")), min_size=1, max_size=12
    )
    return (
        st.lists(word, min_size=1, max_size=limit.words)
        .map(" ".join)
        .filter(lambda s: len(s) <= limit.chars)
    )
