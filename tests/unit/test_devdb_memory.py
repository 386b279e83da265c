"""The local Neo4j's memory sizes (connections.devdb.Memory): small by default for tests, larger
from the environment or from `connections db start --pagecache --heap`, a wrong size refused by
name before Java starts."""

from __future__ import annotations

import pytest

from connections.devdb import DevDbError, Memory


def test_small_by_default_and_larger_from_the_environment_or_the_options() -> None:
    assert Memory.from_env({}) == Memory("256m", "1g", "256m")
    environ = {"CONNECTIONS_NEO4J_PAGECACHE": "2g", "CONNECTIONS_NEO4J_HEAP": " 3g "}
    assert Memory.from_env(environ) == Memory("2g", "3g", "256m")
    # An option given wins over the environment; one not given leaves it.
    assert Memory.from_env(environ, pagecache="4g", heap=None) == Memory("4g", "3g", "256m")


@pytest.mark.parametrize("size", ["2 GB", "0g", "lots", "2t", ""])
def test_a_size_java_would_not_take_is_refused_by_name(size: str) -> None:
    with pytest.raises(DevDbError, match="heap must be a size such as 512m or 2g"):
        Memory(heap=size)
