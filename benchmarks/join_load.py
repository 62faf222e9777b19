"""A room full of phones: thirty participants join ``grow serve --join`` and send at once.

    .venv/bin/python benchmarks/join_load.py [--participants 30] [--each 3] [--poll 0.25]
                                             [--typing] [--keys 30]

What it does, against real processes on one database file:

1. ``grow serve --join SESSION`` on a free port (the participant page as phones see it).
2. Thirty HTTP clients (own cookies each) open the page and give a name, then all send at the
   same moment, ``--each`` contributions one after another (the plain form: POST, redirect).
   Meanwhile each polls the page's ``/stand`` every 1.5 s, as ``join.js`` does on a phone.
3. A facilitator-side reader in this process polls ``joining.changes_since`` every ``--poll``
   seconds (the cheap read the session screen's watcher will call) and, when it moves, reads
   the panel state. For every contribution: the time from its POST until that reader saw it.
4. With ``--typing``: ``grow open SESSION`` in a pseudo-terminal (the facilitator's screen,
   as it is today). Key echo: a key written to the terminal until it appears in what the app
   draws; idle first, then while the thirty send for the whole run (at the per-device rate the
   server allows), interleaved rounds. The ratio of the medians is the slowdown.

Prints one JSON object; asserts nothing (speed is measured, never tested).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
for folder in (HERE, HERE.parent):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from common import GROW, environment, finally_on_sigterm, median, ms, p95  # noqa: E402
from startup_probe import prepare_session  # noqa: E402

CSRF = re.compile(r'name="csrf" value="([0-9a-f]+)"')
QUESTION = re.compile(r'name="vraag" value="([^"]+)"')


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(env: dict[str, str], session_id: str) -> tuple[subprocess.Popen, str]:
    port = free_port()
    proc = subprocess.Popen(
        [*GROW, "serve", "--port", str(port), "--join", session_id],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    assert proc.stdout is not None
    lines: list[str] = []
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        lines.append(line.strip())
        if "/j/" in line:
            threading.Thread(target=proc.stdout.read, daemon=True).start()  # keep draining
            return proc, line.strip()
    proc.kill()
    raise RuntimeError("grow serve --join did not start: " + "\n".join(lines))


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, 15)
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, 9)
            proc.wait()


# -- the facilitator's side -------------------------------------------------------------------------
class Reader(threading.Thread):
    """Polls ``changes_since`` like the session screen's watcher; notes when each text shows."""

    def __init__(self, db_path: Path, session_id: str, question_id: str, poll: float) -> None:
        super().__init__(daemon=True)
        from grow_app.services import joining

        self.db = joining.connect(db_path)
        self.session_id = session_id
        self.question_id = question_id
        self.poll = poll
        self.seen: dict[str, float] = {}
        self.checks = 0
        self.check_seconds: list[float] = []
        self.halt = threading.Event()

    def run(self) -> None:
        from grow_app.services import contributions, joining

        mark = joining.change_mark(self.db, self.session_id)
        while not self.halt.is_set():
            started = time.perf_counter()
            moved = joining.changes_since(self.db, self.session_id, mark)
            self.check_seconds.append(time.perf_counter() - started)
            self.checks += 1
            if moved is not None:
                mark = moved
                state = contributions.panel_state(self.db, self.session_id, self.question_id)
                now = time.perf_counter()
                for item in state.contributions:
                    self.seen.setdefault(item.text, now)
            self.halt.wait(self.poll)
        self.db.conn.close()


# -- the participants -------------------------------------------------------------------------------
class Phone:
    def __init__(self, http, url: str, name: str) -> None:
        self.http = http
        self.url = url
        self.name = name
        self.token = ""
        self.question = ""

    async def join(self) -> None:
        async with self.http.get(self.url) as reply:
            page = await reply.text()
        data = {"csrf": CSRF.search(page).group(1), "naam": self.name, "als": "naam"}
        async with self.http.post(f"{self.url}/naam", data=data) as reply:
            page = await reply.text()
        self.token = CSRF.search(page).group(1)
        self.question = QUESTION.search(page).group(1)

    async def send(self, text: str) -> tuple[float, float, int]:
        """(moment of sending, seconds until the answer page arrived, status)."""
        data = {"csrf": self.token, "vraag": self.question, "tekst": text}
        sent = time.perf_counter()
        async with self.http.post(f"{self.url}/inbreng", data=data) as reply:
            await reply.read()
            return sent, time.perf_counter() - sent, reply.status

    async def poll_state(self, stop: asyncio.Event) -> int:
        polls = 0
        while not stop.is_set():
            async with self.http.get(f"{self.url}/stand") as reply:
                await reply.read()
            polls += 1
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), 1.5)
        return polls


