#!/usr/bin/env bash
# The GPU benchmark in one device call (see /work/.library/device): install the project from the
# working tree plus the carried wheels (.whl), then run benchmarks/gpu.py; its table is printed
# and gpu.json / gpu.md land under $OUT. Budget: well under 8 minutes on an H100.
# BENCH=fast_path_quality runs that module instead, in its own device call, e.g. the shipped
# house-style recipe: BENCH=fast_path_quality bash benchmarks/gpu.sh --steps 1411 --size 256
#   --batch 8 --content .benchdata/products --painting .benchdata/wave.jpg
set -uo pipefail
OUT=${OUT:-/tmp/gpu-out}; mkdir -p "$OUT"
export PYTHONUNBUFFERED=1 STUDIO_HOME=/tmp/studio-home-$$
if [ -d .whl ]; then
  python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade --target /tmp/site .whl/*.whl || exit 1
  export PYTHONPATH=/tmp/site PATH=/tmp/site/bin:$PATH
  python3 -m pip install -q --no-index --no-deps --no-build-isolation --no-compile --upgrade --target /tmp/site . \
    > /dev/null 2>&1 || exit 1
fi
nvidia-smi --query-gpu=name,memory.total --format=csv 2>/dev/null | tee "$OUT/device.txt"
timeout 470 python3 -m "benchmarks.${BENCH:-gpu}" --out "$OUT" "$@" 2>&1 | tee "$OUT/${BENCH:-gpu}.log"
