package dev.cidrstudio;

import dev.cidrstudio.cli.CidrStudioCli;
import dev.cidrstudio.model.policy.KubeCel;
import dev.cidrstudio.ui.CidrStudioApp;
import java.nio.file.Files;
import java.nio.file.Path;

/** Starts the desktop app without arguments (or with one plan file), the command line with others. */
public final class Launcher {

    private Launcher() {
    }

    public static void main(String[] args) {
        if (args.length == 0 || args.length == 1 && args[0].matches("(?i).+\\.(ya?ml|json)")
                && Files.isRegularFile(Path.of(args[0]))) {
            // No arguments: the window with the demo plan; one plan or manifest file: the window with it.
            KubeCel.warmUpInBackground();
            CidrStudioApp.launchApp(args);
            return;
        }
        System.exit(CidrStudioCli.run(args, System.in, System.out, System.err));
    }
}
