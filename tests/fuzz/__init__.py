"""Fuzzing clipper's stages: generated and mutated inputs, each in a worker process under a CPU-time limit.

    python -m tests.fuzz --inputs 100000 --workers 2      # the long run (README: Guarantees)
    python -m tests.fuzz --inputs 2000                     # the short run .ci/run makes
    python -m tests.fuzz --replay                          # every kept failure again

Every input goes through the whole pipeline (`clipper.process`, then the writer's `dumps`) and
through the stages one by one as the pipeline calls them: the decoder and the format sniffer on the
bytes, the HTML or text extractor on the decoded text, the amount grammar and the language judge on
the bounded text. Outcomes counted: exceptions escaping a stage (InputError is a stage's answer, not
an escape), records that cannot be serialised, internal-error records, inputs over the CPU budget
(the worker is killed by RLIMIT_CPU; a regex stuck in C cannot be interrupted any other way), and
the slowest input against its size. Every failing input is written to tests/fuzz/corpus/ (named by
the hash of its bytes), which the test suite replays.
"""
