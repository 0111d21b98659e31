#!/usr/bin/env bash
# The recipe behind the shipped AdaIN decoder (resources/models/adain.*): studio-train --kind adain
# on the real product photos, cut-outs and scenes and the public-domain paintings in ../shared/data
# (which stay out of the repo) plus the bundled style images. Two phases on one run folder:
#   1. the paper's loss (content + 10 x mean/std style) for STEPS1 steps;
#   2. resumed with the identity term (--identity-weight 300: decoding a photo's own features gives
#      the photo back, so edges and print stay crisp) up to STEPS2 steps, exported.
# CPU recipe (this project's 2-core machine, about 0.5 s then 0.7 s a step): 128 px crops, batch 4.
#   bash resources/train_adain.sh
#   SIZE=256 BATCH=8 STEPS1=20000 STEPS2=40000 LIMIT=0 bash resources/train_adain.sh   # a GPU's scale
# LIMIT caps each phase in seconds (it stops there as if finished); checkpoints every 100 steps.
set -euo pipefail
DATA=${DATA:-../shared/data}; OUT=${OUT:-resources/models}; SIZE=${SIZE:-128}; BATCH=${BATCH:-4}
STEPS1=${STEPS1:-4000}; STEPS2=${STEPS2:-6500}; LIMIT=${LIMIT:-3000}; DEVICE=${DEVICE:-auto}
RUN=${RUN:-/tmp/adain-run/run}
common=(--kind adain --content "$DATA/products" --content "$DATA/cutouts" --content "$DATA/content"
        --style "$DATA/styles" --style resources/styles --name adain --title "Any style image (AdaIN)"
        --description "Huang & Belongie 2017: the photo's VGG-19 features take on the style image's statistics; one pass per image."
        --size "$SIZE" --batch "$BATCH" --device "$DEVICE" --checkpoint-every 100 --log-every 25 --out "$RUN")
limit=(); [ "$LIMIT" != 0 ] && limit=(--time-limit "$LIMIT")
studio-train "${common[@]}" --steps "$STEPS1" "${limit[@]}" --export-dir /tmp/adain-run/export
studio-train "${common[@]}" --steps "$STEPS2" "${limit[@]}" --resume --identity-weight 300 --export-dir "$OUT"
