"""The fuzz harness inside the test suite: hypothesis over every stage (small inputs, in this process),
and every input the fuzzer ever kept (tests/fuzz/corpus/) replayed in CPU-limited workers."""
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .harness import CORPUS, PIECES, check, replay, run

pieces = st.lists(st.sampled_from(PIECES), max_size=60).map(b"".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.binary(max_size=3000), pieces, st.text(max_size=2000).map(str.encode)))
def test_no_stage_raises_and_every_record_serialises(data):
    assert check(data) == []


def test_every_kept_input_passes_again():
    if not any(CORPUS.glob("*.bin")):
        pytest.skip("no kept fuzz input yet")
    report = replay()
    assert not report.failed({"exception", "unserialisable", "over_budget", "memory", "internal"}), report.lines()


def test_an_input_over_its_cpu_budget_kills_only_its_worker_and_is_counted():
    slow = b"<html><body>" + b"<p>a</p>" * 14_000  # several CPU seconds of HTML extraction
    report = run(inputs=[slow, b"Regionen valde ett nytt journalsystem i dag."], workers=1, cpu_seconds=1,
                 keep=False)
    assert report.inputs == 2
    assert report.outcomes["over_budget"] == 1
    assert report.by_target["over_budget", "process"] == 1


def test_the_command_line_runs_and_reports():
    from .harness import main

    assert main(["--inputs", "4", "--workers", "1", "--max-bytes", "2000", "--no-keep"]) == 0
