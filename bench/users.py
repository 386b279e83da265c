"""50 simulated users for 60 s against gunicorn and a Neo4j of the bench's own, with Locust.

    python bench/users.py [--users 50] [--run-time 60] [--workers 2] [--young-people 300]
                          [--spawn-rate 5] [--seed 2026]

Starts a fresh Neo4j on a free port (removed afterwards; never the development data), loads
``--young-people`` demo young people (``connections.demo``, as ``make demo`` does), creates one
account per simulated user (64% coordinators with 10 young people each, a neighbour sharing two
of them; 20% facilitators with 4; 16% managers, who see everyone), starts the web app as
``make demo`` runs it (gunicorn with gunicorn.conf.py, ``--workers`` sync workers, bound to
127.0.0.1 only) and runs Locust headless for ``--run-time`` seconds with ``bench/users_locust.py``
(each user signs in, then waits 1 to 5 s between steps; see that file for what each role does).
Everything stops by itself at the end.

Prints requests, p50 / p95 / p99 per step and overall (Locust's figures: above 100 ms they are
rounded to 10 ms), requests per second, errors (5xx, failed connections, an answer a step did not
expect) and the expected 409/412 answers counted apart, then what limited the run: the CPU each
part used (gunicorn's workers, Neo4j, Locust itself and the whole machine, sampled every second
with psutil) and the load average. Locust runs on the same cores as the app and Neo4j, so it
takes part of what it measures. Goal: p95 <= 250 ms and 0 errors.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Callable
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

import psutil
from common import figure, fresh_database

from connections import accounts, demo, devdb
from connections.accounts import User, UserRole
from connections.store import Store

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
HOST = "127.0.0.1"
TARGET_P95_MS = 250.0
PASSWORD = "bench-users-password"

#: The share of each role among the simulated users.
MIX = {"coordinator": 0.64, "facilitator": 0.20, "manager": 0.16}
#: Young people allocated to each coordinator and facilitator.
CASELOAD = {"coordinator": 10, "facilitator": 4}
#: Each coordinator's caseload starts this far after the previous one's: neighbours share two.
COORDINATOR_STRIDE = 8


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--run-time", type=int, default=60, help="seconds")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers")
    parser.add_argument("--young-people", type=int, default=300)
    parser.add_argument("--spawn-rate", type=float, default=5, help="users started per second")
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()

    as_of = date.today()
    with tempfile.TemporaryDirectory(prefix="bench-users-") as folder:
        work = Path(folder)
        with fresh_database() as (settings, store):
            print(f"Loading {args.young_people} demo young people...", flush=True)
            setup = load_data(store, args.young_people, args.users, args.seed, as_of)
            (work / "setup.json").write_text(json.dumps(setup))
            server = _neo4j_pid(settings.uri)
            with gunicorn(settings.uri, args.workers, as_of, work) as (app, port):
                print(
                    f"Running {args.users} users for {args.run_time} s against "
                    f"http://{HOST}:{port} ({args.workers} gunicorn workers)...",
                    flush=True,
                )
                sampler = CpuSampler(
                    {
                        "gunicorn workers": lambda: app.children(),
                        "gunicorn master": lambda: [app],
                        "neo4j": lambda: _tree(server),
                        "locust": lambda: _tree(sampler.locust),
                    }
                )
                results = run_locust(args, port, work, sampler)
            errors_logged = _server_errors(work / "access.log")
    report(args, results, sampler, errors_logged)


# --- the data and the accounts -------------------------------------------------------------------


def load_data(store: Store, young_people: int, users: int, seed: int, as_of: date) -> dict:
    """Demo networks, one account per simulated user; what the simulated users need to know."""
    networks = list(demo.generate(young_people, seed, as_of))
    store.bulk_save(iter(networks), 200)  # it reads batches from an iterator
    ids = [network.young_person.id for network in networks]
    # One Argon2 hash for every account: signing in still verifies it in full.
    password_hash = accounts.hash_password(PASSWORD)
    counts = role_counts(users)
    logins: dict[str, list[dict[str, Any]]] = {}
    for role, count in counts.items():
        logins[role] = []
        for index in range(count):
            username = f"bench-{role}-{index + 1:02d}"
            user = User(
                username=username,
                display_name=f"Bench {role.title()} {index + 1}",
                role=UserRole(role),
            )
            store.save_user(user, password_hash)
            allocated = caseload(role, index, ids)
            if allocated:
                store.allocate(username, allocated)
            logins[role].append(
                {"username": username, "password": PASSWORD, "allocated": allocated}
            )
    return {
        "accounts": logins,
        "young_people": ids,
        "people": {
            network.young_person.id: [r.person_id for r in network.relationships]
            for network in networks
        },
    }


def role_counts(users: int) -> dict[str, int]:
    """How many users of each role: ``MIX`` rounded, coordinators taking the remainder."""
    counts = {role: round(users * share) for role, share in MIX.items() if role != "coordinator"}
    return {"coordinator": users - sum(counts.values()), **counts}


def caseload(role: str, index: int, ids: list[str]) -> list[str]:
    size = CASELOAD.get(role, 0)
    if not size:
        return []
    start = index * (COORDINATOR_STRIDE if role == "coordinator" else size)
    return [ids[(start + offset) % len(ids)] for offset in range(size)]


# --- the web app ---------------------------------------------------------------------------------


@contextmanager
def gunicorn(neo4j_uri: str, workers: int, as_of: date, work: Path):
    """The web app as ``make demo`` runs it (gunicorn reads ./gunicorn.conf.py), on 127.0.0.1 and
    a free port, its access log in ``work``; stopped afterwards."""
    port = devdb.free_port()
    env = {
        **os.environ,
        "SECRET_KEY": secrets.token_hex(32),
        "SESSION_COOKIE_SECURE": "false",
        "NEO4J_URI": neo4j_uri,
        "CONNECTIONS_AS_OF": as_of.isoformat(),
    }
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "--workers",
        str(workers),
        "--bind",
        f"{HOST}:{port}",
        "--access-logfile",
        str(work / "access.log"),
        "webapp:create_app()",
    ]
    with open(work / "gunicorn.log", "wb") as log:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=log)
    try:
        _wait_ready(port, process, work / "gunicorn.log")
        yield psutil.Process(process.pid), port
    finally:
        process.terminate()
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_ready(port: int, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit("gunicorn stopped:\n" + log.read_text(errors="replace")[-3000:])
        try:
            with urllib.request.urlopen(f"http://{HOST}:{port}/healthz", timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.5)
    raise SystemExit("gunicorn did not answer /healthz within 120 s")


def _server_errors(access_log: Path) -> int:
    """5xx answers in gunicorn's access log (a check on Locust's count, from the other side)."""
    if not access_log.exists():
        return 0
    count = 0
    for line in access_log.read_text(errors="replace").splitlines():
        # Common log format: ... "GET /path HTTP/1.1" 200 1234 ...
        parts = line.split('" ')
        if len(parts) > 1 and parts[1][:1] == "5":
            count += 1
    return count


# --- Locust ------------------------------------------------------------------------------------


def run_locust(args: argparse.Namespace, port: int, work: Path, sampler: CpuSampler) -> dict:
    """Locust headless in a process of its own (it patches the standard library with gevent),
    stopped by ``--run-time``; its figures, read from the file it writes when it stops."""
    command = [
        sys.executable,
        "-m",
        "locust",
        "-f",
        str(HERE / "users_locust.py"),
        "--headless",
        "--users",
        str(args.users),
        "--spawn-rate",
        str(args.spawn_rate),
        "--run-time",
        f"{args.run_time}s",
        "--stop-timeout",
        "10",
        "--host",
        f"http://{HOST}:{port}",
        "--only-summary",
        "--loglevel",
        "WARNING",
    ]
    env = {
        **os.environ,
        "BENCH_USERS": str(work / "setup.json"),
        "BENCH_RESULTS": str(work / "results.json"),
    }
    with open(work / "locust.log", "wb") as log:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=log)
    sampler.locust = psutil.Process(process.pid)
    sampler.start()
    try:
        process.wait(args.run_time + 120)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    finally:
        sampler.stop()
    results = work / "results.json"
    if not results.exists():
        raise SystemExit("Locust wrote no results:\n" + _tail(work / "locust.log"))
    return json.loads(results.read_text())


def _tail(path: Path) -> str:
    return path.read_text(errors="replace")[-3000:] if path.exists() else ""


# --- CPU -----------------------------------------------------------------------------------------


class CpuSampler(threading.Thread):
    """Every second, the CPU time each group of processes has used (user + system), the whole
    machine's CPU use and the load average."""

    def __init__(self, groups: dict[str, Callable[[], list[psutil.Process]]]) -> None:
        super().__init__(daemon=True)
        self.groups = groups
        self.locust: psutil.Process | None = None
        self.samples: list[tuple[float, dict[str, float], float]] = []
        self.load: list[tuple[float, float, float]] = [os.getloadavg()]
        self._stop_event = threading.Event()

    def run(self) -> None:
        psutil.cpu_percent()  # the first call only starts the count
        while not self._stop_event.wait(1.0):
            seconds = {
                name: _cpu_seconds(list_processes()) for name, list_processes in self.groups.items()
            }
            self.samples.append((time.monotonic(), seconds, psutil.cpu_percent()))
            self.load.append(os.getloadavg())

    def stop(self) -> None:
        self._stop_event.set()
        self.join()

    def cores(self) -> dict[str, tuple[float, float]]:
        """Per group: the mean and the highest per-second use, in cores."""
        per_second: dict[str, list[float]] = {name: [] for name in self.groups}
        for (t0, before, _), (t1, after, _) in zip(self.samples, self.samples[1:], strict=False):
            for name in self.groups:
                per_second[name].append(max(0.0, after[name] - before[name]) / (t1 - t0))
        return {
            name: (sum(values) / len(values), max(values))
            for name, values in per_second.items()
            if values
        }

    def machine(self) -> tuple[float, float]:
        """The whole machine's CPU use (every process, other people's too), mean and highest, in
        cores."""
        cpus = psutil.cpu_count() or 1
        values = [percent / 100 * cpus for _, _, percent in self.samples[1:]]
        return (sum(values) / len(values), max(values)) if values else (0.0, 0.0)


