package dev.cidrstudio.console.kubectl;

import dev.cidrstudio.console.kubectl.KubectlFlags.FlagException;
import dev.cidrstudio.console.kubectl.KubectlFlags.Parsed;
import dev.cidrstudio.console.kubectl.KubectlFlags.Type;
import dev.cidrstudio.console.kubectl.ManifestFiles.Loaded;
import dev.cidrstudio.console.kubectl.ResourceArgs.Target;
import dev.cidrstudio.model.api.KubeObject;
import dev.cidrstudio.model.api.ServiceCidr;
import dev.cidrstudio.model.cluster.ApiException;
import dev.cidrstudio.model.cluster.ApiServer;
import dev.cidrstudio.model.cluster.KubeVersion;
import dev.cidrstudio.model.cluster.Status;
import dev.cidrstudio.model.policy.PolicyAdmission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code kubectl delete}: by type and name, by selector or {@code --all}, or what files name. */
public final class DeleteOptions implements Command {

    /** How long {@code kubectl delete} waits (simulated) for finalizers that are about to go. */
    static final Duration DELETE_WAIT = Duration.ofSeconds(30);

    private final Factory f;
    private final String stdin;
    private Parsed flags;
    private DryRun dryRun;

    public DeleteOptions(Factory f, String stdin) {
        this.f = f;
        this.stdin = stdin;
    }

    @Override
    public void complete(List<String> args) throws FlagException, UsageException {
        flags = DryRun.addFlag(KubectlFlags.common()).add("filename", "f", Type.STRINGS, null)
                .add("selector", "l", Type.STRING, null)
                .add("all", null, Type.BOOL, "false").add("wait", null, Type.BOOL, "true")
                .add("now", null, Type.BOOL, "false").add("grace-period", null, Type.INT, "-1")
                .add("ignore-not-found", null, Type.BOOL, "false").add("output", "o", Type.STRING, null)
                .add("all-namespaces", "A", Type.BOOL, "false")
                .add("force", null, Type.BOOL, "false").add("timeout", null, Type.STRING, "0s").parse(args);
        dryRun = DryRun.of(flags, f);
    }

    @Override
    public Result run() throws UsageException {
        ApiServer api = f.api();
        String ns = flags.namespace();
        List<KubeObject> victims = new ArrayList<>();
        StringBuilder err = new StringBuilder();
        StringBuilder keptOut = new StringBuilder();
        boolean ignore = flags.bool("ignore-not-found", false);
        if (!flags.raw("filename").isEmpty()) {
            for (String file : flags.raw("filename")) {
                Loaded l = ManifestFiles.load(f, file, stdin);
                for (KubeObject o : l.objects()) {
                    KubeObject obj = ManifestFiles.inNamespace(o, ns);
                    Optional<KubeObject> found = api.find(obj.kind(), obj.namespace(), obj.name());
                    if (found.isPresent()) {
                        victims.add(found.get());
                    } else if (!ignore) {
                        err.append(KubectlErrors.forStatus(Status.notFound(obj.kind(), obj.name()), "deleting",
                                l.source()));
                    }
                }
                deleteKept(l, ns, ignore, keptOut, err);
            }
        } else {
            Result early = collectByArgs(ns, ignore, victims, err);
            if (early != null) {
                return early;
            }
        }
        StringBuilder out = new StringBuilder(keptOut);
        String operation = "0".equals(flags.string("grace-period", "-1")) ? "force deleted" : "deleted";
        List<KubeObject> pending = new ArrayList<>();
        for (KubeObject v : victims) {
            if (dryRun == DryRun.NONE) {
                try {
                    KubeObject after = api.delete(v.kind(), v.namespace(), v.name());
                    if (after.meta().beingDeleted()) {
                        pending.add(after);
                    }
                } catch (ApiException e) {
                    err.append(KubectlErrors.forStatus(e.status(), "deleting", null));
                    continue;
                }
            }
            if ("name".equals(flags.string("output", ""))) {
                out.append(ResourceTypes.prefix(v.kind())).append('/').append(v.name()).append('\n');
            } else {
                out.append(ResourceTypes.prefix(v.kind())).append(" \"").append(v.name()).append("\" ")
                        .append(operation).append(dryRun.suffix()).append(fromNamespace(api, v.namespace()))
                        .append('\n');
            }
        }
        if (flags.bool("wait", true) && !pending.isEmpty()) {
            waitForDeletion(pending);
        }
        return new Result(out.toString(), err.toString(), err.length() > 0 ? 1 : 0);
    }

