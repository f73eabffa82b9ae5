package dev.cidrstudio.cli;

import dev.cidrstudio.console.Kubectl;
import dev.cidrstudio.console.ScriptRunner;
import dev.cidrstudio.console.shell.CommandHost;
import dev.cidrstudio.io.plan.InPlaceFile;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The files {@code > FILE} and {@code >> FILE} write from {@code cidrstudio kubectl}: opened where they are, as bash
 * opens them ({@link InPlaceFile}), so a link is written through, {@code /dev/null} stays a device and a pipe stays
 * a pipe.
 */
final class ConsoleFiles implements ScriptRunner.FileSink {

    private final Duration pipeWait;

    ConsoleFiles(Duration pipeWait) {
        this.pipeWait = pipeWait;
    }

    @Override
    public void write(String path, String content) throws IOException {
        CommandHost.OutputFile f = open(path, false, p -> "");
        try {
            f.write(content);
        } finally {
            f.close();
        }
    }

    @Override
    public CommandHost.OutputFile open(String path, boolean append, Kubectl.FileSource current) throws IOException {
        OutputStream out = InPlaceFile.open(Path.of(path), append, pipeWait);
        return new CommandHost.OutputFile() {
            @Override
            public void write(String text) throws IOException {
                out.write(text.getBytes(StandardCharsets.UTF_8));
            }

            @Override
            public void close() throws IOException {
                out.close();
            }
        };
    }
}
