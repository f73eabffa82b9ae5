package dev.cidrstudio;

import dev.cidrstudio.cli.CidrStudioCli;
import dev.cidrstudio.ui.CidrStudioApp;

/** Starts the desktop app without arguments (or with one plan file), the command line with others. */
public final class Launcher {

    private Launcher() {
    }

    public static void main(String[] args) {
        if (args.length == 0 || args.length == 1 && args[0].matches("(?i).+\\.(ya?ml|json)")
                && java.nio.file.Files.isRegularFile(java.nio.file.Path.of(args[0]))) {
            // No arguments: the window with the demo plan; one plan or manifest file: the window with it.
            dev.cidrstudio.model.policy.KubeCel.warmUpInBackground();
            CidrStudioApp.launchApp(args);
            return;
        }
        System.exit(CidrStudioCli.run(args, System.in, System.out, System.err));
    }
}
