# Shared by build-linux.sh and build-macos.sh (sourced, not run): the version, the app's input folder and the
# jlinked runtime image. build-windows.ps1 does the same steps in PowerShell.

# Sets version (the pom's, as the jar's manifest has it) and numeric (what jpackage accepts: 0.1.0-SNAPSHOT -> 0.1.0).
read_version() {
  local jar="$1"
  version="$(unzip -p "$jar" META-INF/MANIFEST.MF | sed -n 's/^Implementation-Version: *//p' | tr -d '\r')"
  numeric="$(sed -E 's/^([0-9]+(\.[0-9]+){0,2}).*/\1/' <<< "$version")"
  if [[ ! "$numeric" =~ ^[0-9]+(\.[0-9]+)*$ ]]; then
    echo "installers: cannot read a version from $jar" >&2
    return 1
  fi
}

# stage_app OUT JAR: OUT/input holds the app's jar and its non-JavaFX libraries, which run from the class path (the
# jar's manifest lists lib/*.jar).
stage_app() {
  local out="$1" jar="$2" lib
  mkdir -p "$out/input/lib"
  cp "$jar" "$out/input/"
  for lib in target/lib/*.jar; do
    case "$(basename "$lib")" in javafx-*) ;; *) cp "$lib" "$out/input/lib/" ;; esac
  done
}

# runtime_image JDK OUT PLATFORM NATIVE_SUFFIX [JLINK_OPTION...]: OUT/runtime, the JDK modules jdeps finds plus
# JavaFX's, from the jars Maven resolved for PLATFORM (linux, mac, mac-aarch64).
# JavaFX's native libraries (*.so, *.dylib) move from its jars to the image's lib/, where JavaFX looks first when it
# runs from a jlinked image; left inside the jars, JavaFX would unpack them into ~/.openjfx/cache at every new
# version, and the installed app must write only under the config directory.
runtime_image() {
  local jdk="$1" out="$2" platform="$3" suffix="$4" fx name natives modules
  shift 4
  mkdir -p "$out/fxmods" "$out/native"
  for fx in target/lib/javafx-*-"$platform".jar; do
    name="$(basename "$fx")"
    cp "$fx" "$out/fxmods/$name"
    natives="$(unzip -Z1 "$fx" | grep -E "\\.$suffix\$" || true)"
    if [[ -n "$natives" ]]; then
      unzip -q -o "$fx" $natives -d "$out/native"
      zip -q -d "$out/fxmods/$name" $natives
    fi
  done
  modules="$("$jdk/bin/jdeps" --ignore-missing-deps --multi-release 17 --print-module-deps \
    --module-path "$out/fxmods" --class-path "$out/input/lib/*" "$out/input/cidrstudio.jar")"
  # Locale names and charsets beyond UTF-8 (file names and text in any encoding), and the zip file system.
  modules="$modules,jdk.charsets,jdk.localedata,jdk.zipfs"
  echo "installers: runtime modules $modules"
  "$jdk/bin/jlink" --module-path "$jdk/jmods:$out/fxmods" --add-modules "$modules" \
    --include-locales=en --strip-debug --no-header-files --no-man-pages --compress=2 "$@" --output "$out/runtime"
  cp "$out"/native/*."$suffix" "$out/runtime/lib/"
}

# The JVM options bin/cidrstudio uses (client compiler, parallel collector); no perf-data file in /tmp.
java_opts=(--java-options "-XX:TieredStopAtLevel=1" --java-options "-XX:+UseParallelGC"
  --java-options "-XX:-UsePerfData")
