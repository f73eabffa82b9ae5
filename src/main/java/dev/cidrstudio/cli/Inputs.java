package dev.cidrstudio.cli;

import dev.cidrstudio.app.LocalFiles;
import dev.cidrstudio.app.ManifestImport;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/** Reads the files a command names ("-" is standard input), or says which one could not be read. */
final class Inputs {

    /** A file that cannot be read at all: exit status 2. */
    static final class Unreadable extends Exception {
        private static final long serialVersionUID = 1L;

        Unreadable(String message) {
            super(message);
        }
    }

    private Inputs() {
    }

    static List<ManifestImport.Source> read(List<String> files, InputStream stdin) throws Unreadable {
        List<ManifestImport.Source> out = new ArrayList<>();
        for (String f : files) {
            try {
                out.add(f.equals("-") ? new ManifestImport.Source("STDIN", LocalFiles.read(stdin, "STDIN"))
                        : new ManifestImport.Source(f, LocalFiles.read(f)));
            } catch (java.nio.file.NoSuchFileException e) {
                throw new Unreadable(f + ": error: no such file");
            } catch (LocalFiles.Refused e) {
                throw new Unreadable((f.equals("-") ? "STDIN" : f) + ": error: " + e.reason());
            } catch (IOException e) {
                throw new Unreadable((f.equals("-") ? "STDIN" : f) + ": error: cannot read: " + e.getMessage());
            }
        }
        return out;
    }
}
