"""Every command the README shows runs, as shown, on a batch that includes a failed input.

The README's shell blocks are read line by line and run with bash in a sandbox: `clippings/` holds
the fixtures and an empty file (an input that fails), `records.jsonl` the records of that batch,
HOME is the sandbox, so `~/clippings` and `$HOME/.local/bin/clipper` resolve there. A clipper
command may exit 1 (the failed input, reported on stderr); nothing may print a traceback, and
every other program in a pipeline (jq, less) must succeed.
"""
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT

README = ROOT / "README.md"
# A trailing comment: two or more spaces, '#', a space (a '#' inside a command has no spaces before it).
_COMMENT = re.compile(r"\s{2,}#\s.*$")
_CRON_SCHEDULE = re.compile(r"^(\S+\s+){5}(?=\S)")


def readme_commands():
    commands, block = [], None
    for number, line in enumerate(README.read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith("```"):
            block = line[3:].strip() if block is None else None
            continue
        if block == "sh" and line.strip():
            commands.append((number, _COMMENT.sub("", line).strip()))
    return commands


def _kind(command):
    if command.startswith(("pip install", "python -m pytest", "bash .ci/run")):
        return "setup"
    if re.match(r"^\*/\d+ ", command) or re.match(r"^(\S+\s+){5}\S*clipper", command):
        return "cron"
    return "run"


RUN = [(n, c) for n, c in readme_commands() if _kind(c) == "run"]
CRON = [(n, c) for n, c in readme_commands() if _kind(c) == "cron"]


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory):
    home = tmp_path_factory.mktemp("home")
    clippings = home / "clippings"
    shutil.copytree(FIXTURES, clippings)
    (clippings / "broken.txt").write_bytes(b"")  # an input that fails: an error record and exit 1
    shutil.copy(next(FIXTURES.rglob("*.html")), home / "a.html")
    shutil.copy(next((FIXTURES / "seeds").glob("*.txt")), home / "b.txt")
    shutil.copytree(ROOT / "tests" / "data" / "textcopies", home / "my_corpus")  # inputs with gold beside them
    bin_dir = home / ".local" / "bin"
    bin_dir.mkdir(parents=True)
    clipper = shutil.which("clipper") or str(Path(sys.executable).with_name("clipper"))
    (bin_dir / "clipper").symlink_to(clipper)
    env = {**os.environ, "HOME": str(home), "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"}
    made = subprocess.run(["clipper", "ingest", "clippings/", "-o", "records.jsonl"], cwd=home, env=env,
                          capture_output=True, text=True, timeout=300)
    assert made.returncode == 1 and "broken.txt" in made.stderr, made.stderr
    return home, env


def _run(command, sandbox):
    home, env = sandbox
    return subprocess.run(["bash", "-c", command], cwd=home, env=env, capture_output=True, text=True, timeout=300)


def test_the_readme_opens_with_two_commands_and_ci_runs_the_second():
    commands = readme_commands()
    first, second = commands[0][1], commands[1][1]
    assert commands[0][0] < 10 and first.endswith("clipper ingest fixtures/")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    for part in second.split("&&"):
        assert part.strip().replace("pip install", "python -m pip install --quiet") in ci, part


@pytest.mark.parametrize(("line", "command"), RUN, ids=[f"README:{n}" for n, _ in RUN])
def test_readme_command_runs(line, command, sandbox):
    done = _run(command, sandbox)
    assert "Traceback" not in done.stderr, done.stderr
    clipper_first = command.startswith("clipper ingest")
    allowed = (0, 1) if clipper_first and "|" not in command else (0,)
    assert done.returncode in allowed, f"README line {line}: {command}\n{done.stderr}"
    if done.returncode == 1:
        assert "broken.txt" in done.stderr  # the failed input, and only it


@pytest.mark.parametrize(("line", "command"), CRON, ids=[f"README:{n}" for n, _ in CRON])
def test_readme_cron_line_runs_twice_quietly(line, command, sandbox):
    job = _CRON_SCHEDULE.sub("", command)
    first = _run(job, sandbox)
    assert first.returncode == 1 and "broken.txt" in first.stderr and "Traceback" not in first.stderr
    again = _run(job, sandbox)  # the failed input is remembered until it changes: nothing to say
    assert again.returncode == 0 and again.stdout == "" and again.stderr == "", again.stderr


def test_first_readme_command_installs_and_runs_on_a_fresh_environment(tmp_path):
    """`pip install . && clipper ingest fixtures/`, in a new virtual environment (dependencies taken from
    the running one, so nothing is downloaded)."""
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", str(venv)], check=True, timeout=120)
    bin_dir = venv / ("Scripts" if os.name == "nt" else "bin")
    install = subprocess.run([str(bin_dir / "python"), "-m", "pip", "install", "--quiet", "--no-deps", str(ROOT)],
                             capture_output=True, text=True, timeout=300)
    assert install.returncode == 0, install.stderr
    done = subprocess.run([str(bin_dir / "clipper"), "ingest", "fixtures/"], cwd=ROOT, capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    # A record per document: a file is one, the fixtures' mbox and WARC file hold three each.
    assert len(done.stdout.splitlines()) == sum(1 for p in FIXTURES.rglob("*") if p.is_file()) + 2 + 2


def _blocks(kind):
    blocks, current = [], None
    for line in README.read_text(encoding="utf-8").splitlines():
        if line.startswith("```"):
            if current is None and line[3:].strip() == kind:
                current = []
            elif current is not None:
                blocks.append("\n".join(current))
                current = None
        elif current is not None:
            current.append(line)
    return blocks


def test_readme_python_runs_in_the_batch_folder(sandbox, monkeypatch):
    """The Python API section, as shown: `mine.toml` is the README's own gazetteer example, `paths`
    the batch's files (the failed input among them)."""
    home, _ = sandbox
    gazetteer = next(block for block in _blocks("toml") if "[[vendor]]" in block)
    (home / "mine.toml").write_text(gazetteer + "\n", encoding="utf-8")
    monkeypatch.chdir(home)
    paths = sorted(str(p) for p in (home / "clippings").rglob("*") if p.is_file())
    for block in _blocks("python"):
        namespace = {"paths": paths}
        exec(compile(block, "README.md", "exec"), namespace)  # noqa: S102 - the README is ours
        if "bag" in namespace:  # analyse_bag: a record per document, and a container (mbox, WARC) holds several
            assert sorted({r.source.path for r in namespace["records"]}) == paths
            assert len(namespace["records"]) > len(paths)
        elif "records" in namespace:  # process_path: the record of each input's first document
            assert len(namespace["records"]) == len(paths)
            assert [r.error["type"] for r in namespace["records"] if r.error] == ["empty"]
