# Builds CIDR Studio's .msi on Windows with the JDK's jlink and jpackage. Needs JDK 17 or later, Maven, and the
# WiX Toolset 3 (candle.exe and light.exe on the PATH), which jpackage uses for .msi files. From the repository:
#   powershell -ExecutionPolicy Bypass -File installers\build-windows.ps1
# Output: target\installer\CIDR Studio-VERSION.msi, with a Start menu entry, a per-user install option and the
# .cidrplan.yaml file type. Unsigned; sign it with signtool if you distribute it.
$ErrorActionPreference = 'Stop'
Set-Location (Join-Path $PSScriptRoot '..')
$jdk = if ($env:JAVA_HOME) { $env:JAVA_HOME } else { throw 'Set JAVA_HOME to a JDK 17 or later' }
mvn -q -B -DskipTests package
if ($LASTEXITCODE -ne 0) { throw 'mvn package failed' }
Add-Type -AssemblyName System.IO.Compression.FileSystem
$zip = [System.IO.Compression.ZipFile]::OpenRead('target\cidrstudio.jar')
$manifest = New-Object System.IO.StreamReader(($zip.Entries | Where-Object FullName -eq 'META-INF/MANIFEST.MF').Open())
$version = ($manifest.ReadToEnd() -split "`r?`n" | Where-Object { $_ -like 'Implementation-Version:*' }) -replace 'Implementation-Version:\s*', ''
$manifest.Close(); $zip.Dispose()
$numeric = ([regex]::Match($version, '^\d+(\.\d+){0,2}')).Value
$out = 'target\installer'
Remove-Item -Recurse -Force $out -ErrorAction SilentlyContinue
New-Item -ItemType Directory -Force "$out\input\lib", "$out\fxmods", "$out\native" | Out-Null
Copy-Item target\cidrstudio.jar "$out\input\"
Get-ChildItem target\lib\*.jar | Where-Object Name -notlike 'javafx-*' | Copy-Item -Destination "$out\input\lib\"
# As on Linux: JavaFX's DLLs go into the runtime image, so nothing is unpacked into the user's profile.
foreach ($fx in Get-ChildItem target\lib\javafx-*-win.jar) {
  $dest = Join-Path $out "fxmods\$($fx.Name)"
  Copy-Item $fx.FullName $dest
  $archive = [System.IO.Compression.ZipFile]::Open((Resolve-Path $dest), 'Update')
  foreach ($entry in @($archive.Entries | Where-Object Name -like '*.dll')) {
    [System.IO.Compression.ZipFileExtensions]::ExtractToFile($entry, (Join-Path (Resolve-Path "$out\native") $entry.Name), $true)
    $entry.Delete()
  }
  $archive.Dispose()
}
$modules = (& "$jdk\bin\jdeps" --ignore-missing-deps --multi-release 17 --print-module-deps `
  --module-path "$out\fxmods" --class-path "$out\input\lib\*" "$out\input\cidrstudio.jar") + ',jdk.charsets,jdk.localedata,jdk.zipfs'
& "$jdk\bin\jlink" --module-path "$jdk\jmods;$out\fxmods" --add-modules $modules --include-locales=en `
  --strip-debug --no-header-files --no-man-pages --compress=2 --output "$out\runtime"
Copy-Item "$out\native\*.dll" "$out\runtime\bin\"
& "$jdk\bin\jpackage" --type msi --name 'CIDR Studio' --app-version $numeric --vendor 'CIDR Studio' `
  --description 'Planner for Kubernetes Service IP ranges, dual-stack Services and Pod /etc/hosts' `
  --runtime-image "$out\runtime" --input "$out\input" --main-jar cidrstudio.jar `
  --main-class dev.cidrstudio.Launcher --icon assets\icon\cidrstudio.ico `
  --file-associations installers\windows\cidrplan.properties `
  --win-menu --win-menu-group 'CIDR Studio' --win-dir-chooser --win-per-user-install `
  --win-upgrade-uuid 0c9b7f2e-5b0f-4a53-9b8e-6a1f0d2c7e41 `
  --java-options '-XX:TieredStopAtLevel=1' --java-options '-XX:+UseParallelGC' --java-options '-XX:-UsePerfData' `
  --dest $out
Get-ChildItem "$out\*.msi"
