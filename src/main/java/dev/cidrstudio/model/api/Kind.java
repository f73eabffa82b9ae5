package dev.cidrstudio.model.api;

import java.util.List;

/** The kinds the model knows, with the names kubectl uses for them. */
public enum Kind {
    NAMESPACE("Namespace", "v1", "", "namespaces", "namespace", List.of("ns"), false),
    SERVICE("Service", "v1", "", "services", "service", List.of("svc"), true),
    SERVICE_CIDR("ServiceCIDR", "networking.k8s.io/v1", "networking.k8s.io", "servicecidrs", "servicecidr",
            List.of(), false),
    IP_ADDRESS("IPAddress", "networking.k8s.io/v1", "networking.k8s.io", "ipaddresses", "ipaddress",
            List.of("ip"), false),
    EVENT("Event", "v1", "", "events", "event", List.of("ev"), true);

    private final String kind;
    private final String apiVersion;
    private final String group;
    private final String plural;
    private final String singular;
    private final List<String> shortNames;
    private final boolean namespaced;

    Kind(String kind, String apiVersion, String group, String plural, String singular, List<String> shortNames,
            boolean namespaced) {
        this.kind = kind;
        this.apiVersion = apiVersion;
        this.group = group;
        this.plural = plural;
        this.singular = singular;
        this.shortNames = shortNames;
        this.namespaced = namespaced;
    }

    public String kindName() {
        return kind;
    }

    public String apiVersion() {
        return apiVersion;
    }

    public String group() {
        return group;
    }

    public String plural() {
        return plural;
    }

    public String singular() {
        return singular;
    }

    public List<String> shortNames() {
        return shortNames;
    }

    public boolean namespaced() {
        return namespaced;
    }

    /** {@code GroupResource.String()}: "services", "servicecidrs.networking.k8s.io". */
    public String groupResource() {
        return group.isEmpty() ? plural : plural + "." + group;
    }

    /** What kubectl prints before the slash: "service", "servicecidr.networking.k8s.io". */
    public String groupKindLower() {
        return group.isEmpty() ? singular : singular + "." + group;
    }

    public static Kind fromKindName(String apiVersion, String kindName) {
        for (Kind k : values()) {
            if (k.kind.equals(kindName) && k.apiVersion.equals(apiVersion)) {
                return k;
            }
        }
        return null;
    }
}
