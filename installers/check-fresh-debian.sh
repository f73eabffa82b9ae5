#!/usr/bin/env bash
# Installs the .deb on a fresh Debian and starts the app from its menu entry, the way a new user would, and saves a
# screenshot. Run as root on a Debian or Ubuntu machine with debootstrap, Xvfb, openbox, ImageMagick and util-linux
# (apt install debootstrap xvfb openbox imagemagick xdotool), after installers/build-linux.sh:
#   sudo installers/check-fresh-debian.sh [ROOT_DIR]
# ROOT_DIR (default /var/tmp/cidrstudio-fresh-debian) receives a minimal Debian 12; a second run reuses it.
# The app runs as a new user, without a network (unshare -n), under Xvfb with openbox. Prints what the app wrote
# in the user's home and leaves target/installer/fresh-debian.png.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
root="${1:-/var/tmp/cidrstudio-fresh-debian}"
deb="$(ls target/installer/cidrstudio_*_amd64.deb | head -1)"
[[ -f "$deb" ]] || { echo "check-fresh-debian: no .deb in target/installer; run installers/build-linux.sh" >&2; exit 1; }
if [[ ! -x "$root/usr/bin/apt-get" ]]; then
  debootstrap --variant=minbase bookworm "$root" http://deb.debian.org/debian
fi
cp /etc/resolv.conf "$root/etc/resolv.conf"
mountpoint -q "$root/proc" || mount -t proc proc "$root/proc"
mountpoint -q "$root/dev" || mount --bind /dev "$root/dev"
mkdir -p "$root/tmp/.X11-unix"
cp "$deb" "$root/tmp/cidrstudio.deb"
chroot "$root" /bin/sh -c 'apt-get update -q > /dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
  --reinstall /tmp/cidrstudio.deb > /tmp/install.log 2>&1 || { tail -20 /tmp/install.log; exit 1; }'
chroot "$root" /bin/sh -c 'cidrstudio --version; xdg-mime query default application/x-cidrstudio-plan; \
  id ana > /dev/null 2>&1 || useradd -m ana'

display=:97
Xvfb "$display" -screen 0 1440x900x24 -nolisten tcp > /dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2> /dev/null; umount "$root/tmp/.X11-unix" 2> /dev/null || true' EXIT
sleep 2
DISPLAY="$display" openbox > /dev/null 2>&1 &
mountpoint -q "$root/tmp/.X11-unix" || mount --bind /tmp/.X11-unix "$root/tmp/.X11-unix"
stamp="$(mktemp)"
# The menu entry's command, with the demo plan as the file a double-click would pass.
unshare -n chroot "$root" /usr/bin/env -i HOME=/home/ana USER=ana DISPLAY="$display" PATH=/usr/bin:/bin \
  setpriv --reuid=ana --regid=ana --init-groups /bin/sh -c 'cd /home/ana && \
  cp /opt/cidrstudio/lib/share/plans/demo.cidrplan.yaml . && \
  exec $(sed -n "s/^Exec=//p" /usr/share/applications/cidrstudio-cidrstudio.desktop | \
  sed "s| %f| /home/ana/demo.cidrplan.yaml|")' > /dev/null 2>&1 &
app=$!
sleep 20
DISPLAY="$display" import -window root target/installer/fresh-debian.png
echo "window: $(DISPLAY="$display" xdotool search --name 'CIDR Studio' getwindowname 2> /dev/null || echo none)"
kill "$app" 2> /dev/null || true
pkill -f /opt/cidrstudio/bin/cidrstudio || true
echo "written in the home:"
find "$root/home/ana" -newer "$stamp" -type f | sed "s|$root||"
rm -f "$stamp"
