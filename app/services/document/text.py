"""Free text as it may be kept and written into a message, a header or a calendar file.

What people paste carries more than they see: control characters from a terminal or a PDF,
bidirectional overrides that reorder what a reader sees (the "Trojan Source" trick), zero-width
spaces from web pages, and now and then a NUL, which PostgreSQL cannot store in text. Every
string of an interview's document goes through :func:`clean_text` once, when it is validated.
"""

from __future__ import annotations

import re
import unicodedata

#: Embeddings, overrides and isolates (Unicode's bidirectional formatting characters) and the
#: implicit marks: they change how text is shown without being part of it.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f")
#: Zero-width characters that are not part of a word (joiners, U+200C/U+200D, are: some
#: scripts and emoji need them, so they stay within text but do not make it non-empty).
ZERO_WIDTH = frozenset("\u200b\u2060\ufeff\u180e")
_JOINERS = frozenset("\u200c\u200d")
_LINE_BREAKS = re.compile(r"\r\n?|[\u2028\u2029\x85]")


class EmptyText(ValueError):
    """The text has nothing a reader would see."""


class NulInText(ValueError):
    """The text holds U+0000."""


def clean_text(value: str) -> str:
    """``value`` without invisible formatting, its line breaks as ``\\n``.

    Tabs and line breaks stay (a pasted e-mail keeps its lines; one-line fields collapse
    whitespace themselves); every other control character becomes a space; bidirectional
    controls and zero-width spaces go.

    Raises:
        NulInText: for U+0000 anywhere.
        EmptyText: when nothing visible is left.
    """
    if value.isprintable():  # the common case, checked in C: nothing to clean
        return value
    if "\x00" in value:
        raise NulInText("must not contain the NUL character (U+0000)")
    text = _LINE_BREAKS.sub("\n", value)
    kept = []
    for char in text:
        if char in "\n\t":
            kept.append(char)
        elif char in BIDI_CONTROLS or char in ZERO_WIDTH:
            continue
        elif unicodedata.category(char) == "Cc":
            kept.append(" ")
        else:
            kept.append(char)
    cleaned = "".join(kept).strip()
    if not cleaned or all(c.isspace() or c in _JOINERS for c in cleaned):
        raise EmptyText("must have some visible text")
    return cleaned
