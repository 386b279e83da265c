"""Start and stop a real local Neo4j Community server for development and tests.

Why this exists: the project wants a real Neo4j everywhere (never a mock), yet developer and CI
machines have no Docker engine. So the project fetches Neo4j's own jars from Maven Central with
Maven (``neo4j-launcher/pom.xml``) and runs them embedded in a tiny single-file Java program of
its own (``neo4j-launcher/Launcher.java``): Bolt on 127.0.0.1 only, no authentication, no HTTP,
everything it writes under one folder.

Two ways to run it:

- A throwaway server (``start_server`` / ``stop_server``, or ``server_running``): tests start one
  on a free port in a temporary folder. By default it exits by itself when the starting process
  dies, so a killed test run never leaves a Java process behind.
- A persistent development server (``start_persistent`` / ``stop_persistent`` /
  ``status_persistent``) under a home folder (``$CONNECTIONS_HOME`` or ``./var``): detached from
  the process that started it, its data kept across stops and starts, its pid and port recorded
  in ``HOME/neo4j/server.json`` so any later process can find or stop it.

Nothing here imports Flask or the driver: this module only manages processes, files and ports.
"""

from __future__ import annotations

import contextlib
import fcntl
import functools
import hashlib
import json
import os
import re
import selectors
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT: Path = Path(__file__).resolve().parent.parent
"""The repository's root folder (the one holding ``neo4j/`` and ``connections/``)."""

NEO4J_VERSION: str = "5.26.30"
"""The Neo4j Community version the launcher runs; ``neo4j-launcher/pom.xml`` must say the same."""

NEO4J_DIR: Path = REPO_ROOT / "neo4j-launcher"
POM: Path = NEO4J_DIR / "pom.xml"
LAUNCHER: Path = NEO4J_DIR / "Launcher.java"
LIB_DIR: Path = NEO4J_DIR / "target" / "lib"
STAMP: Path = LIB_DIR / ".devdb-complete.json"
"""Written after a successful Maven copy: its absence means the jars must be fetched again."""

HOST = "127.0.0.1"
MIN_JAVA = 17
DEFAULT_PERSISTENT_PORT = 7688
"""Not 7687, so a developer's own Neo4j (or the docker-compose one) can run alongside."""

JAVA_INSTALL_HINT = "apt-get install openjdk-17-jre-headless"
JDK_INSTALL_HINT = "apt-get install openjdk-17-jdk-headless"
MAVEN_INSTALL_HINT = "apt-get install maven"

JVM_OPTIONS: tuple[str, ...] = (
    # The heap's ceiling is Memory.heap (-Xmx, added by _launch); the page cache is off heap,
    # configured by the launcher (Memory.pagecache).
    "-Xms128m",
    "-XX:+UseG1GC",
    # The full JIT: the demo and the benchmarks load and stream hundreds of thousands of
    # relationships, several times faster than with the quick-start compiler (C1) alone.
    "-XX:+ExitOnOutOfMemoryError",
    # What Neo4j's own start script passes on Java 17, so its page cache and Netty run normally.
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dlog4j2.disable.jmx=true",
    "-Djava.awt.headless=true",
)

MAVEN_TIMEOUT = 1200.0
_READY = re.compile(rb"^READY (bolt://\S+)\s*$")

# Launchers started by this process, so their exit can be observed (and reaped) without guessing.
_children: dict[int, subprocess.Popen[bytes]] = {}


class DevDbError(RuntimeError):
    """The local Neo4j could not be prepared, started or stopped; the message says what to do."""


@dataclass
class Server:
    """A running local Neo4j: where to connect and which process to stop.

    ``data_dir`` is the folder given to the launcher: the store lives in ``data_dir/data``, Neo4j's
    logs in ``data_dir/logs`` and the launcher's own output in ``data_dir/launcher.log``.
    ``process`` is set only in the process that started the server.
    """

    uri: str
    port: int
    data_dir: Path
    pid: int
    process: subprocess.Popen[bytes] | None = None


# --------------------------------------------------------------------------------------------
# Tools and jars


