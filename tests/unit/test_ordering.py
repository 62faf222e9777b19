"""The suite's own order (tests/ordering.py): the long tests are spread over the workers as
pytest-xdist really hands them out, each worker's share of them first."""

from __future__ import annotations

from dataclasses import dataclass, field
from types import SimpleNamespace

import pytest
from xdist.scheduler.worksteal import WorkStealingScheduling

from tests.ordering import expected_seconds, spread, stretch_sizes


@dataclass
class FakeItem:
    """As much of a pytest item as the ordering reads."""

    nodeid: str
    seconds: float | None = None
    plain_slow: bool = False

    def get_closest_marker(self, name: str):
        if name != "slow" or (self.seconds is None and not self.plain_slow):
            return None
        return (
            pytest.mark.slow(seconds=self.seconds).mark if self.seconds else pytest.mark.slow.mark
        )


@dataclass(eq=False)
class FakeWorker:
    """What worksteal's scheduler asks of a worker: which tests it is sent."""

    name: str
    shutting_down: bool = False
    gateway: SimpleNamespace = field(init=False)
    sent: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.gateway = SimpleNamespace(id=self.name)  # named in a report of lists that differ

    def send_runtest_some(self, indices: list[int]) -> None:
        self.sent.extend(indices)


class XdistConfig:
    """The options worksteal's scheduler reads: ``-n workers`` as pytest-xdist passes it on."""

    def __init__(self, workers: int) -> None:
        self.workers = workers

    def getvalue(self, name: str) -> list[str]:
        assert name == "tx"
        return [f"{self.workers}*popen"]


def first_shares(collection: list[str], workers: int) -> list[list[str]]:
    """What each worker gets first from pytest-xdist's own work-stealing scheduler."""
    scheduler = WorkStealingScheduling(XdistConfig(workers))  # type: ignore[arg-type]
    nodes = [FakeWorker(f"gw{n}") for n in range(workers)]
    for node in nodes:
        scheduler.add_node(node)
        scheduler.add_node_collection(node, collection)
    scheduler.schedule()
    return [[collection[i] for i in node.sent] for node in nodes]


def suite(long_seconds: list[float], short: int) -> list[FakeItem]:
    items = [FakeItem(f"short{n}") for n in range(short)]
    # the long ones among the short ones, as collection finds them (by file)
    for n, seconds in enumerate(long_seconds):
        items.insert(n * 7 % (len(items) + 1), FakeItem(f"long{n}", seconds=seconds))
    return items


@pytest.mark.parametrize("workers", [1, 2, 3, 4, 8])
def test_each_worker_gets_its_share_of_the_long_tests_first(workers):
    long_seconds = [40, 20, 19, 17, 16, 16, 11, 11, 11, 9, 9, 9, 7, 7, 6, *[3] * 30]
    items = suite(long_seconds, short=1_000)
    ordered = spread(items, workers)
    assert sorted(i.nodeid for i in ordered) == sorted(i.nodeid for i in items)  # all, once

    shares = first_shares([i.nodeid for i in ordered], workers)
    assert [len(s) for s in shares] == stretch_sizes(len(items), workers)
    by_id = {i.nodeid: i for i in items}
    loads = []
    for share in shares:
        seconds = [expected_seconds(by_id[nodeid]) for nodeid in share]
        long_count = sum(s is not None for s in seconds)
        assert all(s is not None for s in seconds[:long_count])  # the long ones first
        assert all(s is None for s in seconds[long_count:])
        assert seconds[:long_count] == sorted(seconds[:long_count], reverse=True)
        loads.append(sum(s for s in seconds if s is not None))
    # balanced: no worker has more than its share plus the longest test
    assert max(loads) <= sum(long_seconds) / workers + max(long_seconds)


def test_the_order_is_the_same_whatever_order_the_workers_collect_in():
    """pytest-xdist refuses to run when its workers' lists differ."""
    items = suite([9, 9, 3, 3, 3], short=50)
    assert [i.nodeid for i in spread(items, 4)] == [i.nodeid for i in spread(list(items), 4)]


def test_a_long_test_without_seconds_counts_as_a_few():
    plain = FakeItem("plain", plain_slow=True)
    assert expected_seconds(plain) == 3.0
    assert expected_seconds(FakeItem("short")) is None
    assert expected_seconds(FakeItem("long", seconds=38)) == 38.0
