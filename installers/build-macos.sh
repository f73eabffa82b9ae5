#!/usr/bin/env bash
# Builds CIDR Studio.app and a .dmg on macOS with the JDK's jlink and jpackage. Run on a Mac (Apple silicon or
# Intel: the JavaFX jars Maven resolves match the machine) with JDK 17 or later and Maven:
#   installers/build-macos.sh
# Output: target/installer/CIDR Studio-VERSION.dmg. Unsigned; add --mac-sign --mac-signing-key-user-name NAME to
# the jpackage call to sign it with your Developer ID.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
jdk="${JAVA_HOME:-$(/usr/libexec/java_home)}"
mvn -q -B -DskipTests package
jar=target/cidrstudio.jar
# shellcheck source=installers/runtime-image.sh
source installers/runtime-image.sh
read_version "$jar"
out=target/installer
rm -rf "$out"
stage_app "$out" "$jar"
platform="$(cd target/lib && ls javafx-base-*-mac*.jar | sed -E 's/.*-(mac[^.]*)\.jar/\1/')"
runtime_image "$jdk" "$out" "$platform" dylib
"$jdk/bin/jpackage" --type dmg --name "CIDR Studio" --app-version "$numeric" --vendor "CIDR Studio" \
  --description "Planner for Kubernetes Service IP ranges, dual-stack Services and Pod /etc/hosts" \
  --runtime-image "$out/runtime" --input "$out/input" --main-jar cidrstudio.jar \
  --main-class dev.cidrstudio.Launcher --icon assets/icon/cidrstudio.icns \
  --file-associations installers/macos/cidrplan.properties --mac-package-identifier dev.cidrstudio \
  "${java_opts[@]}" --dest "$out"
ls -l "$out"/*.dmg
