#!/usr/bin/env bash
# Builds CIDR Studio's Linux packages with the JDK's own jlink and jpackage:
#   target/installer/runtime          a runtime image of the JDK and JavaFX modules the app needs
#   target/installer/cidrstudio/      the app-image (bin/cidrstudio starts the window or the command line)
#   target/installer/*.deb            a Debian package (depends on GTK 3, which JavaFX needs)
#   target/installer/*.rpm            an RPM, when rpmbuild is installed
# Usage: installers/build-linux.sh [--skip-build] [--app-image-only]
# Needs JDK 17 or later with its jmods (Debian: openjdk-17-jdk), and for the .deb dpkg-deb and fakeroot.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
skip_build=false
app_image_only=false
for arg in "$@"; do
  case "$arg" in
    --skip-build) skip_build=true ;;
    --app-image-only) app_image_only=true ;;
    *) echo "usage: installers/build-linux.sh [--skip-build] [--app-image-only]" >&2; exit 2 ;;
  esac
done

jdk="${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")}"
for tool in jlink jpackage jdeps; do
  if [[ ! -x "$jdk/bin/$tool" ]]; then
    echo "build-linux: $jdk/bin/$tool not found; set JAVA_HOME to a JDK 17 or later" >&2
    exit 1
  fi
done
if [[ ! -d "$jdk/jmods" ]]; then
  echo "build-linux: $jdk/jmods not found; jlink needs the JDK's jmods (Debian: apt install openjdk-17-jdk)" >&2
  exit 1
fi

if ! $skip_build; then
  mvn -q -B -DskipTests package
fi
jar=target/cidrstudio.jar
[[ -f "$jar" ]] || { echo "build-linux: $jar not found; run without --skip-build" >&2; exit 1; }

# shellcheck source=installers/runtime-image.sh
source installers/runtime-image.sh
read_version "$jar"
out=target/installer
rm -rf "$out"
stage_app "$out" "$jar"
runtime_image "$jdk" "$out" linux so --generate-cds-archive

common=(--name cidrstudio --app-version "$numeric" --vendor "CIDR Studio"
  --description "Planner for Kubernetes Service IP ranges, dual-stack Services and Pod /etc/hosts"
  --copyright "CIDR Studio contributors")

"$jdk/bin/jpackage" --type app-image "${common[@]}" --dest "$out" \
  --runtime-image "$out/runtime" --input "$out/input" --main-jar cidrstudio.jar \
  --main-class dev.cidrstudio.Launcher --icon assets/icon/cidrstudio-256.png "${java_opts[@]}"
# The demo plan and the training scenarios, for users to open and adapt.
mkdir -p "$out/cidrstudio/lib/share"
cp -r assets/plans assets/training "$out/cidrstudio/lib/share/"
echo "build-linux: app-image $out/cidrstudio ($("$out/cidrstudio/bin/cidrstudio" --version))"
$app_image_only && exit 0

types=()
command -v dpkg-deb > /dev/null && command -v fakeroot > /dev/null && types+=(deb)
command -v rpmbuild > /dev/null && types+=(rpm)
if [[ ${#types[@]} -eq 0 ]]; then
  echo "build-linux: neither dpkg-deb with fakeroot nor rpmbuild is installed; only the app-image was built" >&2
  exit 1
fi
for type in "${types[@]}"; do
  deps=(--linux-package-deps "libgtk-3-0 | libgtk-3-0t64")
  [[ "$type" == rpm ]] && deps=(--linux-package-deps "gtk3")
  # The icon again: without it the package's menu entry would get jpackage's default one.
  "$jdk/bin/jpackage" --type "$type" "${common[@]}" --dest "$out" --app-image "$out/cidrstudio" \
    --icon assets/icon/cidrstudio-256.png \
    --resource-dir installers/linux --file-associations installers/linux/cidrplan.properties \
    --linux-package-name cidrstudio --linux-app-category net --linux-menu-group "Development;Network;" \
    "${deps[@]}"
done
# The package's menu icon is the app's, not jpackage's default.
for deb in "$out"/*.deb; do
  [[ -f "$deb" ]] || continue
  dpkg-deb --fsys-tarfile "$deb" | tar -xO ./opt/cidrstudio/lib/cidrstudio.png | cmp -s - assets/icon/cidrstudio-256.png \
    || { echo "build-linux: $deb does not carry the app's icon" >&2; exit 1; }
done
# What was built: only the package types this machine can make (no .rpm without rpmbuild) is no failure.
for type in "${types[@]}"; do
  ls -l "$out"/*."$type"
done
