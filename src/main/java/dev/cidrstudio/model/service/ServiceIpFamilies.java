package dev.cidrstudio.model.service;

import dev.cidrstudio.model.api.ServicePort;
import dev.cidrstudio.model.api.ServiceSpec;
import dev.cidrstudio.model.field.FieldError;
import dev.cidrstudio.model.field.GoValue;
import dev.cidrstudio.model.net.IpFamily;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The Service REST hooks that decide IP families before allocation ({@code storage.go}): defaulting,
 * {@code normalizeClusterIPs}, {@code patchAllocatedValues} and {@code initIPFamilyFields}.
 */
public final class ServiceIpFamilies {

    public static final String SINGLE = "SingleStack";
    public static final String PREFER = "PreferDualStack";
    public static final String REQUIRE = "RequireDualStack";
    /** The values of {@code spec.ipFamilyPolicy}, in the order the docs list them. */
    public static final List<String> POLICIES = List.of(SINGLE, PREFER, REQUIRE);

    /** The outcome: the spec to continue with, or the errors to return alone. */
    public record Result(ServiceSpec spec, List<FieldError> errors) {
        public boolean ok() {
            return errors.isEmpty();
        }
    }

    private ServiceIpFamilies() {
    }

    /** {@code SetDefaults_Service} (v1 defaulting); no IP family defaulting happens here. */
    public static ServiceSpec setDefaults(ServiceSpec spec) {
        String type = spec.type() == null || spec.type().isEmpty() ? "ClusterIP" : spec.type();
        ServiceSpec s = spec.withType(type);
        String affinity = s.sessionAffinity() == null || s.sessionAffinity().isEmpty() ? "None"
                : s.sessionAffinity();
        boolean takesIp = !"ExternalName".equals(type);
        String itp = s.internalTrafficPolicy() == null && takesIp ? "Cluster" : s.internalTrafficPolicy();
        String etp = (s.externalTrafficPolicy() == null || s.externalTrafficPolicy().isEmpty())
                && s.externallyAccessible() ? "Cluster" : s.externalTrafficPolicy();
        Boolean alloc = s.allocateLoadBalancerNodePorts() == null && "LoadBalancer".equals(type)
                ? Boolean.TRUE : s.allocateLoadBalancerNodePorts();
        s = s.withDefaults(affinity, itp, etp, alloc);
        if ("None".equals(affinity)) {
            s = s.withOtherField("sessionAffinityConfig", null);
        } else if ("ClientIP".equals(affinity) && clientIpTimeout(s.otherField("sessionAffinityConfig")) == null) {
            s = s.withOtherField("sessionAffinityConfig", Map.of("clientIP", Map.of("timeoutSeconds",
                    (long) DEFAULT_CLIENT_IP_AFFINITY_SECONDS)));
        }
        if (s.ports() != null) {
            List<ServicePort> ports = new ArrayList<>();
            for (ServicePort p : s.ports()) {
                ServicePort q = p.protocol() == null || p.protocol().isEmpty() ? p.withProtocol("TCP") : p;
                if (q.targetPort() == null || (q.targetPortIsNumber() && "0".equals(q.targetPort()))) {
                    q = q.withTargetPort(Integer.toString(q.port()), true);
                }
                ports.add(q);
            }
            s = s.withPorts(ports);
        }
        return s;
    }

    /** {@code DefaultClientIPServiceAffinitySeconds}: three hours. */
    public static final int DEFAULT_CLIENT_IP_AFFINITY_SECONDS = 10800;

    /** {@code sessionAffinityConfig.clientIP.timeoutSeconds} as decoded, or null when any level is missing. */
    static Object clientIpTimeout(Object config) {
        if (config instanceof Map<?, ?> c && c.get("clientIP") instanceof Map<?, ?> ip) {
            return ip.get("timeoutSeconds");
        }
        return null;
    }

    static boolean needsClusterIP(ServiceSpec s) {
        return s != null && !s.isExternalName();
    }

    static boolean sameClusterIPs(ServiceSpec a, ServiceSpec b) {
        return a.clusterIPsOrEmpty().equals(b.clusterIPsOrEmpty());
    }

    static boolean sameIPFamilies(ServiceSpec a, ServiceSpec b) {
        return a.ipFamiliesOrEmpty().equals(b.ipFamiliesOrEmpty());
    }

