package dev.cidrstudio.console.kubectl;

import dev.cidrstudio.console.kubectl.KubectlFlags.FlagException;
import dev.cidrstudio.console.kubectl.KubectlFlags.Parsed;
import dev.cidrstudio.console.kubectl.KubectlFlags.Type;
import dev.cidrstudio.console.kubectl.ResourceArgs.Target;
import dev.cidrstudio.model.api.Event;
import dev.cidrstudio.model.api.KeptObject;
import dev.cidrstudio.model.api.Kind;
import dev.cidrstudio.model.api.KubeObject;
import dev.cidrstudio.model.api.LabelSelector;
import dev.cidrstudio.model.api.Service;
import dev.cidrstudio.model.cluster.ApiServer;
import dev.cidrstudio.model.cluster.Status;
import dev.cidrstudio.model.pod.PodRuntime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** {@code kubectl describe}: by name, by name prefix, or every object of a type. */
public final class DescribeOptions implements Command {

    private final Factory f;
    private Parsed flags;

    public DescribeOptions(Factory f) {
        this.f = f;
    }

    @Override
    public void complete(List<String> args) throws FlagException {
        flags = KubectlFlags.common().add("selector", "l", Type.STRING, null)
                .add("all-namespaces", "A", Type.BOOL, "false").add("show-events", null, Type.BOOL, "true")
                .parse(args);
    }

    @Override
    public void validate() throws UsageException {
        if (flags.args().isEmpty()) {
            throw new UsageException("error: You must specify the type of resource to describe. Use \"kubectl "
                    + "api-resources\" for a complete list of supported resources.");
        }
    }

    @Override
    public Result run() throws UsageException {
        Parsed p = flags;
        ApiServer api = f.api();
        String policyKind = PolicyObjects.kindOf(p.args().get(0));
        if (policyKind != null) {
            return new PolicyObjects(api).describe(policyKind, PodConsole.names(p.args()),
                    p.bool("show-events", true));
        }
        String ns = p.namespace();
        boolean all = p.bool("all-namespaces", false);
        LabelSelector selector = ResourceArgs.selector(p);
        List<Target> targets = ResourceArgs.targets(p.args());
        List<KubeObject> found = new ArrayList<>();
        StringBuilder err = new StringBuilder();
        for (Target t : targets) {
            if (t.names().isEmpty()) {
                found.addAll(ResourceArgs.list(api, t.kind(), ns, all, selector));
                continue;
            }
            for (String name : t.names()) {
                var exact = api.<KubeObject>find(t.kind(), ns, name);
                if (exact.isPresent()) {
                    found.add(exact.get());
                    continue;
                }
                List<KubeObject> prefixed = new ArrayList<>();
                for (KubeObject o : ResourceArgs.list(api, t.kind(), ns, false, selector)) {
                    if (o.name().startsWith(name)) {
                        prefixed.add(o);
                    }
                }
                if (prefixed.isEmpty()) {
                    err.append(KubectlErrors.forStatus(Status.notFound(t.kind(), name), "getting", null));
                }
                found.addAll(prefixed);
            }
        }
        if (found.isEmpty() && err.length() == 0) {
            return new Result("", ResourceArgs.noResourcesFound(targets, ns, all), 0);
        }
        StringBuilder out = new StringBuilder();
        boolean first = true;
        for (KubeObject o : found) {
            List<Event> events = p.bool("show-events", true) ? eventsFor(o) : null;
            List<Map<String, Object>> podsHere = api.state().kept().stream().filter(k -> "Pod".equals(k.kind())
                    && Objects.equals(k.namespace(), o.namespace()))
                    .sorted(Comparator.comparing(KeptObject::name)).map(KeptObject::content).toList();
            String text = Describer.describe(o, events, api.now(), podsHere, apiServerAddresses(o));
            out.append(first ? text : "\n\n" + text);
            first = false;
        }
        return new Result(out.toString(), err.toString(), err.length() > 0 ? 1 : 0);
    }

    private List<Event> eventsFor(KubeObject o) {
        List<Event> out = new ArrayList<>();
        for (Event e : f.api().<Event>list(Kind.EVENT, null)) {
            var ref = e.involvedObject();
            if (ref != null && o.kind().kindName().equals(ref.kind()) && o.name().equals(ref.name())
                    && (ref.uid() == null || ref.uid().equals(o.meta().uid()))) {
                out.add(e);
            }
        }
        return out;
    }

    /**
     * The addresses the running kube-apiservers advertise, for the {@code kubernetes} Service's endpoints: the
     * simulation runs apiserver {@code i} on node {@code i}, in the family of the Service's cluster IP.
     */
    private List<String> apiServerAddresses(KubeObject o) {
        if (!(o instanceof Service s) || !"default".equals(s.namespace()) || !"kubernetes".equals(s.name())) {
            return List.of();
        }
        boolean v6 = s.spec().clusterIP() != null && s.spec().clusterIP().contains(":");
        int n = f.api().state().apiServers().size();
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(PodRuntime.nodeAddress(i, v6));
        }
        return out;
    }
}
