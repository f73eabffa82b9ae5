package dev.cidrstudio.server;

import dev.cidrstudio.app.PlanSession;
import dev.cidrstudio.console.CommandResult;
import dev.cidrstudio.console.Kubectl;
import dev.cidrstudio.model.api.KeptObject;
import dev.cidrstudio.model.cluster.ApiException;
import dev.cidrstudio.model.cluster.ClusterState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code GET .../pods/NAME/log}: what a Pod's container wrote, as the practice console's {@code kubectl logs} shows
 * it (a container that ran a one-shot command the simulation knows), in plain text. A Pod of several containers
 * needs {@code container}, with kube-apiserver's words when it is missing or unknown.
 */
final class PodLog {

    static final String MEDIA_TYPE = "text/plain";

    /** A reply body sent as it is, not as JSON. */
    record Text(String text) {
    }

    private PodLog() {
    }

    static Text of(PlanSession session, String namespace, String name, String container) throws ApiException {
        ClusterState state = session.current();
        ServedResource pods = ServedResource.find(ServedResource.CORE, "v1", "pods").orElseThrow();
        KeptObject pod = state.kept().stream()
                .filter(k -> "v1".equals(k.apiVersion()) && "Pod".equals(k.kind())
                        && Objects.equals(namespace, k.namespace()) && name.equals(k.name()))
                .findFirst().orElseThrow(() -> new ApiException(Statuses.notFound(pods, name)));
        List<String> containers = new ArrayList<>();
        if (pod.content().get("spec") instanceof Map<?, ?> spec && spec.get("containers") instanceof List<?> l) {
            for (Object c : l) {
                if (c instanceof Map<?, ?> m && m.get("name") != null) {
                    containers.add(String.valueOf(m.get("name")));
                }
            }
        }
        String chosen = container == null || container.isEmpty() ? null : container;
        if (chosen == null && containers.size() > 1) {
            throw new ApiException(Statuses.badRequest("a container name must be specified for pod " + name
                    + ", choose one of: [" + String.join(" ", containers) + "]"));
        }
        if (chosen != null && !containers.contains(chosen)) {
            throw new ApiException(Statuses.badRequest("container " + chosen + " is not valid for pod " + name));
        }
        // The console's own logs, on a copy of the plan: it starts the Pods the plan keeps unstarted (their address,
        // their node) as it does for the learner, so both print the same.
        List<String> args = new ArrayList<>(List.of("logs", name, "-n", namespace));
        if (chosen != null) {
            args.add("--container=" + chosen);
        }
        CommandResult log = new Kubectl(session.view().fork(), path -> {
            throw new java.io.IOException("no files here");
        }).run(args, "");
        if (log.exitCode() != 0) {
            throw new ApiException(Statuses.internalError(log.stderr().strip()));
        }
        return new Text(log.stdout());
    }
}
