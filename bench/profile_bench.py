"""Profile one micro-benchmark with cProfile: where the time goes, for RESULTS.md's notes.

    cd bench/project && PYTHONPATH=. ../../.venv/bin/python -P ../profile_bench.py orm_get_pk [--calls 2000] [--top 25]

Runs the benchmark's function --calls times (after one warm-up call) under cProfile and prints the
functions with the most own time and the most cumulative time. Works in either interpreter.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from micro import BENCHES  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("name", choices=sorted(BENCHES))
    parser.add_argument("--calls", type=int, default=200)
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args()
    fn = BENCHES[args.name]()
    fn()
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(args.calls):
        fn()
    profiler.disable()
    stats = pstats.Stats(profiler)
    stats.strip_dirs().sort_stats("tottime").print_stats(args.top)
    stats.sort_stats("cumulative").print_stats(args.top)


if __name__ == "__main__":
    main()