def sessions(url: str, count: int, first: int = 2) -> list:
    """One HTTP client per phone: its own cookies, and its own address (127.0.0.2, .3, ...),
    as phones in a room each have theirs; the server's per-address limits see thirty phones."""
    import aiohttp

    origin = url.split("/j/")[0]
    return [
        aiohttp.ClientSession(
            headers={"Origin": origin},
            cookie_jar=aiohttp.CookieJar(unsafe=True),
            connector=aiohttp.TCPConnector(local_addr=(f"127.0.0.{first + i}", 0)),
        )
        for i in range(count)
    ]


async def room(url: str, participants: int, each: int, reader: Reader) -> dict:

    https = sessions(url, participants)
    phones = [Phone(http, url, f"Deelnemer {i + 1}") for i, http in enumerate(https)]
    try:
        await asyncio.gather(*(phone.join() for phone in phones))
        stop_polling = asyncio.Event()
        pollers = [asyncio.create_task(phone.poll_state(stop_polling)) for phone in phones]
        await asyncio.sleep(0.5)

        async def burst(phone: Phone, index: int) -> list[tuple[str, float, float, int]]:
            results = []
            for round_ in range(each):
                text = f"Bijdrage {round_ + 1} van deelnemer {index + 1}"
                sent, took, status = await phone.send(text)
                results.append((text, sent, took, status))
            return results

        started = time.perf_counter()
        sent = [
            r
            for rs in await asyncio.gather(*(burst(p, i) for i, p in enumerate(phones)))
            for r in rs
        ]
        burst_seconds = time.perf_counter() - started
        deadline = time.perf_counter() + 10
        while len(reader.seen) < len(sent) and time.perf_counter() < deadline:
            await asyncio.sleep(0.05)
        stop_polling.set()
        polls = sum(await asyncio.gather(*pollers))
    finally:
        for http in https:
            await http.close()
    visible = [reader.seen[text] - at for text, at, _took, _status in sent if text in reader.seen]
    return {
        "participants": participants,
        "contributions_sent": len(sent),
        "answered_ok": sum(1 for *_rest, status in sent if status == 200),
        "burst_s": round(burst_seconds, 2),
        "post_ms": {
            "median": ms(median([s[2] for s in sent])),
            "p95": ms(p95([s[2] for s in sent])),
        },
        "visible_to_facilitator_ms": {
            "median": ms(median(visible)) if visible else None,
            "p95": ms(p95(visible)) if visible else None,
            "max": ms(max(visible)) if visible else None,
            "seen": len(visible),
        },
        "state_polls_during_burst": polls,
    }


def stored_count(db_path: Path, session_id: str) -> int:
    from grow_app.services import joining
    from grow_app.store.contributions import list_contributions

    db = joining.connect(db_path)
    try:
        return len(list_contributions(db, session_id))
    finally:
        db.conn.close()


# -- the facilitator typing -------------------------------------------------------------------------
def key_echo(env: dict[str, str], session_id: str, schedule: list[str], switch) -> dict:
    """Key echo of ``grow open`` in a pty: for each entry of ``schedule`` ("idle" or "load")
    one key, from writing it to the terminal until it shows in what the app draws.
    ``switch(kind)`` is called whenever the kind changes (the load goes on or off)."""
    import fcntl
    import pty
    import select
    import struct
    import termios

    from startup_probe import ANSI

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    proc = subprocess.Popen(
        [*GROW, "open", session_id],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=env,
        start_new_session=True,
    )
    os.close(slave)

    def read_until(wanted: bytes, timeout: float) -> float | None:
        seen = b""
        start = time.perf_counter()
        while time.perf_counter() - start < timeout:
            ready, _, _ = select.select([master], [], [], 0.02)
            if ready:
                seen += os.read(master, 65536)
                if wanted in ANSI.sub(b"", seen):
                    return time.perf_counter() - start
        return None

    results: dict[str, list[float]] = {"idle": [], "load": []}
    current = None
    try:
        if read_until(b"Volgende", 30) is None:
            raise RuntimeError("grow open did not draw its session screen")
        letters = iter(chr(c) for c in range(0x0100, 0x0250))  # Latin Extended: not in the UI
        for kind in schedule:
            if kind != current:
                switch(kind)
                current = kind
                time.sleep(2.0)  # let the load come up (or die down) before timing keys
                read_until(b"\x00", 0.1)  # drain what was drawn meanwhile
            char = next(letters)
            os.write(master, char.encode())
            took = read_until(char.encode(), 5)
            if took is not None:
                results[kind].append(took)
            time.sleep(0.15)
    finally:
        os.killpg(proc.pid, 9)
        proc.wait()
        os.close(master)
    return results


