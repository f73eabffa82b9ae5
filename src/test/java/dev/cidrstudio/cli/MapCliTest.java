package dev.cidrstudio.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cidrstudio map}: the address map without a window, for reports. */
class MapCliTest {

    @TempDir
    Path dir;

    @Test
    void drawsEveryPrefixToSvgAndPngAndPrintsItsUtilisation() throws Exception {
        String plan = """
                apiVersion: cidrstudio.dev/v1alpha1
                kind: Cluster
                metadata: {name: m}
                spec:
                  serviceClusterIPRange: 10.96.0.0/24,fd00:10:96::/112
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: web, namespace: default}
                spec: {ports: [{port: 80}]}
                """;
        Path svg = dir.resolve("map.svg");
        Path png = dir.resolve("map.png");
        CliTest.Run r = CliTest.cli(plan, "map", "--size", "128", "--svg", svg.toString(), "--png", png.toString(),
                "-");
        assertEquals(0, r.code(), r.err());
        assertEquals("""
                kubernetes 10.96.0.0/24 - 3 of 254 used (1.2%)
                kubernetes fd00:10:96::/112 - 0 of 65,535 used (0%)
                """, r.out());
        String text = Files.readString(svg);
        assertTrue(text.contains(">kubernetes 10.96.0.0/24 - 3 of 254 used (1.2%)</text>"), "titles");
        assertTrue(text.contains("namespace default"), "legend");
        var image = ImageIO.read(png.toFile());
        assertEquals(128 * 2 + 8, image.getWidth());
        assertEquals(128, image.getHeight());
        assertEquals(2, CliTest.cli(plan, "map", "--size", "1", "-").code());
    }
}
