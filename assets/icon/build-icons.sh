#!/usr/bin/env bash
# Renders the icon set from cidrstudio.svg: PNGs for Linux and the window, an ICO for Windows, an ICNS for
# macOS. Needs rsvg-convert (librsvg2-bin), ImageMagick's convert and png2icns (icnsutils).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
for size in 16 24 32 48 64 128 256 512 1024; do
  rsvg-convert -w "$size" -h "$size" cidrstudio.svg -o "cidrstudio-$size.png"
done
cp cidrstudio-256.png cidrstudio.png
convert cidrstudio-16.png cidrstudio-24.png cidrstudio-32.png cidrstudio-48.png cidrstudio-64.png \
  cidrstudio-128.png cidrstudio-256.png cidrstudio.ico
png2icns cidrstudio.icns cidrstudio-16.png cidrstudio-32.png cidrstudio-48.png cidrstudio-128.png \
  cidrstudio-256.png cidrstudio-512.png cidrstudio-1024.png > /dev/null
