"""A TCP proxy between the Neo4j driver and the test run's Neo4j, for testing what happens when
the connection is lost: it forwards bytes both ways, can be stopped (Neo4j "goes away"), and can
cut one transaction's connection at the worst moment, after its COMMIT has reached the server
and before the server's answer gets back to the driver (the driver's ``IncompleteCommit``).

No mock: the driver speaks real Bolt to a real server; the proxy only looks at the bytes the
client sends to find the transaction to cut and its COMMIT.
"""

from __future__ import annotations

import contextlib
import socket
import threading
from dataclasses import dataclass, field

#: A Bolt COMMIT message as the driver sends it: one chunk of 2 bytes (a PackStream structure of
#: no fields, B0, with signature 0x12), then the end-of-message marker 00 00.
COMMIT = b"\x00\x02\xb0\x12\x00\x00"


@dataclass
class _Connection:
    """One client connection and its upstream; ``state`` follows the transaction to cut."""

    client: socket.socket
    upstream: socket.socket
    #: "" forwarding, "marked" (the statement to cut was sent), "committing" (its COMMIT too).
    state: str = ""
    tail: bytes = b""
    lock: threading.Lock = field(default_factory=threading.Lock)

    def close(self) -> None:
        for end in (self.client, self.upstream):
            with contextlib.suppress(OSError):
                end.shutdown(socket.SHUT_RDWR)
            end.close()


class BoltProxy:
    """Once started, listens on ``127.0.0.1:port`` and forwards every connection to
    ``target_port``; :meth:`stop` and :meth:`start` again make an outage."""

    def __init__(self, target_port: int):
        self.target_port = target_port
        self.connections: list[_Connection] = []
        #: Set when a COMMIT was forwarded and both sockets were cut before its answer.
        self.commit_cut = threading.Event()
        self._marker: bytes | None = None
        self._listener: socket.socket | None = None
        with socket.socket() as probe:  # a free port, kept across stop() and start()
            probe.bind(("127.0.0.1", 0))
            self.port: int = probe.getsockname()[1]

    @property
    def uri(self) -> str:
        return f"bolt://127.0.0.1:{self.port}"

    def cut_commit_of(self, statement: str) -> None:
        """Cut the connection of the next transaction that sends ``statement`` (some text of
        one of its queries) right after its COMMIT has been forwarded to the server and the
        server has answered, so the commit happened and the driver never hears of it."""
        self.commit_cut.clear()
        self._marker = statement.encode("utf-8")

    def start(self) -> None:
        """Listen (again, on the same port after :meth:`stop`)."""
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen()
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def stop(self) -> None:
        """Stop listening and drop every connection: to the driver, Neo4j is gone."""
        if self._listener is not None:
            with contextlib.suppress(OSError):  # shutdown wakes the thread blocked in accept()
                self._listener.shutdown(socket.SHUT_RDWR)
            self._listener.close()
            self._listener = None
        for connection in self.connections:
            connection.close()
        self.connections.clear()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            upstream = socket.create_connection(("127.0.0.1", self.target_port))
            connection = _Connection(client, upstream)
            self.connections.append(connection)
            threading.Thread(target=self._to_server, args=(connection,), daemon=True).start()
            threading.Thread(target=self._to_client, args=(connection,), daemon=True).start()

    def _to_server(self, connection: _Connection) -> None:
        try:
            while data := connection.client.recv(65536):
                with connection.lock:
                    self._watch(connection, data)
                connection.upstream.sendall(data)
        except OSError:
            pass
        finally:
            connection.close()

    def _watch(self, connection: _Connection, data: bytes) -> None:
        """Follow the transaction to cut through what the client sends."""
        seen = connection.tail + data
        marker = self._marker
        if not connection.state and marker is not None and marker in seen:
            self._marker = None  # one transaction only
            connection.state = "marked"
            seen = seen[seen.index(marker) + len(marker) :]
        if connection.state == "marked" and COMMIT in seen:
            connection.state = "committing"
        keep = max(len(COMMIT), len(marker or b"")) - 1
        connection.tail = seen[-keep:] if keep else b""

    def _to_client(self, connection: _Connection) -> None:
        try:
            while data := connection.upstream.recv(65536):
                with connection.lock:
                    committing = connection.state == "committing"
                if committing:
                    # The server has answered the COMMIT: it is done. The driver never hears
                    # (the event first: the driver may go on as soon as the sockets close).
                    self.commit_cut.set()
                    connection.close()
                    return
                connection.client.sendall(data)
        except OSError:
            pass
        finally:
            connection.close()