    /** {@code normalizeClusterIPs}; {@code old} is null on create. */
    public static ServiceSpec normalizeClusterIPs(ServiceSpec spec, ServiceSpec old) {
        String ip = spec.clusterIP() == null ? "" : spec.clusterIP();
        if (old == null) {
            if (!ip.isEmpty() && spec.clusterIPsOrEmpty().isEmpty()) {
                return spec.withClusterIPs(ip, List.of(ip));
            }
            return spec;
        }
        ServiceSpec s = spec;
        String oldIp = old.clusterIP() == null ? "" : old.clusterIP();
        if (!old.clusterIPsOrEmpty().isEmpty() && s.clusterIPsOrEmpty().isEmpty() && oldIp.equals(ip)) {
            s = s.withClusterIPs(s.clusterIP(), old.clusterIPs());
        }
        if (!oldIp.equals(ip)) {
            if (!oldIp.isEmpty() && ip.isEmpty() && sameClusterIPs(old, s)) {
                s = s.withClusterIPs(s.clusterIP(), null);
            }
            if (!oldIp.isEmpty() && !ip.isEmpty() && !s.clusterIPsOrEmpty().isEmpty() && sameClusterIPs(old, s)) {
                List<String> l = new ArrayList<>(s.clusterIPs());
                l.set(0, ip);
                s = s.withClusterIPs(s.clusterIP(), l);
            }
        }
        return s;
    }

    /**
     * {@code patchAllocatedValues}: an update that left out values the server allocated keeps them. Cluster IPs when
     * both types have them; NodePorts, matched by port name, when both types need them and the value is not used by
     * another port of the request; the health-check NodePort when both need it.
     */
    public static ServiceSpec patchAllocatedValues(ServiceSpec spec, ServiceSpec old) {
        ServiceSpec s = spec;
        if (needsClusterIP(old) && needsClusterIP(spec)) {
            String ip = spec.clusterIP() == null || spec.clusterIP().isEmpty() ? old.clusterIP() : spec.clusterIP();
            List<String> ips = spec.clusterIPsOrEmpty().isEmpty() && !old.clusterIPsOrEmpty().isEmpty()
                    ? old.clusterIPs() : spec.clusterIPs();
            s = s.withClusterIPs(ip, ips);
        }
        if (needsNodePort(old) && needsNodePort(spec) && s.ports() != null) {
            Set<Integer> used = nodePortsUsed(old);
            used.retainAll(nodePortsUsed(spec));
            Map<String, Integer> byName = new HashMap<>();
            for (ServicePort p : old.portsOrEmpty()) {
                byName.put(p.name() == null ? "" : p.name(), p.nodePort() == null ? 0 : p.nodePort());
            }
            List<ServicePort> ports = new ArrayList<>();
            for (ServicePort p : s.ports()) {
                ServicePort q = p;
                if (p.nodePort() == null || p.nodePort() == 0) {
                    int oldVal = byName.getOrDefault(p.name() == null ? "" : p.name(), 0);
                    if (oldVal != 0 && !used.contains(oldVal)) {
                        q = p.withNodePort(oldVal);
                    }
                }
                ports.add(q);
            }
            s = s.withPorts(ports);
        }
        if (old.needsHealthCheck() && s.needsHealthCheck() && ServiceValidation.healthCheckNodePort(s) == 0
                && ServiceValidation.healthCheckNodePort(old) != 0) {
            s = s.withOtherField("healthCheckNodePort", ServiceValidation.healthCheckNodePort(old));
        }
        return s;
    }

    static boolean needsNodePort(ServiceSpec s) {
        return "NodePort".equals(s.type()) || "LoadBalancer".equals(s.type());
    }

    private static Set<Integer> nodePortsUsed(ServiceSpec s) {
        Set<Integer> used = new HashSet<>();
        for (ServicePort p : s.portsOrEmpty()) {
            if (p.nodePort() != null && p.nodePort() != 0) {
                used.add(p.nodePort());
            }
        }
        return used;
    }

    /**
     * {@code isMatchingPreferDualStackClusterIPFields}: an update of a PreferDualStack Service of the same type that
     * leaves {@code clusterIPs} and {@code ipFamilies} as they were; such a Service is never upgraded or downgraded
     * because the cluster's families changed.
     */
    public static boolean isMatchingPreferDualStackClusterIPFields(ServiceSpec spec, ServiceSpec old) {
        if (old == null || spec.ipFamilyPolicy() == null || !Objects.equals(old.type(), spec.type())) {
            return false;
        }
        if (!"ClusterIP".equals(spec.type()) && !"NodePort".equals(spec.type())
                && !"LoadBalancer".equals(spec.type())) {
            return false;
        }
        if (!PREFER.equals(spec.ipFamilyPolicy())
                || old.ipFamilyPolicy() != null && !PREFER.equals(old.ipFamilyPolicy())) {
            return false;
        }
        return sameClusterIPs(old, spec) && sameIPFamilies(old, spec);
    }

    private static String policy(String p) {
        return GoValue.quote(p);
    }

