#!/usr/bin/env bash
# The exact recipe behind the shipped house styles (resources/models): studio-train on the real
# product photos and public-domain paintings in ../shared/data (which stay out of the repo).
# Runs the variants in parallel (one GPU machine: ~3 min); picks are made by eye afterwards.
#   DATA=../shared/data OUT=out/house-styles bash resources/train_house_styles.sh
set -euo pipefail
DATA=${DATA:-../shared/data}; OUT=${OUT:-out/house-styles}; STEPS=${STEPS:-2000}; SIZE=${SIZE:-256}
BATCH=${BATCH:-8}; DEVICE=${DEVICE:-auto}; WEIGHTS=${WEIGHTS:-"3 15"}; LIMIT=${LIMIT:-0}
mkdir -p "$OUT" /tmp/house-style-exemplars
train() {  # name painting title description
  local name=$1 painting=$2 title=$3 description=$4
  mkdir -p "/tmp/house-style-exemplars/$name"
  cp "$DATA/styles/$painting" "/tmp/house-style-exemplars/$name/"
  for sw in $WEIGHTS; do
    OMP_NUM_THREADS=2 studio-train --content "$DATA/products" --style "/tmp/house-style-exemplars/$name" \
      --name "$name-sw$sw" --title "$title" --description "$description" --steps "$STEPS" --size "$SIZE" \
      --batch "$BATCH" --style-weight "$sw" --device "$DEVICE" --export-dir "$OUT" \
      --out "/tmp/house-style-runs/$name-sw$sw" --log-every 250 $( [ "$LIMIT" != 0 ] && echo --time-limit "$LIMIT" ) \
      > "$OUT/$name-sw$sw.log" 2>&1 &
  done
}
train starry starry_night.jpg "Starry" "Swirling night-sky brushwork after Van Gogh's The Starry Night."
train wave the_great_wave_off_kanagawa.jpg "Great Wave" "Woodblock-print blues and crisp ink lines after Hokusai."
train mosaic mosaic.jpg "Mosaic" "Stained-glass tiles with dark leading."
wait
ls -la "$OUT"
