package dev.cidrstudio.console.kubectl;

import dev.cidrstudio.console.kubectl.KubectlFlags.FlagException;
import dev.cidrstudio.console.kubectl.KubectlFlags.Type;
import dev.cidrstudio.model.api.Kind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** {@code kubectl api-resources}: the resource types the simulated cluster serves, by group and name. */
public final class ApiResourcesOptions implements Command {

    private String output = "";
    private final dev.cidrstudio.model.cluster.KubeVersion client;

    public ApiResourcesOptions(Factory f) {
        this.client = f.api().settings().kubernetesVersion();
    }

    private record Row(String group, String plural, String line) {
    }

    @Override
    public void complete(List<String> args) throws FlagException {
        output = new KubectlFlags().add("namespaced", null, Type.BOOL, "true").add("output", "o", Type.STRING, "")
                .parse(args).string("output", "");
    }

    /** The formats api-resources prints; the console prints its table and names. */
    @Override
    public void validate() throws UsageException {
        if (!List.of("", "wide", "name", "json", "yaml").contains(output)) {
            // 1.33 checks the value itself; 1.34 asks its printers, and 1.35's list has KYAML
            throw new UsageException(switch (client) {
                case V1_33 -> "error: --output " + output + " is not available";
                case V1_34 -> "error: unable to match a printer suitable for the output format \"" + output
                        + "\", allowed formats are: json,name,wide,yaml";
                default -> "error: unable to match a printer suitable for the output format \"" + output
                        + "\", allowed formats are: json,kyaml,name,wide,yaml";
            });
        }
        if (!List.of("", "name").contains(output)) {
            throw new UsageException("error: the practice console prints api-resources as a table or with -o name");
        }
    }

    @Override
    public Result run() {
        List<Row> rows = new ArrayList<>();
        for (Kind k : Kind.values()) {
            rows.add(new Row(k.group(), k.plural(), k.plural() + "\t" + String.join(",", k.shortNames()) + "\t"
                    + k.apiVersion() + "\t" + k.namespaced() + "\t" + k.kindName() + "\n"));
        }
        // Pods and Nodes live beside the modelled kinds (see PodConsole).
        rows.add(new Row("", "nodes", "nodes\tno\tv1\tfalse\tNode\n"));
        rows.add(new Row("", "pods", "pods\tpo\tv1\ttrue\tPod\n"));
        // So do admission policies and their bindings (see PolicyObjects).
        rows.add(new Row("admissionregistration.k8s.io", "validatingadmissionpolicies",
                "validatingadmissionpolicies\t\tadmissionregistration.k8s.io/v1\tfalse\tValidatingAdmissionPolicy\n"));
        rows.add(new Row("admissionregistration.k8s.io", "validatingadmissionpolicybindings",
                "validatingadmissionpolicybindings\t\tadmissionregistration.k8s.io/v1\tfalse\t"
                        + "ValidatingAdmissionPolicyBinding\n"));
        // EndpointSlices a plan keeps as written (an imported cluster's); a served plan lists them too.
        rows.add(new Row("discovery.k8s.io", "endpointslices", "endpointslices\t\tdiscovery.k8s.io/v1\ttrue\t"
                + "EndpointSlice\n"));
        rows.sort(Comparator.comparing(Row::group).thenComparing(Row::plural));
        if (output.equals("name")) {
            StringBuilder names = new StringBuilder();
            rows.forEach(r -> names.append(r.plural()).append(r.group().isEmpty() ? "" : "." + r.group())
                    .append('\n'));
            return Result.ok(names.toString());
        }
        StringBuilder sb = new StringBuilder("NAME\tSHORTNAMES\tAPIVERSION\tNAMESPACED\tKIND\n");
        rows.forEach(r -> sb.append(r.line()));
        return Result.ok(TabWriter.KUBECTL_TABLE.format(sb.toString()));
    }
}
