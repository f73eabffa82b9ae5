package dev.cidrstudio.console.kubectl;

import dev.cidrstudio.console.kubectl.KubectlFlags.FlagException;
import dev.cidrstudio.console.kubectl.KubectlFlags.Parsed;
import dev.cidrstudio.console.kubectl.KubectlFlags.Type;
import dev.cidrstudio.model.cluster.KubeVersion;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code kubectl create deployment NAME --image=IMAGE [-- COMMAND]}. The simulated cluster has no Deployments, so
 * the console builds what kubectl would send and prints it ({@code --dry-run=client}); sending it is refused.
 */
final class CreateDeploymentOptions implements Command {

    static final String NOT_SIMULATED = "error: the practice console does not simulate Deployments; "
            + "add --dry-run=client to see the Deployment kubectl would send";

    private final Factory f;
    private Parsed flags;
    private DryRun dryRun;
    private Output format;
    private String name;
    private List<String> images;
    private List<String> command;

    CreateDeploymentOptions(Factory f) {
        this.f = f;
    }

    @Override
    public void complete(List<String> args) throws FlagException, UsageException {
        flags = CreateOptions.writeFlags("create deployment").add("image", null, Type.STRINGS, null)
                .add("port", null, Type.INT, "-1").add("replicas", "r", Type.INT, "1").parse(args);
        if (!flags.has("image")) {
            throw new UsageException("error: required flag(s) \"image\" not set");
        }
        int beforeDash = flags.argsLenAtDash() < 0 ? flags.args().size() : flags.argsLenAtDash();
        if (beforeDash != 1) {
            throw new UsageException("error: exactly one NAME is required, got " + beforeDash + "\n"
                    + String.format(CreateOptions.HELP_HINT, "create deployment"));
        }
        name = flags.args().get(0);
        command = flags.args().subList(1, flags.args().size());
        images = flags.strings("image");
        dryRun = DryRun.of(flags, f);
        format = Output.parseForWrite(flags.string("output", ""), flags.string("template", null),
                f.api().settings().kubernetesVersion());
        CreateOptions.validationDirective(flags);
    }

    @Override
    public void validate() throws UsageException {
        if (images.size() > 1 && !command.isEmpty()) {
            throw new UsageException("error: cannot specify multiple --image options and command");
        }
    }

    @Override
    public Result run() {
        if (dryRun != DryRun.CLIENT) {
            return Result.error(NOT_SIMULATED, 1);
        }
        KubeVersion client = f.api().settings().kubernetesVersion();
        Map<String, Object> deployment = deployment(client);
        if (flags.bool("save-config", false)) {
            @SuppressWarnings("unchecked")
            Map<String, Object> meta = (Map<String, Object>) deployment.get("metadata");
            Map<String, Object> withAnnotation = new LinkedHashMap<>();
            meta.forEach((k, v) -> {
                if (k.equals("annotations")) {
                    return;
                }
                withAnnotation.put(k, v);
                if (k.equals("labels") || (k.equals("creationTimestamp") && !meta.containsKey("labels"))) {
                    withAnnotation.put("annotations", new LinkedHashMap<>(LastApplied.ofTyped(deployment)));
                }
            });
            deployment.put("metadata", withAnnotation);
        }
        return Result.ok(format.isDefault() ? "deployment.apps/" + name + " created" + dryRun.suffix() + "\n"
                : format.renderTyped(deployment));
    }

    /** kubectl's {@code createDeployment}, in the Go structs' field order. */
    private Map<String, Object> deployment(KubeVersion client) {
        Map<String, Object> labels = Map.of("app", name);
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("name", name);
        if (flags.has("namespace")) {
            meta.put("namespace", flags.namespace());
        }
        if (client.printsNullCreationTimestamp()) {
            meta.put("creationTimestamp", null);
        }
        meta.put("labels", labels);
        Map<String, Object> templateMeta = new LinkedHashMap<>();
        if (client.printsNullCreationTimestamp()) {
            templateMeta.put("creationTimestamp", null);
        }
        templateMeta.put("labels", labels);
        List<Object> containers = new ArrayList<>();
        int port = Integer.parseInt(flags.string("port", "-1"));
        for (String image : images) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("name", containerName(image));
            c.put("image", image);
            if (!command.isEmpty()) {
                c.put("command", command);
            }
            if (port >= 0 && containers.isEmpty()) {
                c.put("ports", List.of(Map.of("containerPort", port)));
            }
            c.put("resources", Map.of());
            containers.add(c);
        }
        Map<String, Object> template = new LinkedHashMap<>();
        template.put("metadata", templateMeta);
        template.put("spec", Map.of("containers", containers));
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("replicas", Integer.parseInt(flags.string("replicas", "1")));
        spec.put("selector", Map.of("matchLabels", labels));
        spec.put("template", template);
        spec.put("strategy", Map.of());
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("kind", "Deployment");
        doc.put("apiVersion", "apps/v1");
        doc.put("metadata", meta);
        doc.put("spec", spec);
        doc.put("status", Map.of());
        return doc;
    }

    /**
     * The container's name: the image's last path part without tag or digest. A name with "_" or "." gets them as
     * "-" and a random five-letter suffix in kubectl; the console's suffix comes from the name, so it repeats.
     */
    static String containerName(String image) {
        String n = image.substring(image.lastIndexOf('/') + 1);
        if (n.contains(":")) {
            n = n.substring(0, n.indexOf(':'));
        }
        if (n.contains("@")) {
            n = n.substring(0, n.indexOf('@'));
        }
        if (n.contains("_") || n.contains(".")) {
            n = n.replace('_', '-').replace('.', '-');
            String alphabet = "bcdfghjklmnpqrstvwxz2456789";
            StringBuilder suffix = new StringBuilder();
            int h = n.hashCode() & 0x7fffffff;
            for (int i = 0; i < 5; i++) {
                suffix.append(alphabet.charAt(h % alphabet.length()));
                h /= alphabet.length();
            }
            n = n + "-" + suffix;
        }
        return n;
    }
}
