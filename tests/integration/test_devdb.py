"""The local Neo4j's lifecycle, against real servers: start, query, stop, persist, self-exit.

Each server start costs several seconds, so the tests share as few starts as they can: one
throwaway server, one persistent server started twice, and one started by a parent process that
is then killed.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import psutil
import pytest
from neo4j import GraphDatabase

from connections import devdb


def _gone(pid: int) -> bool:
    """True once ``pid`` no longer runs (a zombie waiting to be reaped counts as gone)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return True
    return stat.rsplit(")", 1)[-1].split()[0] in ("Z", "X")


def _wait_gone(pid: int, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if _gone(pid):
            return True
        time.sleep(0.2)
    return _gone(pid)


def _count_people(uri: str) -> int:
    with GraphDatabase.driver(uri, auth=None) as driver:
        records, _, _ = driver.execute_query(
            "MATCH (p:DevDbProbe {name: $name}) RETURN count(p) AS n", name="kept"
        )
    return int(records[0]["n"])


def test_pom_version_matches_the_module() -> None:
    assert devdb.pom_version() == devdb.NEO4J_VERSION


def test_check_tools_names_java_when_it_is_missing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    with pytest.raises(devdb.DevDbError) as caught:
        devdb.check_tools()
    message = str(caught.value)
    assert message.startswith("Java 17 or newer is needed")
    assert "apt-get install openjdk-17-jre-headless" in message


def test_check_tools_refuses_an_old_java(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    old_bin = tmp_path / "old-bin"
    old_bin.mkdir()
    fake_java = old_bin / "java"
    fake_java.write_text("#!/bin/sh\necho 'openjdk version \"11.0.22\" 2024-01-16' >&2\n")
    fake_java.chmod(0o755)
    monkeypatch.setenv("PATH", str(old_bin))
    assert devdb.java_major_version(str(fake_java)) == 11
    with pytest.raises(devdb.DevDbError, match=r"^Java 17 or newer is needed .* is Java 11"):
        devdb.check_tools()


def test_check_tools_refuses_a_java_without_its_compiler(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    slim_bin = tmp_path / "slim-bin"
    slim_bin.mkdir()
    fake_java = slim_bin / "java"
    fake_java.write_text(
        "#!/bin/sh\n"
        'if [ "$1" = --list-modules ]; then echo java.base@17.0.15; exit 0; fi\n'
        "echo 'openjdk version \"17.0.15\" 2025-04-15' >&2\n"
    )
    fake_java.chmod(0o755)
    monkeypatch.setenv("PATH", str(slim_bin))
    with pytest.raises(devdb.DevDbError, match=r"lacks the jdk.compiler module.*jdk-headless"):
        devdb.check_tools()


def test_check_tools_names_maven_when_only_it_is_missing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    only_java = tmp_path / "only-java"
    only_java.mkdir()
    java = subprocess.run(
        ["sh", "-c", "command -v java"], capture_output=True, text=True, check=True
    ).stdout.strip()
    (only_java / "java").symlink_to(os.path.realpath(java))
    monkeypatch.setenv("PATH", str(only_java))
    devdb.check_tools(maven=False)  # Java alone is enough once the jars are there
    with pytest.raises(devdb.DevDbError, match=r"^Maven is needed .*apt-get install maven"):
        devdb.check_tools()


def test_ensure_jars_does_not_run_maven_when_the_jars_are_complete(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    lib = devdb.ensure_jars()  # fetches them on a fresh checkout
    assert devdb.jars_complete()
    assert (lib / f"neo4j-{devdb.NEO4J_VERSION}.jar").is_file()
    assert (lib / f"neo4j-bolt-{devdb.NEO4J_VERSION}.jar").is_file()

    def no_maven() -> None:
        raise AssertionError("Maven ran although the jars were complete")

    monkeypatch.setattr(devdb, "_run_maven", no_maven)
    assert devdb.ensure_jars() == lib


def test_a_port_in_use_is_refused_before_java_starts(tmp_path: Path) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        with pytest.raises(devdb.DevDbError, match=f"^Port {port} on 127.0.0.1 is already in use"):
            devdb.start_server(tmp_path / "db", port)


def test_a_launcher_that_dies_is_reported_with_its_log(tmp_path: Path) -> None:
    data_dir = tmp_path / "db"
    data_dir.mkdir()
    (data_dir / "data").write_text("a file where Neo4j wants its data folder\n")
    with pytest.raises(devdb.DevDbError) as caught:
        devdb.start_server(data_dir, timeout=120)
    message = str(caught.value)
    assert message.startswith("The local Neo4j exited during start-up")
    assert "launcher.log" in message
    assert "Launcher: the Neo4j server failed to start" in message


def test_a_throwaway_server_answers_bolt_and_stops_cleanly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The first "free" port is taken by someone else before Neo4j binds it: start_server must
    # notice and try another one instead of failing the test run.
    real_free_port = devdb.free_port
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as thief:
        thief.bind(("127.0.0.1", 0))
        thief.listen()
        stolen = thief.getsockname()[1]
        ports = iter([stolen])
        monkeypatch.setattr(devdb, "free_port", lambda: next(ports, None) or real_free_port())
        monkeypatch.setattr(devdb, "_port_is_free", lambda port: True)
        # Sizes from the environment (a bench's or a region's larger Neo4j).
        monkeypatch.setenv("CONNECTIONS_NEO4J_PAGECACHE", "300m")
        monkeypatch.setenv("CONNECTIONS_NEO4J_HEAP", "640m")
        started = time.monotonic()
        server = devdb.start_server(tmp_path / "db")
    monkeypatch.undo()
    try:
        print(f"start_server -> ready in {time.monotonic() - started:.1f} s (one retry)")
        port = server.port
        assert port != stolen
        assert server.uri == f"bolt://127.0.0.1:{port}"
        assert server.process is not None and server.process.pid == server.pid
        with GraphDatabase.driver(server.uri, auth=None) as driver:
            records, _, _ = driver.execute_query("RETURN 1 AS one")
            assert records[0]["one"] == 1
            records, _, _ = driver.execute_query(
                "CALL dbms.components() YIELD versions, edition RETURN versions, edition"
            )
            assert records[0]["versions"] == [devdb.NEO4J_VERSION]
            assert records[0]["edition"] == "community"
            records, _, _ = driver.execute_query(
                "SHOW SETTINGS YIELD name, value "
                "WHERE name = 'server.memory.pagecache.size' RETURN value"
            )
            # However Neo4j writes 300 MiB back.
            assert records[0]["value"] in {"300m", "300M", "300.00MiB", "314572800"}, records
        assert "-Xmx640m" in psutil.Process(server.pid).cmdline()
        # Its files stay under its own folder.
        assert (tmp_path / "db" / "data" / "databases" / "neo4j").is_dir()
        assert (tmp_path / "db" / "logs" / "debug.log").is_file()
    finally:
        devdb.stop_server(server)
    assert server.process.returncode is not None
    assert _gone(server.pid)
    assert not devdb.port_accepts(port)
    log = (tmp_path / "db" / "launcher.log").read_text()
    assert "Address already in use" in log  # the first attempt, on the stolen port
    assert "shutting down the Neo4j server" in log


def test_the_persistent_server_keeps_its_data_across_stop_and_start(tmp_path: Path) -> None:
    home = tmp_path / "home"
    port = devdb.free_port()
    assert devdb.status_persistent(home) is None
    assert devdb.stop_persistent(home) is False

    first = devdb.start_persistent(home, port=port)
    try:
        assert first.port == port
        assert (home / "neo4j" / "server.json").is_file()
        assert (home / "neo4j" / "data").is_dir()
        status = devdb.status_persistent(home)
        assert status is not None and status.pid == first.pid and status.uri == first.uri
        # Asking again while it runs returns the running server instead of a second one.
        assert devdb.start_persistent(home, port=port).pid == first.pid
        with GraphDatabase.driver(first.uri, auth=None) as driver:
            driver.execute_query("CREATE (:DevDbProbe {name: $name})", name="kept")
    finally:
        assert devdb.stop_persistent(home) is True
    assert _gone(first.pid)
    assert devdb.status_persistent(home) is None
    assert not (home / "neo4j" / "server.json").exists()

    second = devdb.start_persistent(home, port=port)
    try:
        assert second.pid != first.pid
        assert _count_people(second.uri) == 1
    finally:
        assert devdb.stop_persistent(home) is True
    assert _gone(second.pid)


def test_the_launcher_exits_when_its_parent_is_killed(tmp_path: Path) -> None:
    parent_code = textwrap.dedent(
        """
        import sys, time
        from pathlib import Path
        from connections import devdb

        server = devdb.start_server(Path(sys.argv[1]), exit_with_parent=True)
        print(server.pid, server.uri, flush=True)
        time.sleep(600)
        """
    )
    parent = subprocess.Popen(
        [sys.executable, "-c", parent_code, str(tmp_path / "db")],
        cwd=devdb.REPO_ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    java_pid = 0
    try:
        assert parent.stdout is not None
        line = parent.stdout.readline()
        assert line, f"the parent process exited with status {parent.wait()} before READY"
        java_pid_text, uri = line.split()
        java_pid = int(java_pid_text)
        with GraphDatabase.driver(uri, auth=None) as driver:
            records, _, _ = driver.execute_query("RETURN 1 AS one")
            assert records[0]["one"] == 1
        assert not _gone(java_pid)

        parent.send_signal(signal.SIGKILL)
        parent.wait(timeout=10)
        assert _wait_gone(java_pid, timeout=15), "the launcher outlived its killed parent"
        assert "parent process" in (tmp_path / "db" / "launcher.log").read_text()
    finally:
        if parent.poll() is None:
            parent.kill()
            parent.wait()
        if parent.stdout is not None:
            parent.stdout.close()
        if java_pid and not _gone(java_pid):
            os.kill(java_pid, signal.SIGKILL)
