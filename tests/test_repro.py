"""Every reproducer of ../shared/repro (see its README) as a regression test, regenerated here from its
description: each file through `clipper ingest`, one run per file, within a CPU budget, with one record
(ordinary or error) and no traceback; the 20 MB page of tiny paragraphs under 1 GB peak memory."""
import json
import os
import resource
import subprocess
import sys
import tempfile

import pytest

# CPU seconds for one `clipper ingest` of one file, start-up (about 2 s) included.
CPU_BUDGET = 10
MEMORY_BUDGET = 1024**3

HTML = b"<html><body><article><h1>Rubrik</h1><p>%s</p></article></body></html>"

REPROS = [
    pytest.param("R01_bigint_amount.txt", b"Regionen har betalat " + b"1" * 4300 + b" kronor f\xc3\xb6r systemet.\n",
                 id="R01"),
    pytest.param("R02_charset_undefined.html",
                 b'<html><head><meta charset="undefined"></head><body><p>Hej \xff hopp</p></body></html>', id="R02"),
    pytest.param("R03_comments_sniff_24.html", b"<!---->" * 24 + b"x", id="R03"),
    pytest.param("R04_comments_sniff_40.html", b"<!---->" * 40 + b"x", id="R04"),
    pytest.param("R05_comments_doctype_40.html",
                 b"<!---->" * 40 + b"<html><body><p>Regionen har valt en ny leverant\xc3\xb6r.</p></body></html>",
                 id="R05"),
    pytest.param("R06_long_token_80k.txt", b"Regionen valde " + b"x" * 80_000 + b" igen.\n", id="R06"),
    pytest.param("R07_long_token_1M.txt", b"Regionen valde " + b"x" * 1_000_000 + b" igen.\n", id="R07"),
    pytest.param("R08_amount_groups_nocurrency.html", HTML % (b"Regionen betalade " + b"111 " * 2000 + b"g\xc3\xa5nger."),
                 id="R08"),
    pytest.param("R09_amount_tusen_nocurrency.html", HTML % (b"Regionen betalade " + b"tusen " * 1000 + b"g\xc3\xa5nger."),
                 id="R09"),
    pytest.param("R10_dots_40k.txt",
                 b"Regionen har valt en ny leverant\xc3\xb6r. a" + b"." * 40_000 + b"b och sedan inget mer.\n", id="R10"),
    pytest.param("R11_tiny_paragraphs_2MB.html", b"<html><body>" + b"<p>a</p>" * 250_000, id="R11"),
    pytest.param("R12_ampersand_40k.html", b"<html><body><p>" + b"&amp;" * 40_000 + b"</p></body></html>", id="R12"),
    pytest.param("R13_at_dot_2KB.html", HTML % (b"@." * 1000), id="R13"),
    pytest.param("R14_a_at_2KB.txt",
                 b"Region Nordjylland udskyder overgangen til det nye elektron" + b"a@" * 1000 + b"\n", id="R14"),
    pytest.param("R15_tiny_lines_1MB.txt", b"a\n" * 500_000, id="R15"),
    pytest.param("R16_bigint_groups_html.html", HTML % (b"Regionen betalade " + b"111 " * 2000 + b"kronor."), id="R16"),
    pytest.param("R17_bigint_tusen_chain_html.html", HTML % (b"Regionen betalade " + b"tusen " * 1000 + b"kronor."),
                 id="R17"),
]


def ingest_alone(*paths, cpu_seconds=CPU_BUDGET):
    """`clipper ingest PATHS` in a child process limited to cpu_seconds of CPU:
    (exit status, stdout, stderr, peak RSS in bytes)."""
    def limit_cpu():
        resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds))

    command = [sys.executable, "-m", "clipper", "ingest", "-j1", *map(str, paths)]
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        child = subprocess.Popen(command, stdout=out, stderr=err, preexec_fn=limit_cpu)
        _, status, usage = os.wait4(child.pid, 0)  # wait4: the child's own peak memory
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return child.returncode, out.read().decode(), err.read().decode(), usage.ru_maxrss * 1024


def assert_one_record_each(status, out, err, count=1):
    assert status in (0, 1), f"exit {status} (a negative status is a signal: -24 is the CPU budget)\n{err}"
    assert "Traceback" not in err
    records = [json.loads(line) for line in out.splitlines()]
    assert len(records) == count
    return records


@pytest.mark.parametrize("name, content", REPROS)
def test_repro_is_one_record_within_budget(tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content)
    records = assert_one_record_each(*ingest_alone(path)[:3])
    error = records[0].get("error")
    assert error is None or error["type"] != "internal", error


def test_repro_README_names_no_file_these_tests_leave_out():
    listed = os.path.join(os.path.dirname(__file__), "..", "..", "shared", "repro")
    if not os.path.isdir(listed):
        pytest.skip("../shared/repro is not on this machine")
    regenerated = {param.values[0] for param in REPROS}
    assert {name for name in os.listdir(listed) if name[0] == "R" and name[1].isdigit()} <= regenerated


def test_twenty_megabytes_of_tiny_paragraphs_stay_under_a_gigabyte(tmp_path):
    page = tmp_path / "tiny_paragraphs_20MB.html"
    page.write_bytes(b"<html><body>" + b"<p>a</p>" * 2_500_000)
    status, out, err, peak = ingest_alone(page)
    [record] = assert_one_record_each(status, out, err)
    assert record["error"]["type"] == "too_large"
    assert peak < MEMORY_BUDGET


def test_a_folder_of_stalling_files_finishes_with_a_record_each(tmp_path):
    """The issue's three: repeated comments, "a@" × 3,000, and a 700-digit number of kronor."""
    (tmp_path / "comments.html").write_bytes(b"<!---->" * 40 + b"x")
    (tmp_path / "at.txt").write_bytes(b"Regionen skriver " + b"a@" * 3000 + b"\n")
    (tmp_path / "digits.txt").write_bytes(b"Regionen har betalat " + b"7" * 700 + b" kronor.\n")
    assert_one_record_each(*ingest_alone(tmp_path, cpu_seconds=3 * CPU_BUDGET)[:3], count=3)
