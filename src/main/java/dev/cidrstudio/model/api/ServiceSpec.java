package dev.cidrstudio.model.api;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Service spec fields that matter to Service networking. Lists are null when the field is absent, since
 * Kubernetes treats "absent" and "empty" differently in a few rules. {@code ipFamilies} are strings so that
 * invalid values can be reported.
 */
public record ServiceSpec(
        String type,
        String clusterIP,
        List<String> clusterIPs,
        List<String> ipFamilies,
        String ipFamilyPolicy,
        List<ServicePort> ports,
        Map<String, String> selector,
        String externalName,
        List<String> externalIPs,
        String sessionAffinity,
        String internalTrafficPolicy,
        String externalTrafficPolicy,
        Boolean allocateLoadBalancerNodePorts,
        String loadBalancerIP,
        Map<String, Object> otherFields) {

    public ServiceSpec {
        clusterIPs = clusterIPs == null ? null : List.copyOf(clusterIPs);
        ipFamilies = ipFamilies == null ? null : List.copyOf(ipFamilies);
        ports = ports == null ? null : List.copyOf(ports);
        selector = selector == null ? null : SortedStringMap.copyOf(selector);
        externalIPs = externalIPs == null ? null : List.copyOf(externalIPs);
        otherFields = otherFields == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(otherFields));
    }

    public static ServiceSpec empty() {
        return new ServiceSpec(null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null);
    }

    public ServiceSpec withType(String t) {
        return new ServiceSpec(t, clusterIP, clusterIPs, ipFamilies, ipFamilyPolicy, ports, selector, externalName,
                externalIPs, sessionAffinity, internalTrafficPolicy, externalTrafficPolicy,
                allocateLoadBalancerNodePorts, loadBalancerIP, otherFields);
    }

    public ServiceSpec withClusterIPs(String ip, List<String> ips) {
        return new ServiceSpec(type, ip, ips, ipFamilies, ipFamilyPolicy, ports, selector, externalName,
                externalIPs, sessionAffinity, internalTrafficPolicy, externalTrafficPolicy,
                allocateLoadBalancerNodePorts, loadBalancerIP, otherFields);
    }

    public ServiceSpec withIpFamilies(List<String> f) {
        return new ServiceSpec(type, clusterIP, clusterIPs, f, ipFamilyPolicy, ports, selector, externalName,
                externalIPs, sessionAffinity, internalTrafficPolicy, externalTrafficPolicy,
                allocateLoadBalancerNodePorts, loadBalancerIP, otherFields);
    }

    public ServiceSpec withIpFamilyPolicy(String p) {
        return new ServiceSpec(type, clusterIP, clusterIPs, ipFamilies, p, ports, selector, externalName,
                externalIPs, sessionAffinity, internalTrafficPolicy, externalTrafficPolicy,
                allocateLoadBalancerNodePorts, loadBalancerIP, otherFields);
    }

    public ServiceSpec withPorts(List<ServicePort> p) {
        return new ServiceSpec(type, clusterIP, clusterIPs, ipFamilies, ipFamilyPolicy, p, selector, externalName,
                externalIPs, sessionAffinity, internalTrafficPolicy, externalTrafficPolicy,
                allocateLoadBalancerNodePorts, loadBalancerIP, otherFields);
    }

    public ServiceSpec withSelector(Map<String, String> s) {
        return new ServiceSpec(type, clusterIP, clusterIPs, ipFamilies, ipFamilyPolicy, ports, s, externalName,
                externalIPs, sessionAffinity, internalTrafficPolicy, externalTrafficPolicy,
                allocateLoadBalancerNodePorts, loadBalancerIP, otherFields);
    }

    public ServiceSpec withExternalName(String n) {
        return new ServiceSpec(type, clusterIP, clusterIPs, ipFamilies, ipFamilyPolicy, ports, selector, n,
                externalIPs, sessionAffinity, internalTrafficPolicy, externalTrafficPolicy,
                allocateLoadBalancerNodePorts, loadBalancerIP, otherFields);
    }

    public ServiceSpec withDefaults(String affinity, String itp, String etp, Boolean allocateLbNodePorts) {
        return new ServiceSpec(type, clusterIP, clusterIPs, ipFamilies, ipFamilyPolicy, ports, selector,
                externalName, externalIPs, affinity, itp, etp, allocateLbNodePorts, loadBalancerIP, otherFields);
    }

    /** The spec with one of the fields it only carries through set (null removes it). */
    public ServiceSpec withOtherField(String key, Object value) {
        Map<String, Object> m = new TreeMap<>(otherFields);
        if (value == null) {
            m.remove(key);
        } else {
            m.put(key, value);
        }
        return new ServiceSpec(type, clusterIP, clusterIPs, ipFamilies, ipFamilyPolicy, ports, selector,
                externalName, externalIPs, sessionAffinity, internalTrafficPolicy, externalTrafficPolicy,
                allocateLoadBalancerNodePorts, loadBalancerIP, m);
    }

    /** A field it only carries through, as decoded ({@code Long}, {@code String}, {@code List}, {@code Map}). */
    public Object otherField(String key) {
        return otherFields.get(key);
    }

    /** {@code ExternallyAccessible}: NodePort, LoadBalancer, or ClusterIP with external IPs. */
    public boolean externallyAccessible() {
        return "LoadBalancer".equals(type) || "NodePort".equals(type)
                || ("ClusterIP".equals(type) && externalIPs != null && !externalIPs.isEmpty());
    }

    /** {@code NeedsHealthCheck}: a LoadBalancer with {@code externalTrafficPolicy: Local}. */
    public boolean needsHealthCheck() {
        return "LoadBalancer".equals(type) && "Local".equals(externalTrafficPolicy);
    }

    public List<String> clusterIPsOrEmpty() {
        return clusterIPs == null ? List.of() : clusterIPs;
    }

    public List<String> ipFamiliesOrEmpty() {
        return ipFamilies == null ? List.of() : ipFamilies;
    }

    public List<String> externalIPsOrEmpty() {
        return externalIPs == null ? List.of() : externalIPs;
    }

    public List<ServicePort> portsOrEmpty() {
        return ports == null ? List.of() : ports;
    }

    public boolean isExternalName() {
        return "ExternalName".equals(type);
    }

    public boolean isHeadless() {
        return "None".equals(clusterIP);
    }

    public boolean selectorEmpty() {
        return selector == null || selector.isEmpty();
    }
}
