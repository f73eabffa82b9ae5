package dev.cidrstudio.console.kubectl;

import dev.cidrstudio.console.kubectl.KubectlFlags.FlagException;
import dev.cidrstudio.console.kubectl.KubectlFlags.Parsed;
import dev.cidrstudio.console.kubectl.KubectlFlags.Type;
import dev.cidrstudio.console.kubectl.ResourceArgs.Target;
import dev.cidrstudio.model.api.KubeObject;
import dev.cidrstudio.model.api.ObjectMeta;
import dev.cidrstudio.model.api.Service;
import dev.cidrstudio.model.api.ServicePort;
import dev.cidrstudio.model.api.ServiceSpec;
import dev.cidrstudio.model.cluster.ApiException;
import dev.cidrstudio.model.cluster.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code kubectl expose service NAME --port=PORT [--name=NEW]}: a new Service with the selector and ports of the one
 * named (or those the flags give). The simulated cluster has Services only, so only a Service can be exposed.
 */
public final class ExposeOptions implements Command {

    static final String NO_RESOURCES = "error: You must provide one or more resources by argument or filename.\n"
            + "Example resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n"
            + "   '<resource> <name>'\n   '<resource>'";

    private final Factory f;
    private Parsed flags;
    private DryRun dryRun;
    private Output format;

    public ExposeOptions(Factory f, String stdin) {
        this.f = f;
    }

    @Override
    public void complete(List<String> args) throws FlagException, UsageException {
        flags = DryRun.addFlag(new KubectlFlags("expose").add("namespace", "n", Type.STRING, null))
                .add("port", null, Type.STRING, "").add("protocol", null, Type.STRING, "")
                .add("target-port", null, Type.STRING, "").add("name", null, Type.STRING, "")
                .add("type", null, Type.STRING, "").add("cluster-ip", null, Type.STRING, "")
                .add("selector", null, Type.STRING, "").add("labels", "l", Type.STRING, "")
                .add("external-ip", null, Type.STRING, "").add("session-affinity", null, Type.STRING, "")
                .add("load-balancer-ip", null, Type.STRING, "").add("filename", "f", Type.STRINGS, null)
                .add("output", "o", Type.STRING, "").add("template", null, Type.STRING, null)
                .add("save-config", null, Type.BOOL, "false").add("override-type", null, Type.STRING, "merge")
                .add("field-manager", null, Type.STRING, "kubectl-expose").parse(args);
        dryRun = DryRun.of(flags, f);
        format = Output.parseForWrite(flags.string("output", ""), flags.string("template", null),
                f.api().settings().kubernetesVersion());
    }

    @Override
    public void validate() throws UsageException {
        if (flags.args().isEmpty() && flags.raw("filename").isEmpty()) {
            throw new UsageException(NO_RESOURCES);
        }
    }

    @Override
    public Result run() throws UsageException {
        if (!flags.raw("filename").isEmpty()) {
            return Result.error("error: the practice console exposes Services of the plan only, named as TYPE NAME "
                    + "or TYPE/NAME", 1);
        }
        StringBuilder out = new StringBuilder();
        StringBuilder err = new StringBuilder();
        for (Target t : ResourceArgs.targets(flags.args())) {
            for (String name : t.names()) {
                KubeObject source = f.api().<KubeObject>find(t.kind(), flags.namespace(), name).orElse(null);
                if (source == null) {
                    err.append(KubectlErrors.forStatus(Status.notFound(t.kind(), name), "getting", null));
                } else if (!(source instanceof Service svc)) {
                    err.append("error: cannot expose a ").append(t.kind().kindName()).append('\n');
                } else {
                    expose(svc, out, err);
                }
            }
        }
        return new Result(out.toString(), err.toString(), err.length() == 0 ? 0 : 1);
    }

    private void expose(Service source, StringBuilder out, StringBuilder err) {
        Map<String, String> selector = source.spec().selector();
        if (!flags.string("selector", "").isEmpty()) {
            selector = pairs(flags.string("selector", ""));
        }
        if (selector == null || selector.isEmpty()) {
            err.append("error: couldn't retrieve selectors via --selector flag or introspection: the service has no "
                    + "pod selector set\n");
            return;
        }
        List<ServicePort> ports = ports(source);
        if (ports.isEmpty()) {
            err.append("error: couldn't find port via --port flag or introspection\n");
            return;
        }
        String name = flags.string("name", "").isEmpty() ? source.name() : flags.string("name", "");
        Map<String, String> labels = flags.string("labels", "").isEmpty() ? source.meta().labels()
                : pairs(flags.string("labels", ""));
        ServiceSpec spec = ServiceSpec.empty().withPorts(ports).withSelector(selector);
        if (!flags.string("type", "").isEmpty()) {
            spec = spec.withType(flags.string("type", ""));
        }
        if (!flags.string("cluster-ip", "").isEmpty()) {
            spec = spec.withClusterIPs(flags.string("cluster-ip", ""), null);
        }
        Service svc = new Service(ObjectMeta.named(flags.namespace(), name).withLabels(labels), spec, List.of());
        try {
            KubeObject created = CreateOptions.admitted(f, svc, dryRun, err);
            out.append(format.isDefault() ? "service/" + created.name() + " exposed" + dryRun.suffix() + "\n"
                    : format.renderObject(created));
        } catch (ApiException e) {
            err.append(f.warnings()).append(KubectlErrors.forStatus(e.status(), "creating", null));
        }
    }

    /** {@code --port} names one port; without it the source's ports are copied (named when there are several). */
    private List<ServicePort> ports(Service source) {
        String protocol = flags.string("protocol", "");
        String target = flags.string("target-port", "");
        List<ServicePort> out = new ArrayList<>();
        if (!flags.string("port", "").isEmpty()) {
            int port = Integer.parseInt(flags.string("port", ""));
            String tp = target.isEmpty() ? Integer.toString(port) : target;
            out.add(new ServicePort(null, protocol.isEmpty() ? "TCP" : protocol, port, tp, tp.matches("[0-9]+"),
                    null, null));
            return out;
        }
        List<ServicePort> given = source.spec().portsOrEmpty();
        for (int i = 0; i < given.size(); i++) {
            ServicePort p = given.get(i);
            String portName = given.size() > 1 ? (p.name() == null || p.name().isEmpty() ? "port-" + (i + 1)
                    : p.name()) : null;
            String tp = target.isEmpty() ? p.targetPort() : target;
            out.add(new ServicePort(portName, protocol.isEmpty() ? p.protocol() : protocol, p.port(), tp,
                    target.isEmpty() ? p.targetPortIsNumber() : tp.matches("[0-9]+"), null, null));
        }
        return out;
    }

    private static Map<String, String> pairs(String text) {
        Map<String, String> out = new TreeMap<>();
        for (String pair : text.split(",")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        return out;
    }
}
