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
version="$(unzip -p "$jar" META-INF/MANIFEST.MF | sed -n 's/^Implementation-Version: *//p' | tr -d '\r')"
numeric="$(sed -E 's/^([0-9]+(\.[0-9]+){0,2}).*/\1/' <<< "$version")"
out=target/installer
rm -rf "$out"
mkdir -p "$out/input/lib" "$out/fxmods" "$out/native"
cp "$jar" "$out/input/"
for lib in target/lib/*.jar; do
  case "$(basename "$lib")" in javafx-*) ;; *) cp "$lib" "$out/input/lib/" ;; esac
done
# As on Linux: JavaFX's native libraries go into the runtime image, so nothing is unpacked into the home.
for fx in target/lib/javafx-*-mac*.jar; do
  name="$(basename "$fx")"
  cp "$fx" "$out/fxmods/$name"
  natives="$(unzip -Z1 "$fx" | grep -E '\.dylib$' || true)"
  if [[ -n "$natives" ]]; then
    unzip -q -o "$fx" $natives -d "$out/native"
    zip -q -d "$out/fxmods/$name" $natives
  fi
done
modules="$("$jdk/bin/jdeps" --ignore-missing-deps --multi-release 17 --print-module-deps \
  --module-path "$out/fxmods" --class-path "$out/input/lib/*" "$out/input/cidrstudio.jar"),jdk.charsets,jdk.localedata,jdk.zipfs"
"$jdk/bin/jlink" --module-path "$jdk/jmods:$out/fxmods" --add-modules "$modules" --include-locales=en \
  --strip-debug --no-header-files --no-man-pages --compress=2 --output "$out/runtime"
cp "$out"/native/*.dylib "$out/runtime/lib/"
"$jdk/bin/jpackage" --type dmg --name "CIDR Studio" --app-version "$numeric" --vendor "CIDR Studio" \
  --description "Planner for Kubernetes Service IP ranges, dual-stack Services and Pod /etc/hosts" \
  --runtime-image "$out/runtime" --input "$out/input" --main-jar cidrstudio.jar \
  --main-class dev.cidrstudio.Launcher --icon assets/icon/cidrstudio.icns \
  --file-associations installers/macos/cidrplan.properties --mac-package-identifier dev.cidrstudio \
  --java-options "-XX:TieredStopAtLevel=1" --java-options "-XX:+UseParallelGC" --java-options "-XX:-UsePerfData" \
  --dest "$out"
ls -l "$out"/*.dmg
