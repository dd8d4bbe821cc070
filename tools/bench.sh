#!/usr/bin/env bash
# make bench: placeholder. The benchmark of the logging engine (DESIGN.md §4:
# speed is measured here, not in timed tests) is not implemented yet.
set -euo pipefail
echo "bench: not implemented yet (tools/bench.sh is a placeholder)"
