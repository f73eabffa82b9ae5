package dev.cidrstudio;

import dev.cidrstudio.app.CrashHandler;
import dev.cidrstudio.app.CrashLog;
import dev.cidrstudio.app.PlanSession;
import dev.cidrstudio.cli.CidrStudioCli;
import dev.cidrstudio.model.policy.KubeCel;
import dev.cidrstudio.ui.CidrStudioApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/** Starts the desktop app without arguments (or with one plan file), the command line with others. */
public final class Launcher {

    private Launcher() {
    }

    public static void main(String[] args) {
        if (args.length == 0 || args.length == 1 && args[0].matches("(?i).+\\.(ya?ml|json)")
                && Files.isRegularFile(Path.of(args[0]))) {
            // No arguments: the window with the demo plan; one plan or manifest file: the window with it.
            if (relaunchedOnModulePath(args)) {
                return;
            }
            KubeCel.warmUpInBackground();
            CidrStudioApp.launchApp(args);
            return;
        }
        // A thread other than main that dies of an exception gets a crash report and one line, not a stack trace.
        Thread.setDefaultUncaughtExceptionHandler(new CrashHandler(new CrashLog(PlanSession.defaultConfigDir(),
                Clock.systemDefaultZone()), System.err));
        System.exit(CidrStudioCli.run(args, System.in, System.out, System.err));
    }

    /**
     * JavaFX expects its modules on the module path; {@code java -jar cidrstudio.jar} puts them on the class path,
     * where JavaFX warns "Unsupported JavaFX configuration". Started that way, the window runs in a second JVM with
     * the JavaFX jars next to the app's jar ({@code lib/}) on the module path, and this one waits for it. Returns
     * false (start here) when JavaFX already is a module, or the jars are not where the jar's manifest puts them.
     */
    private static boolean relaunchedOnModulePath(String[] args) {
        if (ModuleLayer.boot().findModule("javafx.graphics").isPresent()
                || Boolean.getBoolean("cidrstudio.relaunched")) {
            return false;
        }
        try {
            Path jar = Path.of(Launcher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path lib = jar.getParent() == null ? null : jar.getParent().resolve("lib");
            if (!Files.isRegularFile(jar) || lib == null || !Files.isDirectory(lib)) {
                return false;
            }
            java.util.List<String> fx = new java.util.ArrayList<>();
            java.util.List<String> rest = new java.util.ArrayList<>(java.util.List.of(jar.toString()));
            try (var files = Files.list(lib)) {
                for (Path p : files.sorted().toList()) {
                    (p.getFileName().toString().startsWith("javafx-") ? fx : rest).add(p.toString());
                }
            }
            if (fx.isEmpty()) {
                return false;
            }
            java.util.List<String> command = new java.util.ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments());
            command.addAll(java.util.List.of("-Dcidrstudio.relaunched=true", "--module-path",
                    String.join(java.io.File.pathSeparator, fx), "--add-modules", "javafx.controls,javafx.fxml",
                    "-cp", String.join(java.io.File.pathSeparator, rest), Launcher.class.getName()));
            command.addAll(java.util.List.of(args));
            Process child = new ProcessBuilder(command).inheritIO().start();
            System.exit(child.waitFor());
            return true;
        } catch (java.io.IOException | java.net.URISyntaxException | SecurityException e) {
            System.getLogger(Launcher.class.getName()).log(System.Logger.Level.WARNING,
                    "could not restart with JavaFX on the module path; starting on the class path", e);
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
