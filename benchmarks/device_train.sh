#!/usr/bin/env bash
# One-call training run on a lent GPU machine (see /work/.library/device): installs the project
# from the working tree plus carried wheels (.whl), runs resources/train_category_model.sh on
# DATA (a transient copy of ../shared/data carried as .traindata, never committed) with a time
# limit, and the test suite on CUDA alongside. Models, logs and test output land under $OUT.
#   DEVICE=cpu LIMIT=10 STEPS=3 SIZE=32 BATCH=2 TESTS=tests/test_training_losses.py OUT=/tmp/o \
#     bash benchmarks/device_train.sh   # dry run on a CPU box
set -uo pipefail
OUT=${OUT:-/tmp/device-out}; TESTS=${TESTS:-tests}; export DATA=${DATA:-.traindata}
export LIMIT=${LIMIT:-300} STEPS=${STEPS:-8000} DEVICE=${DEVICE:-auto}
mkdir -p "$OUT"
export PYTHONUNBUFFERED=1 STUDIO_HOME=/tmp/studio-home-$$
if [ -d .whl ]; then
  python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade --target /tmp/site .whl/*.whl || exit 1
  export PYTHONPATH=/tmp/site PATH=/tmp/site/bin:$PATH
  python3 -m pip install -q --no-index --no-deps --no-build-isolation --no-compile --upgrade --target /tmp/site . || exit 1
fi
{ nvidia-smi --query-gpu=name,memory.total --format=csv 2>/dev/null || echo "no nvidia-smi"
  python3 -c "import torch; print('torch', torch.__version__, 'cuda', torch.cuda.is_available())"; } | tee "$OUT/device.txt"
( python3 -m pytest -q -p no:cacheprovider "$TESTS" > "$OUT/tests.txt" 2>&1; echo "pytest exit $?" >> "$OUT/tests.txt" ) &
OUT="$OUT/category" bash resources/train_category_model.sh > "$OUT/train.txt" 2>&1
echo "training exit $?" >> "$OUT/train.txt"
wait
tail -n 3 "$OUT/tests.txt"; for log in "$OUT"/category/*.log; do echo "== $log"; tail -n 4 "$log"; done
