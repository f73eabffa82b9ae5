package dev.cidrstudio.console.kubectl;

import dev.cidrstudio.console.kubectl.KubectlFlags.FlagException;
import dev.cidrstudio.console.kubectl.KubectlFlags.Type;
import dev.cidrstudio.io.manifest.GoJson;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code kubectl version}: the client's versions (those of the kubectl release the plan's Kubernetes minor pairs
 * with) and, unless {@code --client}, the API server's; {@code -o yaml|json} print the build information.
 */
public final class VersionOptions implements Command {

    static final String OUTPUT_ERROR = "error: --output must be 'yaml' or 'json'";

    private final Factory f;
    private boolean clientOnly;
    private String output;

    public VersionOptions(Factory f) {
        this.f = f;
    }

    @Override
    public void complete(List<String> args) throws FlagException {
        KubectlFlags.Parsed p = new KubectlFlags("version").add("client", null, Type.BOOL, "false")
                .add("output", "o", Type.STRING, "").parse(args);
        clientOnly = p.bool("client", false);
        output = p.string("output", "");
    }

    @Override
    public void validate() throws UsageException {
        if (!output.isEmpty() && !output.equals("yaml") && !output.equals("json")) {
            throw new UsageException(OUTPUT_ERROR);
        }
    }

    @Override
    public Result run() {
        ClientRelease client = f.client();
        if (output.isEmpty()) {
            StringBuilder sb = new StringBuilder("Client Version: ").append(client.gitVersion()).append('\n')
                    .append("Kustomize Version: ").append(client.kustomizeVersion()).append('\n');
            if (!clientOnly) {
                sb.append("Server Version: ").append(f.serverVersion()).append('\n');
            }
            return Result.ok(sb.toString());
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("clientVersion", clientInfo(client));
        doc.put("kustomizeVersion", client.kustomizeVersion());
        if (!clientOnly) {
            doc.put("serverVersion", serverInfo(f.serverVersion()));
        }
        // kubectl prints the marshalled document with Println: YAML gets a blank line after it.
        return Result.ok(output.equals("yaml") ? Printers.yaml(doc) + "\n" : twoSpaceIndent(GoJson.indentInOrder(doc)));
    }

    /** version marshals with a two-space indent where the printers use four. */
    private static String twoSpaceIndent(String json) {
        StringBuilder sb = new StringBuilder();
        for (String line : json.split("\n", -1)) {
            int spaces = 0;
            while (spaces < line.length() && line.charAt(spaces) == ' ') {
                spaces++;
            }
            sb.append(" ".repeat(spaces / 2)).append(line.substring(spaces)).append('\n');
        }
        return sb.substring(0, sb.length() - 1);
    }

    /** apimachinery's {@code version.Info}, in its field order (JSON keeps it; YAML sorts the keys). */
    private static Map<String, Object> clientInfo(ClientRelease c) {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("major", c.major());
        info.put("minor", c.minor());
        info.put("gitVersion", c.gitVersion());
        info.put("gitCommit", c.gitCommit());
        info.put("gitTreeState", "clean");
        info.put("buildDate", c.buildDate());
        info.put("goVersion", c.goVersion());
        info.put("compiler", "gc");
        info.put("platform", "linux/amd64");
        return info;
    }

    /** The kube-apiserver (and kubelet) version a plan's Kubernetes minor reports. */
    public static String serverGitVersion(dev.cidrstudio.model.cluster.KubeVersion release) {
        return switch (release) {
            case V1_33 -> "v1.33.6";
            case V1_34 -> "v1.34.2";
            case V1_35 -> "v1.35.0";
        };
    }

    /** What the simulated kube-apiserver of a release answers at {@code /version} ({@code version.Info}). */
    public static Map<String, Object> serverInfo(dev.cidrstudio.model.cluster.KubeVersion release) {
        return serverInfo(serverGitVersion(release));
    }

    /** The simulated API server knows its version only: no commit, build date or Go version. */
    private static Map<String, Object> serverInfo(String gitVersion) {
        String[] parts = gitVersion.substring(1).split("\\.");
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("major", parts[0]);
        info.put("minor", parts[1]);
        info.put("gitVersion", gitVersion);
        info.put("gitTreeState", "clean");
        info.put("compiler", "gc");
        info.put("platform", "linux/amd64");
        return info;
    }
}
