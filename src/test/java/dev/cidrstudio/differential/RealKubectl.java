package dev.cidrstudio.differential;

import dev.cidrstudio.model.cluster.KubeVersion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The real kubectl of a release, as {@code bin/fetch-kubectl} leaves it (the build runs that script before the tests):
 * run with no cluster configured, in a given folder, with nothing on standard input.
 */
final class RealKubectl {

    /** What a command printed and how it ended. */
    record Run(String stdout, String stderr, int exitCode) {
    }

    private final Path binary;
    private final Path home;

    private RealKubectl(Path binary, Path home) {
        this.binary = binary;
        this.home = home;
    }

    /** Where the binaries are: the build's {@code cidrstudio.kubectlDir}, else the script's default cache. */
    static Path directory() {
        String dir = System.getProperty("cidrstudio.kubectlDir", System.getenv("CIDRSTUDIO_KUBECTL_DIR"));
        if (dir != null && !dir.isBlank()) {
            return Path.of(dir);
        }
        String cache = System.getenv("XDG_CACHE_HOME");
        return (cache != null && !cache.isBlank() ? Path.of(cache) : Path.of(System.getProperty("user.home"),
                ".cache")).resolve("cidrstudio").resolve("kubectl");
    }

    /** The kubectl of a release; fails (never skips) when it is missing, saying how to get it. */
    static RealKubectl of(KubeVersion release, Path home) {
        Path binary = directory().resolve("kubectl-" + release.text());
        if (!Files.isExecutable(binary)) {
            throw new AssertionError("the real kubectl " + release.text() + " is not at " + binary
                    + ": run bin/fetch-kubectl (mvn verify runs it), which needs npm and unzip");
        }
        return new RealKubectl(binary, home);
    }

    /** Runs {@code kubectl ARGS} in {@code dir} with no cluster configured; gives up after 20 s. */
    Run run(List<String> args, Path dir) throws IOException, InterruptedException {
        return run(args, dir, home.resolve("no-such-kubeconfig"));
    }

    /** Runs {@code kubectl ARGS} in {@code dir} against the cluster of {@code kubeconfig}; gives up after 20 s. */
    Run run(List<String> args, Path dir, Path kubeconfig) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(binary.toString());
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        pb.environment().clear();
        pb.environment().put("HOME", home.toString());
        pb.environment().put("KUBECONFIG", kubeconfig.toString());
        pb.environment().put("PATH", "/usr/bin:/bin");
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process p = pb.start();
        CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("kubectl " + String.join(" ", args) + " did not end in 20 s");
        }
        return new Run(new String(out.join(), StandardCharsets.UTF_8), new String(err.join(), StandardCharsets.UTF_8),
                p.exitValue());
    }

    private static byte[] readAll(java.io.InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            return new byte[0];
        }
    }
}
