package dev.cidrstudio.differential;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.cidrstudio.console.CommandResult;
import dev.cidrstudio.console.Kubectl;
import dev.cidrstudio.model.cluster.ApiServer;
import dev.cidrstudio.model.cluster.ClusterSettings;
import dev.cidrstudio.model.cluster.KubeVersion;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The console against the real kubectl of each release, byte for byte: every command of the corpus
 * ({@code kubectl-differential/corpus.txt}, commands that need no cluster) runs through both, and standard output,
 * standard error and the exit code must be the same. A difference kept on purpose is listed with its reason in
 * {@code known-differences.txt}; a listed difference that no longer occurs fails too, so the list stays true.
 * The commands of {@code discovery-corpus.txt} need to know which resources the server has, and nothing more: the real
 * kubectl asks a {@link DiscoveryServer} that answers discovery alone.
 */
public class KubectlDifferentialTest {

    static final Path CORPUS = Path.of("src/test/resources/kubectl-differential");

    @TempDir
    Path home;

    @ParameterizedTest
    @EnumSource(KubeVersion.class)
    void theConsolePrintsWhatTheRealKubectlPrints(KubeVersion release) throws Exception {
        RealKubectl real = RealKubectl.of(release, home);
        List<List<String>> corpus = corpus("corpus.txt");
        List<List<String>> discovery = corpus("discovery-corpus.txt");
        Map<String, String> known = knownDifferences(release);
        List<String> unexpected = new ArrayList<>();
        List<String> stale = new ArrayList<>();
        int same = 0;
        List<List<String>> all = new ArrayList<>(corpus);
        all.addAll(discovery);
        try (DiscoveryServer server = DiscoveryServer.start(home)) {
        for (int i = 0; i < all.size(); i++) {
            List<String> args = all.get(i);
            String line = String.join(" ", args);
            RealKubectl.Run theirs = i < corpus.size() ? real.run(args, CORPUS.toAbsolutePath())
                    : real.run(args, CORPUS.toAbsolutePath(), server.kubeconfig());
            CommandResult ours = ours(release, args);
            String difference = difference(theirs, ours);
            if (difference == null) {
                same++;
                if (known.containsKey(line)) {
                    stale.add(line);
                }
            } else if (!known.containsKey(line)) {
                unexpected.add("kubectl " + line + "\n" + difference);
            }
        }
        }
        if (!unexpected.isEmpty() || !stale.isEmpty()) {
            fail("kubectl " + release.text() + ": " + same + " of " + all.size() + " commands print the same; "
                    + unexpected.size() + " differ and are not known:\n\n" + String.join("\n\n", unexpected)
                    + (stale.isEmpty() ? "" : "\n\nknown differences that no longer occur (remove them from "
                            + "known-differences.txt):\n" + String.join("\n", stale)));
        }
        assertTrue(corpus.size() >= 150, "the corpus holds " + corpus.size() + " commands");
    }

    private static CommandResult ours(KubeVersion release, List<String> args) throws Exception {
        ApiServer api = ApiServer.bootstrap(ClusterSettings.defaults().withKubernetesVersion(release));
        Kubectl kubectl = new Kubectl(api, path -> Files.readString(CORPUS.resolve(path)));
        return kubectl.run(args, "");
    }

    /** What differs, or null when nothing does. */
    public static String difference(RealKubectl.Run theirs, CommandResult ours) {
        StringBuilder sb = new StringBuilder();
        if (!theirs.stdout().equals(ours.stdout())) {
            sb.append("  stdout, kubectl:\n").append(indent(theirs.stdout())).append("  stdout, console:\n")
                    .append(indent(ours.stdout()));
        }
        String theirErr = placeholders(theirs.stderr());
        String ourErr = placeholders(ours.stderr());
        if (!theirErr.equals(ourErr)) {
            sb.append("  stderr, kubectl:\n").append(indent(theirErr)).append("  stderr, console:\n")
                    .append(indent(ourErr));
        }
        if (theirs.exitCode() != ours.exitCode()) {
            sb.append("  exit code: kubectl ").append(theirs.exitCode()).append(", console ")
                    .append(ours.exitCode()).append('\n');
        }
        return sb.isEmpty() ? null : sb.toString();
    }

    /** klog's line header holds the time and the process id, which a real kubectl picks freely. */
    private static final java.util.regex.Pattern KLOG_HEADER = java.util.regex.Pattern.compile(
            "(?m)^([IWEF])\\d{4} \\d{2}:\\d{2}:\\d{2}\\.\\d{6} +\\d+ ");

    static String placeholders(String stderr) {
        return KLOG_HEADER.matcher(stderr).replaceAll("$1MMDD hh:mm:ss.uuuuuu PID ");
    }

    private static String indent(String s) {
        StringBuilder sb = new StringBuilder();
        for (String l : s.split("\n", -1)) {
            sb.append("    |").append(l.replace("\t", "\\t")).append('\n');
        }
        return sb.toString();
    }

    static List<List<String>> corpus(String file) throws Exception {
        List<List<String>> out = new ArrayList<>();
        for (String line : Files.readAllLines(CORPUS.resolve(file), StandardCharsets.UTF_8)) {
            String t = line.strip();
            if (!t.isEmpty() && !t.startsWith("#")) {
                out.add(words(t));
            }
        }
        return out;
    }

    /** The differences kept on purpose for a release: command line to reason. */
    static Map<String, String> knownDifferences(KubeVersion release) throws Exception {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : Files.readAllLines(CORPUS.resolve("known-differences.txt"), StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t", 3);
            if (f.length != 3) {
                throw new AssertionError("known-differences.txt: want RELEASE<tab>COMMAND<tab>WHY: " + line);
            }
            if (f[0].equals("*") || f[0].equals(release.text())) {
                out.put(String.join(" ", words(f[1])), f[2]);
            }
        }
        return out;
    }

    /** Splits a command line into words as a shell would for plain, single- and double-quoted words. */
    static List<String> words(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        boolean inWord = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\'') {
                int end = line.indexOf('\'', i + 1);
                w.append(line, i + 1, end);
                i = end;
                inWord = true;
            } else if (c == '"') {
                int end = line.indexOf('"', i + 1);
                w.append(line.substring(i + 1, end).replace("\\\"", "\"").replace("\\\\", "\\"));
                i = end;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    out.add(w.toString());
                    w.setLength(0);
                    inWord = false;
                }
            } else {
                w.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            out.add(w.toString());
        }
        return out;
    }
}
