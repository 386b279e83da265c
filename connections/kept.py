"""A small, thread-safe, bounded store of values kept by key, the least recently used dropped
first: what the maps keep between requests (:mod:`connections.maplabels`,
:mod:`connections.pagemaps`). Pure memory, no I/O.

>>> kept = Kept(2)
>>> kept.get_or_make("a", lambda: 1), kept.get_or_make("b", lambda: 2)
(1, 2)
>>> kept.get_or_make("a", lambda: 99)  # kept: not made again
1
>>> kept.get_or_make("c", lambda: 3)  # "b", least recently used, makes room
3
>>> kept.get_or_make("b", lambda: 20)
20
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

Value = TypeVar("Value")


class Kept(Generic[Value]):
    """At most ``size`` values. Two threads asking for the same missing key may both make it
    (the values are pure functions of the key, so either is right); the lock is never held while
    a value is made."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._values: OrderedDict[Hashable, Value] = OrderedDict()
        self._lock = threading.Lock()

    def get_or_make(self, key: Hashable, make: Callable[[], Value]) -> Value:
        with self._lock:
            if key in self._values:
                self._values.move_to_end(key)
                return self._values[key]
        value = make()
        with self._lock:
            self._values[key] = value
            while len(self._values) > self.size:
                self._values.popitem(last=False)
        return value

    def clear(self) -> None:
        with self._lock:
            self._values.clear()

    def __len__(self) -> int:
        return len(self._values)
