package dev.cidrstudio.model.policy;

import com.google.common.collect.ImmutableCollection;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import dev.cel.common.types.CelType;
import dev.cel.common.types.CelTypeProvider;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.common.types.StructType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The OpenAPI schemas of the kinds CIDR Studio models, as CEL object types, for the type checking kube-apiserver
 * does on a policy's expressions ({@code status.typeChecking}): ServiceCIDR, IPAddress and Service in their v1
 * versions, with ObjectMeta. Only the fields a type check can meet are declared; unknown fields are errors as in
 * kube-apiserver.
 */
public final class KindSchemas {

    /** A kind's type, the group-version-kind text the warning names, and the provider of its nested types. */
    public record Schema(String gvk, CelType type, CelTypeProvider provider) {
    }

    private KindSchemas() {
    }

    private static final class Builder {
        private final List<CelType> all = new ArrayList<>();

        StructType struct(String name, Map<String, CelType> fields) {
            StructType t = StructType.create(name, ImmutableSet.copyOf(fields.keySet()),
                    f -> Optional.ofNullable(fields.get(f)));
            all.add(t);
            return t;
        }

        CelTypeProvider provider() {
            ImmutableList<CelType> types = ImmutableList.copyOf(all);
            return new CelTypeProvider() {
                @Override
                public ImmutableCollection<CelType> types() {
                    return types;
                }

                @Override
                public Optional<CelType> findType(String name) {
                    return types.stream().filter(t -> t.name().equals(name)).findFirst();
                }
            };
        }
    }

    private static Map<String, CelType> fields(Object... pairs) {
        Map<String, CelType> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], (CelType) pairs[i + 1]);
        }
        return m;
    }

    private static final CelType STR = SimpleType.STRING;
    private static final CelType INT = SimpleType.INT;
    private static final CelType TIME = SimpleType.TIMESTAMP;
    private static final CelType STRINGS = ListType.create(SimpleType.STRING);
    private static final CelType LABELS = MapType.create(SimpleType.STRING, SimpleType.STRING);

    private static StructType meta(Builder b, String prefix) {
        return b.struct(prefix + ".ObjectMeta", fields("name", STR, "generateName", STR, "namespace", STR,
                "uid", STR, "resourceVersion", STR, "generation", INT, "creationTimestamp", TIME,
                "deletionTimestamp", TIME, "deletionGracePeriodSeconds", INT, "labels", LABELS, "annotations",
                LABELS, "finalizers", STRINGS, "ownerReferences", ListType.create(SimpleType.DYN), "managedFields",
                ListType.create(SimpleType.DYN)));
    }

    private static StructType condition(Builder b, String prefix) {
        return b.struct(prefix + ".Condition", fields("type", STR, "status", STR, "observedGeneration", INT,
                "lastTransitionTime", TIME, "reason", STR, "message", STR));
    }

    private static Schema serviceCidr() {
        Builder b = new Builder();
        String p = "io.k8s.api.networking.v1";
        StructType spec = b.struct(p + ".ServiceCIDRSpec", fields("cidrs", STRINGS));
        StructType status = b.struct(p + ".ServiceCIDRStatus", fields("conditions",
                ListType.create(condition(b, p))));
        StructType t = b.struct(p + ".ServiceCIDR", fields("apiVersion", STR, "kind", STR, "metadata", meta(b, p),
                "spec", spec, "status", status));
        return new Schema("networking.k8s.io/v1, Kind=ServiceCIDR", t, b.provider());
    }

    private static Schema ipAddress() {
        Builder b = new Builder();
        String p = "io.k8s.api.networking.v1.ip";
        StructType ref = b.struct(p + ".ParentReference", fields("group", STR, "resource", STR, "namespace", STR,
                "name", STR));
        StructType spec = b.struct(p + ".IPAddressSpec", fields("parentRef", ref));
        StructType t = b.struct(p + ".IPAddress", fields("apiVersion", STR, "kind", STR, "metadata", meta(b, p),
                "spec", spec));
        return new Schema("networking.k8s.io/v1, Kind=IPAddress", t, b.provider());
    }

    private static Schema service() {
        Builder b = new Builder();
        String p = "io.k8s.api.core.v1";
        StructType port = b.struct(p + ".ServicePort", fields("name", STR, "protocol", STR, "appProtocol", STR,
                "port", INT, "targetPort", SimpleType.DYN, "nodePort", INT));
        StructType spec = b.struct(p + ".ServiceSpec", fields("ports", ListType.create(port), "selector", LABELS,
                "clusterIP", STR, "clusterIPs", STRINGS, "type", STR, "externalIPs", STRINGS, "sessionAffinity", STR,
                "loadBalancerIP", STR, "loadBalancerSourceRanges", STRINGS, "externalName", STR,
                "externalTrafficPolicy", STR, "healthCheckNodePort", INT, "publishNotReadyAddresses",
                SimpleType.BOOL, "sessionAffinityConfig", SimpleType.DYN, "ipFamilies", STRINGS, "ipFamilyPolicy",
                STR, "allocateLoadBalancerNodePorts", SimpleType.BOOL, "loadBalancerClass", STR,
                "internalTrafficPolicy", STR, "trafficDistribution", STR));
        StructType status = b.struct(p + ".ServiceStatus", fields("loadBalancer", SimpleType.DYN, "conditions",
                ListType.create(condition(b, p))));
        StructType t = b.struct(p + ".Service", fields("apiVersion", STR, "kind", STR, "metadata", meta(b, p),
                "spec", spec, "status", status));
        return new Schema("/v1, Kind=Service", t, b.provider());
    }

    private static final Map<String, Schema> BY_RESOURCE = Map.of(
            "networking.k8s.io/v1/servicecidrs", serviceCidr(),
            "networking.k8s.io/v1/ipaddresses", ipAddress(),
            "/v1/services", service());

    /** The schema for a group, version and resource, when CIDR Studio knows it. */
    public static Optional<Schema> forResource(String group, String version, String resource) {
        return Optional.ofNullable(BY_RESOURCE.get(group + "/" + version + "/" + resource));
    }
}
