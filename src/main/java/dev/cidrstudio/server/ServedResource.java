package dev.cidrstudio.server;

import dev.cidrstudio.model.api.Kind;
import java.util.List;
import java.util.Optional;

/**
 * One resource the served API offers, as discovery publishes it ({@code metav1.APIResource}): its group, version,
 * names, scope, verbs, short names and categories, and the model's kind when the model simulates it (else the plan
 * keeps its objects as written).
 */
record ServedResource(String group, String version, String plural, String singular, String kind, boolean namespaced,
        List<String> verbs, List<String> shortNames, List<String> categories, Kind model) {

    private static final List<String> ALL_VERBS = List.of("create", "delete", "deletecollection", "get", "list",
            "patch", "update", "watch");
    /** Namespaces have no deletecollection. */
    private static final List<String> NAMESPACE_VERBS = List.of("create", "delete", "get", "list", "patch", "update",
            "watch");

    static final String CORE = "";
    static final String NETWORKING = "networking.k8s.io";
    static final String DISCOVERY = "discovery.k8s.io";
    static final String ADMISSION = "admissionregistration.k8s.io";

    /** What the served cluster has, in kube-apiserver's discovery order within each group. */
    static final List<ServedResource> ALL = List.of(
            modelled(Kind.EVENT, ALL_VERBS, List.of()),
            modelled(Kind.NAMESPACE, NAMESPACE_VERBS, List.of()),
            kept(CORE, "v1", "nodes", "node", "Node", false, List.of("no"), List.of()),
            kept(CORE, "v1", "pods", "pod", "Pod", true, List.of("po"), List.of("all")),
            modelled(Kind.SERVICE, ALL_VERBS, List.of("all")),
            kept(ADMISSION, "v1", "validatingadmissionpolicies", "validatingadmissionpolicy",
                    "ValidatingAdmissionPolicy", false, List.of(), List.of("api-extensions")),
            kept(ADMISSION, "v1", "validatingadmissionpolicybindings", "validatingadmissionpolicybinding",
                    "ValidatingAdmissionPolicyBinding", false, List.of(), List.of("api-extensions")),
            kept(DISCOVERY, "v1", "endpointslices", "endpointslice", "EndpointSlice", true, List.of(), List.of()),
            modelled(Kind.IP_ADDRESS, ALL_VERBS, List.of()),
            modelled(Kind.SERVICE_CIDR, ALL_VERBS, List.of()));

    /** The groups besides the core one, in the order {@code /apis} lists them. */
    static final List<String> GROUPS = List.of(NETWORKING, DISCOVERY, ADMISSION);

    private static ServedResource modelled(Kind k, List<String> verbs, List<String> categories) {
        String version = k.apiVersion().contains("/") ? k.apiVersion().substring(k.apiVersion().indexOf('/') + 1)
                : k.apiVersion();
        return new ServedResource(k.group(), version, k.plural(), k.singular(), k.kindName(), k.namespaced(), verbs,
                k.shortNames(), categories, k);
    }

    private static ServedResource kept(String group, String version, String plural, String singular, String kind,
            boolean namespaced, List<String> shortNames, List<String> categories) {
        return new ServedResource(group, version, plural, singular, kind, namespaced, ALL_VERBS, shortNames,
                categories, null);
    }

    static Optional<ServedResource> find(String group, String version, String plural) {
        return ALL.stream().filter(r -> r.group.equals(group) && r.version.equals(version) && r.plural.equals(plural))
                .findFirst();
    }

    static List<ServedResource> of(String group, String version) {
        return ALL.stream().filter(r -> r.group.equals(group) && r.version.equals(version)).toList();
    }

    /** "v1", "networking.k8s.io/v1". */
    String apiVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }

    /** {@code GroupResource.String()}: "services", "servicecidrs.networking.k8s.io". */
    String groupResource() {
        return group.isEmpty() ? plural : plural + "." + group;
    }

    boolean modelled() {
        return model != null;
    }
}