    /** Admission policies and bindings (and Pods) are kept objects: deleted by kind and name. */
    private void deleteKept(Loaded l, String ns, boolean ignore, StringBuilder out, StringBuilder err) {
        for (Map<String, Object> doc : l.kept()) {
            String kind = String.valueOf(doc.get("kind"));
            String name = String.valueOf(((Map<?, ?>) doc.getOrDefault("metadata", Map.of())).get("name"));
            boolean policy = PolicyAdmission.POLICY.equals(kind) || PolicyAdmission.BINDING.equals(kind);
            PolicyObjects policies = new PolicyObjects(f.api());
            if (policy && policies.find(kind, name).isEmpty()) {
                if (!ignore) {
                    err.append("Error from server (NotFound): error when deleting \"").append(l.source())
                            .append("\": ").append(PolicyObjects.resource(kind)).append('.')
                            .append(PolicyAdmission.GROUP).append(" \"").append(name).append("\" not found\n");
                }
                continue;
            }
            Result r = policy ? policies.delete(kind, List.of(name))
                    : "Pod".equals(kind) ? f.pods().delete(List.of(name), ns) : null;
            if (r != null) {
                out.append(r.stdout());
                if (!ignore) {
                    err.append(r.stderr());
                }
            }
        }
    }

    /**
     * The objects the arguments name, into {@code victims}; the whole answer instead when the arguments name Pods
     * or admission policies (kept objects, deleted at once), name nothing, or find nothing.
     */
    private Result collectByArgs(String ns, boolean ignore, List<KubeObject> victims, StringBuilder err)
            throws UsageException {
        List<String> args = flags.args();
        if (args.isEmpty()) {
            return Result.error("error: You must provide one or more resources by argument or filename.\n"
                    + "Example resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n"
                    + "   '<resource> <name>'\n   '<resource>'", 1);
        }
        if (PodConsole.isPodType(args.get(0))) {
            return f.pods().delete(PodConsole.names(args), ns);
        }
        String policyKind = PolicyObjects.kindOf(args.get(0));
        if (policyKind != null) {
            return new PolicyObjects(f.api()).delete(policyKind, PodConsole.names(args));
        }
        for (Target t : ResourceArgs.targets(args)) {
            if (t.names().isEmpty()) {
                if (!flags.bool("all", false) && !flags.has("selector")) {
                    return Result.error("error: resource(s) were provided, but no name was specified", 1);
                }
                victims.addAll(ResourceArgs.list(f.api(), t.kind(), ns, flags.bool("all-namespaces", false),
                        ResourceArgs.selector(flags)));
                continue;
            }
            for (String name : t.names()) {
                Optional<KubeObject> found = f.api().find(t.kind(), ns, name);
                if (found.isPresent()) {
                    victims.add(found.get());
                } else if (!ignore) {
                    err.append(KubectlErrors.forStatus(Status.notFound(t.kind(), name), "deleting", null));
                }
            }
        }
        if (victims.isEmpty() && err.length() == 0 && !ignore) {
            return Result.ok("No resources found\n");
        }
        return null;
    }

    /**
     * {@code --wait}: a real kubectl blocks until the objects are gone. Finalizers that are about to be released
     * (the ServiceCIDR controller's 10 s grace) are waited for on the simulated clock; objects that stay pending
     * (blocked by IPAddresses) would block kubectl indefinitely, so the console returns at once instead.
     */
    private void waitForDeletion(List<KubeObject> pending) {
        ApiServer api = f.api();
        Duration waited = Duration.ZERO;
        Duration step = Duration.ofSeconds(1);
        while (waited.compareTo(DELETE_WAIT) < 0) {
            boolean anyLeft = false;
            boolean anyBlocked = false;
            for (KubeObject o : pending) {
                Optional<KubeObject> cur = api.find(o.kind(), o.namespace(), o.name());
                if (cur.isPresent()) {
                    anyLeft = true;
                    if (cur.get() instanceof ServiceCidr sc) {
                        var ready = sc.condition(ServiceCidr.CONDITION_READY);
                        if (ready != null && "False".equals(ready.status())) {
                            anyBlocked = true;
                        }
                    }
                }
            }
            if (!anyLeft || anyBlocked) {
                return;
            }
            api.advanceClock(step);
            waited = waited.plus(step);
        }
    }

    /** kubectl 1.34 names the namespace a namespaced object was deleted from; 1.33 does not. */
    static String fromNamespace(ApiServer api, String namespace) {
        return namespace == null || api.settings().kubernetesVersion() == KubeVersion.V1_33 ? ""
                : " from " + namespace + " namespace";
    }
}