    /**
     * {@code initIPFamilyFields}. {@code clusterFamilies} are the apiserver's {@code --service-cluster-ip-range}
     * families, primary first. {@code old} is null on create.
     */
    public static Result initIPFamilyFields(ServiceSpec spec, ServiceSpec old, List<IpFamily> clusterFamilies) {
        if (!needsClusterIP(spec)) {
            return new Result(spec, List.of());
        }
        if (isMatchingPreferDualStackClusterIPFields(spec, old)) {
            return new Result(spec, List.of());
        }
        ServiceSpec s = spec;
        if (s.ipFamilyPolicy() == null) {
            if (old != null && old.ipFamilyPolicy() != null) {
                s = s.withIpFamilyPolicy(old.ipFamilyPolicy());
            } else if (s.isHeadless() && s.selectorEmpty()) {
                s = s.withIpFamilyPolicy(REQUIRE);
            } else {
                s = s.withIpFamilyPolicy(SINGLE);
            }
        }
        List<FieldError> pre = ServiceValidation.validateServiceClusterIPsRelatedFields(s);
        if (!pre.isEmpty()) {
            return new Result(s, pre);
        }
        List<FieldError> el = new ArrayList<>();
        if (old != null) {
            if (SINGLE.equals(s.ipFamilyPolicy())) {
                if (sameClusterIPs(old, s) && s.clusterIPsOrEmpty().size() > 1) {
                    s = s.withClusterIPs(s.clusterIP(), s.clusterIPs().subList(0, 1));
                }
                if (sameIPFamilies(old, s) && s.ipFamiliesOrEmpty().size() > 1) {
                    s = s.withIpFamilies(s.ipFamilies().subList(0, 1));
                }
            } else {
                if (!s.clusterIPsOrEmpty().isEmpty() && s.clusterIPsOrEmpty().size() < old.clusterIPsOrEmpty().size()) {
                    el.add(FieldError.invalid("spec.ipFamilyPolicy", policy(s.ipFamilyPolicy()),
                            "must be 'SingleStack' to release the secondary cluster IP"));
                }
                if (!s.ipFamiliesOrEmpty().isEmpty()
                        && s.ipFamiliesOrEmpty().size() < old.ipFamiliesOrEmpty().size()) {
                    el.add(FieldError.invalid("spec.ipFamilyPolicy", policy(s.ipFamilyPolicy()),
                            "must be 'SingleStack' to release the secondary IP family"));
                }
            }
        }
        if (SINGLE.equals(s.ipFamilyPolicy())) {
            if (s.clusterIPsOrEmpty().size() == 2) {
                el.add(FieldError.invalid("spec.ipFamilyPolicy", policy(s.ipFamilyPolicy()),
                        "must be 'RequireDualStack' or 'PreferDualStack' when multiple cluster IPs are specified"));
            }
            if (s.ipFamiliesOrEmpty().size() == 2) {
                el.add(FieldError.invalid("spec.ipFamilyPolicy", policy(s.ipFamilyPolicy()),
                        "must be 'RequireDualStack' or 'PreferDualStack' when multiple IP families are specified"));
            }
        }
        List<String> families = new ArrayList<>(s.ipFamiliesOrEmpty());
        List<String> ips = s.clusterIPsOrEmpty();
        for (int i = 0; i < ips.size(); i++) {
            if (ServiceValidation.NONE.equals(ips.get(i))) {
                break;
            }
            IpFamily fam = ServiceValidation.familyOf(ips.get(i)).orElseThrow();
            if (i >= families.size()) {
                if (!clusterFamilies.contains(fam)) {
                    el.add(FieldError.invalid("spec.clusterIPs[" + i + "]", ServiceValidation.ips(ips),
                            fam + " is not configured on this cluster"));
                } else {
                    families.add(fam.name());
                }
            }
        }
        if (!el.isEmpty()) {
            return new Result(s, el);
        }
        IpFamily primary = clusterFamilies.get(0);
        if (s.isHeadless() && s.selectorEmpty()) {
            if (families.isEmpty()) {
                families.add(primary.name());
            }
            if (families.size() == 1 && !SINGLE.equals(s.ipFamilyPolicy())) {
                families.add(IpFamily.fromName(families.get(0)).other().name());
            }
            return new Result(s.withIpFamilies(families), List.of());
        }
        if (REQUIRE.equals(s.ipFamilyPolicy()) && clusterFamilies.size() < 2) {
            el.add(FieldError.invalid("spec.ipFamilyPolicy", policy(s.ipFamilyPolicy()),
                    "this cluster is not configured for dual-stack services"));
        }
        for (int i = 0; i < families.size(); i++) {
            IpFamily f = IpFamily.fromName(families.get(i));
            if (!clusterFamilies.contains(f)) {
                el.add(FieldError.invalidString("spec.ipFamilies[" + i + "]", families.get(i),
                        "not configured on this cluster"));
            }
        }
        if (!el.isEmpty()) {
            return new Result(s.withIpFamilies(families), el);
        }
        if (families.isEmpty()) {
            families.add(primary.name());
        }
        if (!SINGLE.equals(s.ipFamilyPolicy()) && families.size() == 1 && clusterFamilies.size() == 2) {
            families.add(IpFamily.fromName(families.get(0)).other().name());
        }
        return new Result(s.withIpFamilies(families), List.of());
    }
}
