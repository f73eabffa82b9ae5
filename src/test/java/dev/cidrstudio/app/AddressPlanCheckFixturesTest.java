package dev.cidrstudio.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The address-plan check over a fixture set: each {@code address-plan/NAME.yaml} is checked and its warnings must be
 * exactly the lines of {@code NAME.expected} (each overlap of the fixture, at its line, and nothing else).
 */
class AddressPlanCheckFixturesTest {

    private static final Path DIR = Path.of("src/test/resources/address-plan");

    static Stream<String> fixtures() throws IOException {
        try (Stream<Path> files = Files.list(DIR)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml")).sorted().toList()
                    .stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void reportsEachOverlapOfTheFixtureAndNothingElse(String name) throws IOException {
        String text = Files.readString(DIR.resolve(name), StandardCharsets.UTF_8);
        List<String> expected = Files.readAllLines(DIR.resolve(name.replace(".yaml", ".expected")));
        List<String> actual = AddressPlanCheck.findings(List.of(new ManifestImport.Source(name, text))).stream()
                .map(Finding::describe).toList();
        assertEquals(expected, actual);
    }
}
