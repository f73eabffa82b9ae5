package dev.cidrstudio.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** docs/cli-reference.md names every command and, in the command's own section, every one of its options. */
class CliReferenceTest {

    @Test
    void everyCommandAndOptionIsDocumented() throws Exception {
        String doc = Files.readString(Path.of("docs", "cli-reference.md"));
        CommandLine cli = CidrStudioCli.commandLine(System.in, System.out, System.err);
        for (var entry : cli.getSubcommands().entrySet()) {
            String name = entry.getKey();
            String heading = "## `" + name + "`";
            int at = doc.indexOf(heading);
            assertTrue(at >= 0, "no section for " + name);
            int next = doc.indexOf("\n## ", at + heading.length());
            String section = doc.substring(at, next < 0 ? doc.length() : next);
            CommandSpec spec = entry.getValue().getCommandSpec();
            for (OptionSpec option : spec.options()) {
                if (option.usageHelp() || option.versionHelp()) {
                    continue;
                }
                assertTrue(section.contains("`" + option.longestName()) || section.contains(option.longestName() + "="),
                        name + ": " + option.longestName() + " is not documented");
            }
            for (var positional : spec.positionalParameters()) {
                assertTrue(section.contains(positional.paramLabel()), name + ": " + positional.paramLabel());
            }
        }
    }
}
