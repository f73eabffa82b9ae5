package dev.cidrstudio;

import dev.cidrstudio.cli.CidrStudioCli;
import dev.cidrstudio.ui.CidrStudioApp;

/** Starts the desktop app without arguments, the command line with them. */
public final class Launcher {

    private Launcher() {
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            CidrStudioApp.launchApp(args);
            return;
        }
        System.exit(CidrStudioCli.run(args, System.in, System.out, System.err));
    }
}
