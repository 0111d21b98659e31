#!/usr/bin/env bash
# The exact recipe behind the shipped category model (resources/models/catalog.*): studio-train
# --categories on the real product photos and public-domain paintings in ../shared/data (which
# stay out of the repository). One look per product category:
#   shoes → The Great Wave (Hokusai), bags → Mosaic, clothing → The Starry Night (Van Gogh),
#   watches → Candy.
# Trains the variants in VARIANTS in parallel (one GPU machine); the pick is made by eye.
#   DATA=../shared/data OUT=out/category bash resources/train_category_model.sh
set -euo pipefail
DATA=${DATA:-../shared/data}; OUT=${OUT:-out/category}; STEPS=${STEPS:-4000}; SIZE=${SIZE:-256}
BATCH=${BATCH:-8}; DEVICE=${DEVICE:-auto}; LIMIT=${LIMIT:-0}; NOISE=${NOISE:-4}  # THREADS: CPU threads per run (2)
# tag:loss:style-weight:diversity-weight
VARIANTS=${VARIANTS:-"ns-sw3:nonsaturating:3:0.02 kl-sw3:kl:3:0.02 ns-sw3-d005:nonsaturating:3:0.005"}
EXEMPLARS=/tmp/category-exemplars
mkdir -p "$OUT"
rm -rf "$EXEMPLARS"
for pair in shoes:the_great_wave_off_kanagawa.jpg bags:mosaic.jpg clothing:starry_night.jpg watches:candy.jpg; do
  mkdir -p "$EXEMPLARS/${pair%%:*}"
  cp "$DATA/styles/${pair#*:}" "$EXEMPLARS/${pair%%:*}/"
done
for variant in $VARIANTS; do
  IFS=: read -r tag loss sw div <<< "$variant"
  OMP_NUM_THREADS=${THREADS:-2} studio-train --content "$DATA/products" --style "$EXEMPLARS" --categories --mix-content \
    --name "catalog-$tag" --title "Catalog looks" \
    --description "One look per product category: shoes in Great Wave blues, bags in mosaic, clothing in Starry Night swirls, watches in candy colours." \
    --steps "$STEPS" --size "$SIZE" --batch "$BATCH" --loss "$loss" --style-weight "$sw" --noise "$NOISE" \
    --diversity-weight "$div" \
    --device "$DEVICE" --export-dir "$OUT" --out "/tmp/category-runs/$tag" --log-every 250 \
    $( [ "$LIMIT" != 0 ] && echo --time-limit "$LIMIT" ) > "$OUT/catalog-$tag.log" 2>&1 &
done
wait
ls -la "$OUT"
