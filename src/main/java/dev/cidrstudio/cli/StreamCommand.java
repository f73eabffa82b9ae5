package dev.cidrstudio.cli;

import dev.cidrstudio.app.ManifestImport;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;

/** A subcommand with the process's standard streams (tests pass their own). */
abstract class StreamCommand implements Callable<Integer> {

    final InputStream in;
    final PrintStream out;
    final PrintStream err;

    StreamCommand(InputStream in, PrintStream out, PrintStream err) {
        this.in = in;
        this.out = out;
        this.err = err;
    }

    /** The files ('-' is standard input), or null after saying which one cannot be read (exit status 2). */
    List<ManifestImport.Source> readOrReport(List<String> files) {
        try {
            return Inputs.read(files, in);
        } catch (Inputs.Unreadable e) {
            err.println(e.getMessage());
            return null;
        }
    }

    /**
     * The plan the files make, or null after printing why: an unreadable file, or the import's findings at their
     * file and line. The plan of files that cannot be loaded is never half made.
     */
    dev.cidrstudio.app.PlanLoader.Result loadOrReport(List<ManifestImport.Source> sources) {
        try {
            return dev.cidrstudio.app.PlanLoader.load(sources);
        } catch (ManifestImport.ImportException e) {
            e.findings().forEach(f -> err.println(f.describe()));
            return null;
        }
    }
}