def java_major_version(java: str = "java") -> int | None:
    """Return the major version of ``java`` (8 for "1.8.0_x", 17 for "17.0.15"), or None.

    None means the command is missing or does not say its version in a form we understand.
    """
    try:
        result = subprocess.run(
            [java, "-version"], capture_output=True, text=True, timeout=60, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return None
    match = re.search(r'version "(\d+)(?:\.(\d+))?', result.stderr + result.stdout)
    if match is None:
        return None
    major = int(match.group(1))
    if major == 1 and match.group(2) is not None:
        major = int(match.group(2))
    return major


@functools.lru_cache(maxsize=8)
def java_can_run_source_files(java: str) -> bool:
    """True if ``java`` has the jdk.compiler module that ``java Launcher.java`` needs.

    Debian's openjdk-17-jre-headless ships it; some slimmed-down runtimes do not.
    """
    try:
        result = subprocess.run(
            [java, "--list-modules"], capture_output=True, text=True, timeout=60, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return "jdk.compiler@" in result.stdout


def check_tools(*, maven: bool = True) -> None:
    """Fail early, with one sentence naming what to install, if Java 17+ or Maven is missing.

    Maven is only needed to fetch the jars; pass ``maven=False`` when they are already there.
    """
    java = shutil.which("java")
    major = java_major_version(java) if java else None
    if java is None or major is None:
        raise DevDbError(
            f"Java {MIN_JAVA} or newer is needed to run the local Neo4j: "
            f"install it with `{JAVA_INSTALL_HINT}`."
        )
    if major < MIN_JAVA:
        raise DevDbError(
            f"Java {MIN_JAVA} or newer is needed to run the local Neo4j, but `java` is Java "
            f"{major}: install it with `{JAVA_INSTALL_HINT}` and put it first on PATH."
        )
    if not java_can_run_source_files(java):
        raise DevDbError(
            "The Java on PATH cannot run the single-file launcher (it lacks the jdk.compiler "
            f"module): install a full JDK with `{JDK_INSTALL_HINT}`."
        )
    if maven and shutil.which("mvn") is None:
        raise DevDbError(
            "Maven is needed to fetch the local Neo4j's jars from Maven Central: "
            f"install it with `{MAVEN_INSTALL_HINT}`."
        )


def pom_version(pom: Path = POM) -> str:
    """Return the ``neo4j.version`` property of the pom (kept equal to ``NEO4J_VERSION``)."""
    match = re.search(r"<neo4j\.version>\s*([^<\s]+)\s*</neo4j\.version>", pom.read_text("utf-8"))
    if match is None:
        raise DevDbError(f"{pom} has no <neo4j.version> property.")
    return match.group(1)


def _expected_stamp() -> dict[str, str]:
    """What the stamp must say for the copied jars to match the current pom and version."""
    return {
        "neo4j_version": NEO4J_VERSION,
        "pom_sha256": hashlib.sha256(POM.read_bytes()).hexdigest(),
    }


def jars_complete() -> bool:
    """True when ``neo4j-launcher/target/lib`` holds every jar the last Maven copy produced."""
    try:
        stamp = json.loads(STAMP.read_text("utf-8"))
    except (OSError, ValueError):
        return False
    if not isinstance(stamp, dict):
        return False
    if any(stamp.get(key) != value for key, value in _expected_stamp().items()):
        return False
    jars = stamp.get("jars")
    if not isinstance(jars, list) or not jars:
        return False
    return all((LIB_DIR / name).is_file() for name in jars)


@contextlib.contextmanager
def _file_lock(path: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``path`` so concurrent processes do not race each other."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _run_maven() -> None:
    """Copy every runtime jar of the pom into ``LIB_DIR`` (quietly, in batch mode)."""
    command = [
        "mvn",
        "-q",
        "-B",
        "-Dstyle.color=never",
        "-f",
        str(POM),
        "dependency:copy-dependencies",
    ]
    try:
        result = subprocess.run(
            command,
            cwd=NEO4J_DIR,
            capture_output=True,
            text=True,
            timeout=MAVEN_TIMEOUT,
            check=False,
        )
    except subprocess.TimeoutExpired as error:
        raise DevDbError(
            f"Maven did not finish fetching the Neo4j jars within {MAVEN_TIMEOUT:.0f} s."
        ) from error
    if result.returncode != 0:
        output = _tail_text(result.stdout + result.stderr)
        raise DevDbError(
            f"Maven could not fetch the Neo4j jars (exit status {result.returncode}); "
            f"its output ends:\n{output}"
        )


def ensure_jars() -> Path:
    """Return the folder of Neo4j's jars, running Maven first only if they are missing.

    A stamp file written after a successful copy records the version, a hash of the pom and the
    jar names; if any of those no longer match, the folder is emptied and copied again, so two
    versions of a jar never end up on one class path.
    """
    if jars_complete():
        return LIB_DIR
    with _file_lock(NEO4J_DIR / "target" / ".devdb-maven.lock"):
        if jars_complete():  # another process fetched them while we waited
            return LIB_DIR
        check_tools(maven=True)
        if LIB_DIR.exists():
            shutil.rmtree(LIB_DIR)
        _run_maven()
        jars = sorted(path.name for path in LIB_DIR.glob("*.jar")) if LIB_DIR.is_dir() else []
        if not any(name.startswith(f"neo4j-{NEO4J_VERSION}") for name in jars):
            raise DevDbError(
                f"Maven finished but {LIB_DIR} holds no neo4j-{NEO4J_VERSION} jar; "
                "check the dependency plugin's configuration in neo4j-launcher/pom.xml."
            )
        stamp = {**_expected_stamp(), "jars": jars}
        _write_json(STAMP, stamp)
    return LIB_DIR


# --------------------------------------------------------------------------------------------
# Ports and processes


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that is free right now (the OS picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def port_accepts(port: int, timeout: float = 1.0) -> bool:
    """True if something accepts TCP connections on 127.0.0.1:``port``."""
    try:
        with socket.create_connection((HOST, port), timeout=timeout):
            return True
    except OSError:
        return False


def _port_is_free(port: int) -> bool:
    """True if 127.0.0.1:``port`` can be bound now (so the launcher will be able to listen)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((HOST, port))
        except OSError:
            return False
    return True


def pid_alive(pid: int) -> bool:
    """True if process ``pid`` exists and has not exited (a zombie counts as exited)."""
    child = _children.get(pid)
    if child is not None:
        return child.poll() is None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return True  # no /proc here: existence is all we can know
    state = stat.rsplit(")", 1)[-1].split()[0]
    return state not in ("Z", "X")


def _is_launcher(pid: int, data_dir: Path) -> bool:
    """True if ``pid`` is a live launcher for ``data_dir`` (guards against a reused pid)."""
    if not pid_alive(pid):
        return False
    try:
        argv = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        # Without /proc we can only trust the recorded pid; with it, the process just exited.
        return not Path("/proc/self").exists()
    args = [arg.decode(errors="replace") for arg in argv]
    if not any(arg.endswith("Launcher.java") for arg in args) or "--data" not in args:
        return False
    given = args[args.index("--data") + 1] if args.index("--data") + 1 < len(args) else ""
    return Path(given).resolve() == data_dir.resolve()


_STACK_FRAME = re.compile(r"^\s+(at |\.\.\. \d+ more)")


def _tail_text(text: str, lines: int = 40) -> str:
    """The last ``lines`` lines of ``text`` without Java stack frames, for error messages."""
    kept = [line for line in text.rstrip().splitlines() if not _STACK_FRAME.match(line)]
    return "\n".join(kept[-lines:])


def _tail_file(path: Path, start: int = 0, lines: int = 40) -> str:
    """The last ``lines`` lines written to ``path`` after byte offset ``start``."""
    try:
        with path.open("rb") as handle:
            handle.seek(start)
            text = handle.read().decode("utf-8", errors="replace")
    except OSError:
        return "(no output)"
    return _tail_text(text, lines) or "(no output)"


def _terminate(process: subprocess.Popen[bytes], timeout: float) -> None:
    """SIGTERM ``process`` (a clean Neo4j shutdown), then SIGKILL it after ``timeout``."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    if process.stdout is not None:
        process.stdout.close()
    _children.pop(process.pid, None)


def _wait_ready(
    process: subprocess.Popen[bytes], port: int, deadline: float, log: Path, log_start: int
) -> str:
    """Read the launcher's stdout until its READY line, then until its port accepts TCP.

    The launcher closes its stdout after READY, so nothing can ever block on a full pipe.
    """
    assert process.stdout is not None
    fd = process.stdout.fileno()
    buffer = b""
    uri: str | None = None
    with selectors.DefaultSelector() as selector:
        selector.register(fd, selectors.EVENT_READ)
        while uri is None:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError
            if selector.select(timeout=min(remaining, 0.5)):
                chunk = os.read(fd, 4096)
                if not chunk:  # stdout closed without READY: the launcher is exiting
                    with contextlib.suppress(subprocess.TimeoutExpired):
                        process.wait(timeout=max(0.0, min(10.0, deadline - time.monotonic())))
                    raise _died(process, log, log_start)
                buffer += chunk
                for line in buffer.split(b"\n")[:-1]:  # complete lines only
                    match = _READY.match(line)
                    if match:
                        uri = match.group(1).decode()
                        break
            elif process.poll() is not None:
                raise _died(process, log, log_start)
    process.stdout.close()
    while not port_accepts(port, timeout=0.5):
        if process.poll() is not None:
            raise _died(process, log, log_start)
        if time.monotonic() > deadline:
            raise TimeoutError
        time.sleep(0.1)
    return uri


_SIZE = re.compile(r"^[1-9][0-9]*[kmg]$", re.IGNORECASE)


@dataclass(frozen=True)
class Memory:
    """The local Neo4j's memory: its page cache (the store's files held in memory, off heap),
    the Java heap's ceiling (queries, transactions, the planner) and how much all transactions
    together may hold (at most the heap). Sizes as Java writes them: ``512m``, ``2g``.

    The defaults are small, for tests and laptops; a large cohort (100,000 young people: about
    1.5 GiB of store) wants the page cache to hold the store and a heap of a few GiB
    (README "Memory"). Read from ``CONNECTIONS_NEO4J_PAGECACHE``, ``CONNECTIONS_NEO4J_HEAP`` and
    ``CONNECTIONS_NEO4J_TRANSACTION_MEMORY`` by :meth:`from_env`."""

    pagecache: str = "256m"
    heap: str = "1g"
    transaction_memory: str = "256m"

    def __post_init__(self) -> None:
        for name in ("pagecache", "heap", "transaction_memory"):
            value = getattr(self, name)
            if not _SIZE.match(value):
                raise DevDbError(
                    f"The local Neo4j's {name.replace('_', ' ')} must be a size such as 512m "
                    f"or 2g, not {value!r}."
                )

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **given: str | None) -> Memory:
        """The sizes ``given`` (those not ``None``), else the environment's, else the
        defaults."""
        environ = os.environ if environ is None else environ
        defaults = cls()
        values = {}
        for name in ("pagecache", "heap", "transaction_memory"):
            chosen = given.get(name) or environ.get(f"CONNECTIONS_NEO4J_{name.upper()}", "")
            values[name] = chosen.strip() or getattr(defaults, name)
        return cls(**values)


def _died(process: subprocess.Popen[bytes], log: Path, log_start: int) -> DevDbError:
    """The error for a launcher that exited before it was ready."""
    return DevDbError(
        f"The local Neo4j exited during start-up (exit status {process.poll()}); "
        f"the end of {log}:\n{_tail_file(log, log_start)}"
    )


def start_server(
    data_dir: Path,
    port: int | None = None,
    *,
    exit_with_parent: bool = True,
    timeout: float = 180,
    memory: Memory | None = None,
) -> Server:
    """Start a local Neo4j with its files under ``data_dir`` and wait until Bolt accepts.

    ``port`` defaults to a free one (picked again, up to three times, if another process takes
    it before Neo4j binds it). With ``exit_with_parent`` (the default, for tests) the server
    exits when this process dies; without it the server is detached into its own session (no
    terminal signals reach it) and outlives this process, as the persistent server must.
    ``memory`` defaults to :meth:`Memory.from_env` (small, unless the environment says more).
    Raises DevDbError, with the end of ``data_dir/launcher.log``, if it dies or times out.
    """
    memory = memory or Memory.from_env()
    lib = ensure_jars()
    check_tools(maven=False)
    data_dir = Path(data_dir).resolve()
    data_dir.mkdir(parents=True, exist_ok=True)
    if port is not None:
        if not _port_is_free(port):
            raise DevDbError(
                f"Port {port} on {HOST} is already in use, so the local Neo4j cannot listen there."
            )
        return _launch(lib, data_dir, port, exit_with_parent, timeout, memory)
    attempts = 3
    for attempt in range(1, attempts + 1):
        try:
            return _launch(lib, data_dir, free_port(), exit_with_parent, timeout, memory)
        except DevDbError as error:
            lost_the_port = "Address already in use" in str(error)
            if not lost_the_port or attempt == attempts:
                raise
    raise AssertionError("unreachable")  # pragma: no cover


def _launch(
    lib: Path,
    data_dir: Path,
    port: int,
    exit_with_parent: bool,
    timeout: float,
    memory: Memory,
) -> Server:
    """Run the launcher once on ``port`` and wait for it (see ``start_server``)."""
    log = data_dir / "launcher.log"
    command = [
        shutil.which("java") or "java",
        f"-Xmx{memory.heap}",
        *JVM_OPTIONS,
        "-cp",
        str(lib / "*"),
        str(LAUNCHER),
        "--data",
        str(data_dir),
        "--port",
        str(port),
        "--pagecache",
        memory.pagecache,
        "--transaction-memory",
        memory.transaction_memory,
    ]
    if exit_with_parent:
        command.append("--exit-with-parent")
    with log.open("ab") as log_file:
        log_start = log_file.tell()
        log_file.write(f"--- {time.strftime('%Y-%m-%d %H:%M:%S')} start on port {port}\n".encode())
        log_file.flush()
        process = subprocess.Popen(
            command,
            cwd=data_dir,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=log_file,
            start_new_session=not exit_with_parent,
        )
    _children[process.pid] = process
    try:
        uri = _wait_ready(process, port, time.monotonic() + timeout, log, log_start)
    except TimeoutError:
        _terminate(process, timeout=10)
        raise DevDbError(
            f"The local Neo4j was not ready within {timeout:.0f} s; "
            f"the end of {log}:\n{_tail_file(log, log_start)}"
        ) from None
    except BaseException:
        _terminate(process, timeout=10)
        raise
    return Server(uri=uri, port=port, data_dir=data_dir, pid=process.pid, process=process)


def stop_server(server: Server, timeout: float = 60) -> None:
    """Stop ``server`` cleanly (SIGTERM runs Neo4j's shutdown), killing it after ``timeout``."""
    process = server.process or _children.get(server.pid)
    if process is not None:
        _terminate(process, timeout)
        return
    try:
        os.kill(server.pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    deadline = time.monotonic() + timeout
    while pid_alive(server.pid):
        if time.monotonic() > deadline:
            with contextlib.suppress(ProcessLookupError):
                os.kill(server.pid, signal.SIGKILL)
            kill_deadline = time.monotonic() + 10
            while pid_alive(server.pid) and time.monotonic() < kill_deadline:
                time.sleep(0.1)
            return
        time.sleep(0.1)


@contextlib.contextmanager
def server_running(
    data_dir: Path,
    port: int | None = None,
    memory: Memory | None = None,
    timeout: float = 180,
) -> Iterator[Server]:
    """A throwaway server for the ``with`` block (tests): started, yielded, always stopped."""
    server = start_server(data_dir, port, exit_with_parent=True, memory=memory, timeout=timeout)
    try:
        yield server
    finally:
        stop_server(server)


# --------------------------------------------------------------------------------------------
# The persistent development server


def default_home() -> Path:
    """The home folder: ``$CONNECTIONS_HOME`` if set, else ``./var`` under the current folder."""
    return Path(os.environ.get("CONNECTIONS_HOME") or Path.cwd() / "var").resolve()


def default_port() -> int:
    """The persistent server's port: ``$CONNECTIONS_NEO4J_PORT`` if set, else 7688."""
    value = os.environ.get("CONNECTIONS_NEO4J_PORT", "").strip()
    if not value:
        return DEFAULT_PERSISTENT_PORT
    if not value.isdigit() or not 0 < int(value) < 65536:
        raise DevDbError(f"CONNECTIONS_NEO4J_PORT must be a port number, not {value!r}.")
    return int(value)


def _persistent_dir(home: Path | None) -> Path:
    return (Path(home) if home is not None else default_home()).resolve() / "neo4j"


def _write_json(path: Path, data: dict[str, object]) -> None:
    """Write ``data`` to ``path`` atomically (a reader never sees half a file)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(json.dumps(data, indent=2) + "\n", "utf-8")
    temporary.replace(path)


def _read_server_json(folder: Path) -> Server | None:
    """The server recorded in ``folder/server.json``, or None if there is no usable record."""
    try:
        data = json.loads((folder / "server.json").read_text("utf-8"))
        pid, port, uri = int(data["pid"]), int(data["port"]), str(data["uri"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return Server(uri=uri, port=port, data_dir=folder, pid=pid, process=_children.get(pid))


def status_persistent(home: Path | None = None) -> Server | None:
    """The persistent server if its recorded process is alive AND its Bolt port accepts."""
    server = _read_server_json(_persistent_dir(home))
    if server is None or not _is_launcher(server.pid, server.data_dir):
        return None
    if not port_accepts(server.port):
        return None
    return server


def start_persistent(
    home: Path | None = None, port: int | None = None, memory: Memory | None = None
) -> Server:
    """Start the development server under ``home`` (or return it if it is already running).

    The store is ``HOME/neo4j/data`` and survives stops and starts; ``HOME/neo4j/server.json``
    records its pid, port and URI. The server is detached: it keeps running after this process
    exits, until ``stop_persistent`` (or the ``connections`` command) stops it.
    """
    folder = _persistent_dir(home)
    with _file_lock(folder / ".devdb.lock"):
        recorded = _read_server_json(folder)
        if recorded is not None and _is_launcher(recorded.pid, folder):
            if port_accepts(recorded.port):
                return recorded
            raise DevDbError(
                f"The local Neo4j (pid {recorded.pid}) is running but not accepting on port "
                f"{recorded.port}; stop it with `stop_persistent` and start it again."
            )
        port = default_port() if port is None else port
        if not _port_is_free(port):
            raise DevDbError(
                f"Port {port} on {HOST} is already in use: stop whatever listens there or set "
                "CONNECTIONS_NEO4J_PORT to a free port."
            )
        server = start_server(folder, port, exit_with_parent=False, memory=memory)
        _write_json(
            folder / "server.json",
            {
                "pid": server.pid,
                "port": server.port,
                "uri": server.uri,
                "neo4j_version": NEO4J_VERSION,
                "started": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            },
        )
        return server


def stop_persistent(home: Path | None = None, timeout: float = 60) -> bool:
    """Stop the development server under ``home``; True if one was running and is now stopped.

    The store is kept: the next ``start_persistent`` finds every node as it was.
    """
    folder = _persistent_dir(home)
    with _file_lock(folder / ".devdb.lock"):
        recorded = _read_server_json(folder)
        if recorded is None:
            return False
        running = _is_launcher(recorded.pid, folder)
        if running:
            stop_server(recorded, timeout)
            if pid_alive(recorded.pid):
                raise DevDbError(f"The local Neo4j (pid {recorded.pid}) did not stop.")
        (folder / "server.json").unlink(missing_ok=True)
        return running