async def steady_load(
    url: str, participants: int, active: threading.Event, stop: threading.Event
) -> int:
    """Participants sending at the rate the server allows each device, and polling the page
    state as join.js does, while ``active`` is set."""
    https = sessions(url, participants, first=100)
    phones = [Phone(http, url, f"Typist {i + 1}") for i, http in enumerate(https)]
    sent = 0
    try:
        await asyncio.gather(*(phone.join() for phone in phones))

        async def talk(phone: Phone, index: int) -> None:
            nonlocal sent
            await asyncio.sleep(index * 7.5 / participants)
            while not stop.is_set():
                if active.is_set():
                    await phone.send(f"Doorlopend {sent} van {phone.name}")
                    sent += 1
                await asyncio.sleep(7.5)  # 8 a minute: the per-device limit

        async def poll(phone: Phone, index: int) -> None:
            await asyncio.sleep(index * 1.5 / participants)
            while not stop.is_set():
                if active.is_set():
                    async with phone.http.get(f"{phone.url}/stand") as reply:
                        await reply.read()
                await asyncio.sleep(1.5)

        tasks = [asyncio.create_task(talk(p, i)) for i, p in enumerate(phones)]
        tasks += [asyncio.create_task(poll(p, i)) for i, p in enumerate(phones)]
        while not stop.is_set():
            await asyncio.sleep(0.1)
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
    finally:
        for http in https:
            await http.close()
    return sent


def typing_figures(env, url, session_id, participants: int, keys: int, blocks: int = 3) -> dict:
    """Idle and loaded blocks of keys, interleaved, in one facilitator app."""
    active, stop_load = threading.Event(), threading.Event()
    counter: dict[str, int] = {}
    loader = threading.Thread(
        target=lambda: counter.update(
            sent=asyncio.run(steady_load(url, participants, active, stop_load))
        ),
        daemon=True,
    )
    loader.start()
    per_block = max(1, keys // blocks)
    schedule = (["idle"] * per_block + ["load"] * per_block) * blocks

    def switch(kind: str) -> None:
        (active.set if kind == "load" else active.clear)()

    try:
        echo = key_echo(env, session_id, schedule, switch)
    finally:
        stop_load.set()
        loader.join(30)
    idle, loaded = echo["idle"], echo["load"]
    return {
        "key_echo_idle_ms": {"median": ms(median(idle)), "p95": ms(p95(idle)), "n": len(idle)},
        "key_echo_load_ms": {
            "median": ms(median(loaded)),
            "p95": ms(p95(loaded)),
            "n": len(loaded),
        },
        "ratio": round(median(loaded) / median(idle), 2),
        "target_ratio": 1.2,
        "blocks": blocks,
        "sent_during_typing": counter.get("sent", 0),
    }


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=30)
    parser.add_argument("--each", type=int, default=3)
    parser.add_argument("--poll", type=float, default=0.25)
    parser.add_argument("--typing", action="store_true")
    parser.add_argument("--keys", type=int, default=30)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="grow-join-bench-") as folder:
        tmp = Path(folder)
        env = environment(tmp)
        os.environ["GROW_HOME"] = env["GROW_HOME"]
        session_id, _question = prepare_session(env)
        from grow_app.paths import resolve_db_path

        db_path = resolve_db_path(None)
        server, url = start_server(env, session_id)
        try:
            from grow_app.services import joining
            from grow_app.services.catalog import load_catalog

            db = joining.connect(db_path)
            card = load_catalog().get("gesprekskaart-sop")
            question_id = joining.current_question(db, card, session_id)
            db.conn.close()
            reader = Reader(db_path, session_id, question_id, args.poll)
            reader.start()
            figures = asyncio.run(room(url, args.participants, args.each, reader))
            reader.halt.set()
            reader.join(5)
            figures["stored"] = stored_count(db_path, session_id)
            figures["all_stored"] = figures["stored"] == figures["contributions_sent"]
            figures["facilitator_poll_s"] = args.poll
            figures["changes_since_ms"] = {
                "median": ms(median(reader.check_seconds)),
                "p95": ms(p95(reader.check_seconds)),
            }
            if args.typing:
                figures["typing"] = typing_figures(
                    env, url, session_id, args.participants, args.keys
                )
        finally:
            stop(server)
    figures["load_average"] = [round(x, 2) for x in os.getloadavg()]
    figures["cpus"] = os.cpu_count()
    print(json.dumps(figures, indent=2))
    return figures


if __name__ == "__main__":
    finally_on_sigterm()
    main()
