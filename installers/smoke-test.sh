#!/usr/bin/env bash
# Builds the Linux app-image from the jar `mvn package` made and checks that the packaged app runs on its own
# runtime: --version prints the pom's version and the command line answers. CI runs it after the tests.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
installers/build-linux.sh --skip-build --app-image-only
app=target/installer/cidrstudio/bin/cidrstudio
# shellcheck source=installers/runtime-image.sh
source installers/runtime-image.sh
read_version target/cidrstudio.jar
got="$("$app" --version)"
if [[ "$got" != "CIDR Studio $version" ]]; then
  echo "smoke-test: --version printed '$got', expected 'CIDR Studio $version'" >&2
  exit 1
fi
out="$("$app" kubectl get svc kubernetes -o name)"
if [[ "$out" != "service/kubernetes" ]]; then
  echo "smoke-test: kubectl get svc kubernetes printed '$out'" >&2
  exit 1
fi
# JavaFX's native libraries live in the runtime image, not in a cache the app would write.
ls target/installer/cidrstudio/lib/runtime/lib/libglassgtk3.so > /dev/null
cmp -s target/installer/cidrstudio/lib/cidrstudio.png assets/icon/cidrstudio-256.png \
  || { echo "smoke-test: the app-image's icon is not assets/icon/cidrstudio-256.png" >&2; exit 1; }
echo "smoke-test: the app-image runs ($got)"
