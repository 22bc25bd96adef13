"""``inflect``, imported without ``typeguard``'s instrumentation.

``inflect`` decorates its methods with ``typeguard.typechecked``, which at import re-reads and
recompiles the source of each one: about 1.5 s on an idle core of this machine (over 5 s
under load), more than the rest of the service's start-up. The checks guard inflect's own
arguments, which here are always strings, so the decorator is made a no-op for that one
import (as ``python -O`` would make it) and put back.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from types import ModuleType
from typing import TYPE_CHECKING, Any

import typeguard

_lock = threading.Lock()


def _unchecked(target: Any = None, **_: Any) -> Any:
    if target is None:
        return lambda function: function
    return target


def _import() -> ModuleType:
    with _lock:
        checked: Callable[..., Any] = typeguard.typechecked
        typeguard.typechecked = _unchecked
        try:
            import inflect
        finally:
            typeguard.typechecked = checked
    return inflect


if TYPE_CHECKING:
    import inflect as inflect
else:
    inflect = _import()
