package dev.cidrstudio.console.kubectl;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/** The example manifests the Kubernetes docs pages apply by URL, bundled so the console can replay them offline. */
final class DocsExamples {

    private static final List<String> PREFIXES = List.of("https://k8s.io/examples/",
            "https://kubernetes.io/examples/",
            "https://raw.githubusercontent.com/kubernetes/website/main/content/en/examples/");

    private DocsExamples() {
    }

    static Optional<String> read(String url) {
        for (String prefix : PREFIXES) {
            if (url.startsWith(prefix)) {
                String rest = url.substring(prefix.length());
                if (rest.contains("..")) {
                    return Optional.empty();
                }
                try (InputStream in = DocsExamples.class.getResourceAsStream("/dev/cidrstudio/examples/" + rest)) {
                    return in == null ? Optional.empty()
                            : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                } catch (IOException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }
}
