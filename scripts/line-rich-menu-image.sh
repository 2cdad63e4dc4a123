#!/usr/bin/env bash
# Draws the LINE rich menu image (2500×843 PNG, LINE's "compact" size) with ImageMagick and the
# DejaVu fonts. The PNG is committed next to the menu definition; run this only to change it:
#   bash scripts/line-rich-menu-image.sh   (CONVERT=/path/to/convert to pick an ImageMagick)
# Tiles, left to right, match the areas in src/channels/line/rich-menu.ts.
set -euo pipefail
out="$(dirname "$0")/../src/channels/line/rich-menu.png"
font="DejaVu-Sans-Bold"
tile=625
h=843
bg=('#06775A' '#0B5D8C' '#8C4A0B' '#5B3A8C')

args=(-size 2500x${h} xc:white)
for i in 0 1 2 3; do
  x=$((i * tile))
  args+=(-fill "${bg[$i]}" -draw "rectangle $((x + 8)),8 $((x + tile - 8)),$((h - 8))")
done
args+=(-fill white -stroke white -strokewidth 14)
# 1. Procedures: a document with lines.
args+=(-fill none -draw "roundrectangle 212,110 412,400 18,18")
args+=(-draw "line 250,180 374,180" -draw "line 250,240 374,240" -draw "line 250,300 334,300")
# 2. Find my office: a map pin.
args+=(-fill white -draw "circle 937,230 937,330" -draw "polygon 853,280 1021,280 937,440")
args+=(-fill "${bg[1]}" -stroke "${bg[1]}" -draw "circle 937,230 937,275" -stroke white)
# 3. Talk to a person: a speech bubble.
args+=(-fill none -stroke white -draw "roundrectangle 1440,120 1686,320 40,40" -fill white -draw "polygon 1480,310 1540,310 1470,400")
# 4. Language: a globe.
args+=(-fill none -draw "circle 2187,255 2187,400" -draw "ellipse 2187,255 60,145 0,360" -draw "line 2042,255 2332,255" -draw "line 2062,185 2312,185" -draw "line 2062,325 2312,325")
args+=(-stroke none -fill white -font "$font" -pointsize 58 -gravity North)
# -annotate with gravity North centres on the canvas; offset each label from the centre (1250).
centre() { echo $(( $1 * tile + tile / 2 - 1250 )); }
args+=(-annotate "+$(centre 0)+520" "Procedures" -annotate "+$(centre 0)+610" "Main menu")
args+=(-annotate "+$(centre 1)+520" "Find my" -annotate "+$(centre 1)+610" "office")
args+=(-annotate "+$(centre 2)+520" "Talk to" -annotate "+$(centre 2)+610" "a person")
args+=(-annotate "+$(centre 3)+520" "Language" -annotate "+$(centre 3)+610" "Idioma · Langue")
"${CONVERT:-convert}" "${args[@]}" -depth 8 -strip -define png:compression-level=9 "$out"
"${IDENTIFY:-identify}" "$out"