def _cpu_seconds(processes: list[psutil.Process]) -> float:
    total = 0.0
    for process in processes:
        try:
            times = process.cpu_times()
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            continue
        total += times.user + times.system
    return total


def _tree(process: psutil.Process | None) -> list[psutil.Process]:
    if process is None:
        return []
    try:
        return [process, *process.children(recursive=True)]
    except psutil.NoSuchProcess:
        return []


def _neo4j_pid(uri: str) -> psutil.Process | None:
    """The process listening on the Neo4j URI's port."""
    port = int(uri.rsplit(":", 1)[1])
    for connection in psutil.net_connections("tcp"):
        if connection.status == psutil.CONN_LISTEN and connection.laddr.port == port:
            return psutil.Process(connection.pid) if connection.pid else None
    return None


# --- the report ----------------------------------------------------------------------------------


def report(args: argparse.Namespace, results: dict, sampler: CpuSampler, logged_5xx: int) -> None:
    users = ", ".join(f"{count} {role}s" for role, count in role_counts(args.users).items())
    print(
        f"\n{args.users} users ({users}) for {args.run_time} s, waiting 1-5 s between steps; "
        f"gunicorn with {args.workers} sync workers; {args.young_people} demo young people"
    )
    print(f"\n  {'step':<22} {'requests':>8} {'p50':>7} {'p95':>7} {'p99':>7} {'max':>7}  (ms)")
    for name, row in sorted(results["steps"].items()):
        _row(name, row)
    _row("all", results["total"])
    total = results["total"]
    print()
    figure("requests per second", f"{total['rps']:.1f}")
    errors = results["errors"]
    error_count = sum(count for _step, _kind, count in errors)
    figure("errors (5xx, connections, unexpected)", str(error_count))
    for step, kind, count in errors:
        figure(f"  {step}", f"{count} x {kind}")
    figure("5xx in gunicorn's access log", str(logged_5xx))
    conflicts = results["conflicts"]
    figure(
        "expected 409/412 (counted apart)",
        str(sum(conflicts.values()))
        + (
            " (" + ", ".join(f"{step} {n}" for step, n in conflicts.items()) + ")"
            if conflicts
            else ""
        ),
    )
    figure("simulated users signed in", json.dumps(results["users"]))

    print("\nCPU in cores (mean / highest second); the machine has", psutil.cpu_count(), "cores")
    for name, (mean, highest) in sampler.cores().items():
        figure(name, f"{mean:.2f} / {highest:.2f}")
    mean, highest = sampler.machine()
    figure("whole machine (everyone's processes)", f"{mean:.2f} / {highest:.2f}")
    loads = [load[0] for load in sampler.load]
    figure(
        "load average (1 min): start, end, highest",
        f"{loads[0]:.2f}, {loads[-1]:.2f}, {max(loads):.2f}",
    )
    print("  (Locust shares the cores with gunicorn and Neo4j: it takes part of what it measures.)")

    p95 = total["p95"]
    verdict = "meets" if p95 <= TARGET_P95_MS and error_count == 0 else "MISSES"
    print(
        f"\nOverall p95 {p95:.0f} ms with {error_count} errors: {verdict} the goal "
        f"(p95 <= {TARGET_P95_MS:.0f} ms, 0 errors)"
    )


def _row(name: str, row: dict) -> None:
    print(
        f"  {name:<22} {row['requests']:>8} {row['p50']:>7.0f} {row['p95']:>7.0f} "
        f"{row['p99']:>7.0f} {row['max']:>7.0f}"
    )


if __name__ == "__main__":
    main()
