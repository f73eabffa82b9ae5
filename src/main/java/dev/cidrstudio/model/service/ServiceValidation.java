package dev.cidrstudio.model.service;

import dev.cidrstudio.model.validation.ObjectMetaValidation;

import dev.cidrstudio.model.api.Service;
import dev.cidrstudio.model.api.ServicePort;
import dev.cidrstudio.model.api.ServiceSpec;
import dev.cidrstudio.model.field.FieldError;
import dev.cidrstudio.model.field.GoValue;
import dev.cidrstudio.model.net.IpAddress;
import dev.cidrstudio.model.net.IpFamily;
import dev.cidrstudio.model.net.IpParsing;
import dev.cidrstudio.model.validation.NameValidation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@code ValidateService}, {@code ValidateServiceUpdate} and {@code ValidateServiceClusterIPsRelatedFields}. */
public final class ServiceValidation {

    public static final List<String> SUPPORTED_FAMILIES = List.of("IPv4", "IPv6");
    public static final List<String> SUPPORTED_POLICIES = List.of("PreferDualStack", "RequireDualStack",
            "SingleStack");
    public static final List<String> SUPPORTED_TYPES = List.of("ClusterIP", "ExternalName", "LoadBalancer",
            "NodePort");
    public static final List<String> SUPPORTED_PROTOCOLS = List.of("SCTP", "TCP", "UDP");
    public static final List<String> SUPPORTED_AFFINITY = List.of("ClientIP", "None");
    public static final String NONE = "None";
    static final String EXTERNAL_NAME_FORBIDDEN = "may not be set for ExternalName services";

    private ServiceValidation() {
    }

    static GoValue.Rendered ips(List<String> l) {
        return GoValue.strings(l);
    }

    /** The family Go's {@code netutils.IsIPv6String} gives, or empty for an unparseable string. */
    static Optional<IpFamily> familyOf(String ip) {
        return IpParsing.parseIpSloppy(ip).map(IpParsing::goFamily);
    }

    public static List<FieldError> validateServiceClusterIPsRelatedFields(ServiceSpec spec) {
        List<FieldError> errs = new ArrayList<>();
        if (spec.isExternalName()) {
            return errs;
        }
        List<String> clusterIPs = spec.clusterIPsOrEmpty();
        String clusterIP = spec.clusterIP() == null ? "" : spec.clusterIP();
        if (clusterIP.isEmpty()) {
            if (!clusterIPs.isEmpty()) {
                errs.add(FieldError.invalid("spec.clusterIPs", ips(spec.clusterIPs()),
                        "must be empty when `clusterIP` is not specified"));
            }
        } else if (clusterIPs.isEmpty()) {
            errs.add(FieldError.required("spec.clusterIPs", ""));
        } else if (!clusterIPs.get(0).equals(clusterIP)) {
            errs.add(FieldError.invalid("spec.clusterIPs", ips(spec.clusterIPs()), "first value must match `clusterIP`"));
        }

        Set<String> seen = new HashSet<>();
        List<String> families = spec.ipFamiliesOrEmpty();
        for (int i = 0; i < families.size(); i++) {
            String f = families.get(i);
            if (!SUPPORTED_FAMILIES.contains(f)) {
                errs.add(FieldError.notSupported("spec.ipFamilies[" + i + "]", f, SUPPORTED_FAMILIES));
            }
            if (!seen.add(f)) {
                errs.add(FieldError.duplicate("spec.ipFamilies[" + i + "]", GoValue.quote(f)));
            }
        }
        if (spec.ipFamilyPolicy() != null && !SUPPORTED_POLICIES.contains(spec.ipFamilyPolicy())) {
            errs.add(FieldError.notSupported("spec.ipFamilyPolicy", spec.ipFamilyPolicy(), SUPPORTED_POLICIES));
        }

        boolean hasInvalidIPs = false;
        for (int i = 0; i < clusterIPs.size(); i++) {
            String ip = clusterIPs.get(i);
            if (i == 0 && NONE.equals(ip)) {
                if (clusterIPs.size() > 1) {
                    hasInvalidIPs = true;
                    errs.add(FieldError.invalid("spec.clusterIPs", ips(clusterIPs),
                            "'None' must be the first and only value"));
                }
                continue;
            }
            for (String d : IpParsing.legacyIpProblems(ip)) {
                hasInvalidIPs = true;
                errs.add(FieldError.invalidString("spec.clusterIPs[" + i + "]", ip, d));
            }
        }
        if (clusterIPs.size() > 2) {
            errs.add(FieldError.invalid("spec.clusterIPs", ips(clusterIPs), "may only hold up to 2 values"));
        }
        if (hasInvalidIPs) {
            return errs;
        }
        if (clusterIPs.size() > 1) {
            boolean v4 = false;
            boolean v6 = false;
            for (String ip : clusterIPs) {
                IpFamily f = familyOf(ip).orElse(IpFamily.IPv4);
                v4 |= f == IpFamily.IPv4;
                v6 |= f == IpFamily.IPv6;
            }
            if (!(v4 && v6)) {
                errs.add(FieldError.invalid("spec.clusterIPs", ips(clusterIPs),
                        "may specify no more than one IP for each IP family"));
            }
        }
        if (!spec.isHeadless() && !clusterIPs.isEmpty() && !families.isEmpty()) {
            for (int i = 0; i < clusterIPs.size() && i < families.size(); i++) {
                String ip = clusterIPs.get(i);
                boolean isV6 = familyOf(ip).orElse(IpFamily.IPv4) == IpFamily.IPv6;
                if ("IPv4".equals(families.get(i)) && isV6) {
                    errs.add(FieldError.invalidString("spec.clusterIPs[" + i + "]", ip,
                            "expected an IPv4 value as indicated by `ipFamilies[" + i + "]`"));
                }
                if ("IPv6".equals(families.get(i)) && !isV6) {
                    errs.add(FieldError.invalidString("spec.clusterIPs[" + i + "]", ip,
                            "expected an IPv6 value as indicated by `ipFamilies[" + i + "]`"));
                }
            }
        }
        return errs;
    }

    /**
     * {@code ValidateService}: the whole object, after defaulting and allocation, rule by rule in the order
     * kube-apiserver checks them. {@code preferSame} is the {@code PreferSameTrafficDistribution} gate (off in 1.33,
     * on from 1.34): it adds {@code PreferSameZone} and {@code PreferSameNode} to {@code trafficDistribution}.
     */
    public static List<FieldError> validateService(Service svc, boolean preferSame) {
        List<FieldError> errs = new ArrayList<>(ObjectMetaValidation.validateObjectMeta(svc.meta(), true,
                ObjectMetaValidation.NAME_IS_DNS1035_LABEL));
        Map<String, String> annotations = svc.meta().annotations();
        String hints = annotations.get(TOPOLOGY_HINTS);
        String mode = annotations.get(TOPOLOGY_MODE);
        if (hints != null && mode != null && !hints.equals(mode)) {
            errs.add(FieldError.invalidString("metadata.annotations[" + TOPOLOGY_MODE + "]", mode,
                    "must match annotations[" + TOPOLOGY_HINTS + "] when both are specified"));
        }
        ServiceSpec spec = svc.spec();
        String type = spec.type() == null ? "" : spec.type();
        List<ServicePort> ports = spec.portsOrEmpty();
        boolean headless = isHeadless(spec);
        if (ports.isEmpty() && !headless && !"ExternalName".equals(type)) {
            errs.add(FieldError.required("spec.ports", ""));
        }
        switch (type) {
            case "LoadBalancer", "NodePort" -> {
                if (headless) {
                    errs.add(FieldError.invalidString("spec.clusterIPs[0]", NONE,
                            "may not be set to 'None' for " + type + " services"));
                }
            }
            case "ExternalName" -> {
                if (!spec.clusterIPsOrEmpty().isEmpty()) {
                    errs.add(FieldError.forbidden("spec.clusterIPs", EXTERNAL_NAME_FORBIDDEN));
                }
                if (!spec.ipFamiliesOrEmpty().isEmpty()) {
                    errs.add(FieldError.forbidden("spec.ipFamilies", EXTERNAL_NAME_FORBIDDEN));
                }
                if (spec.ipFamilyPolicy() != null) {
                    errs.add(FieldError.forbidden("spec.ipFamilyPolicy", EXTERNAL_NAME_FORBIDDEN));
                }
                String cname = spec.externalName() == null ? "" : spec.externalName();
                if (cname.endsWith(".")) {
                    cname = cname.substring(0, cname.length() - 1);
                }
                if (cname.isEmpty()) {
                    errs.add(FieldError.required("spec.externalName", ""));
                } else {
                    NameValidation.addAll(errs, "spec.externalName", cname, NameValidation.isDns1123Subdomain(cname));
                }
            }
            default -> {
            }
        }
        Set<String> portNames = new HashSet<>();
        for (int i = 0; i < ports.size(); i++) {
            errs.addAll(validateServicePort(ports.get(i), ports.size() > 1, portNames, "spec.ports[" + i + "]"));
        }
        if (spec.selector() != null) {
            for (Map.Entry<String, String> e : spec.selector().entrySet()) {
                NameValidation.addAll(errs, "spec.selector", e.getKey(), NameValidation.isQualifiedName(e.getKey()));
                NameValidation.addAll(errs, "spec.selector", e.getValue(),
                        NameValidation.isValidLabelValue(e.getValue()));
            }
        }
        String affinity = spec.sessionAffinity() == null ? "" : spec.sessionAffinity();
        if (affinity.isEmpty()) {
            errs.add(FieldError.required("spec.sessionAffinity", ""));
        } else if (!SUPPORTED_AFFINITY.contains(affinity)) {
            errs.add(FieldError.notSupported("spec.sessionAffinity", affinity, SUPPORTED_AFFINITY));
        }
        Object affinityConfig = spec.otherField("sessionAffinityConfig");
        if ("ClientIP".equals(affinity)) {
            errs.addAll(validateClientIpAffinityConfig(affinityConfig));
        } else if (NONE.equals(affinity) && affinityConfig != null) {
            errs.add(FieldError.forbidden("spec.sessionAffinityConfig", "must not be set when session affinity is "
                    + NONE));
        }
        errs.addAll(validateServiceClusterIPsRelatedFields(spec));
        for (int i = 0; i < spec.externalIPsOrEmpty().size(); i++) {
            String ip = spec.externalIPsOrEmpty().get(i);
            String path = "spec.externalIPs[" + i + "]";
            List<String> bad = IpParsing.legacyIpProblems(ip);
            if (!bad.isEmpty()) {
                for (String d : bad) {
                    errs.add(FieldError.invalidString(path, ip, d));
                }
            } else {
                errs.addAll(validateNonSpecialIp(ip, path));
            }
        }
        if (type.isEmpty()) {
            errs.add(FieldError.required("spec.type", ""));
        } else if (!SUPPORTED_TYPES.contains(type)) {
            errs.add(FieldError.notSupported("spec.type", type, SUPPORTED_TYPES));
        }
        if ("ClusterIP".equals(type)) {
            for (int i = 0; i < ports.size(); i++) {
                Integer np = ports.get(i).nodePort();
                if (np != null && np != 0) {
                    errs.add(FieldError.forbidden("spec.ports[" + i + "].nodePort",
                            "may not be used when `type` is 'ClusterIP'"));
                }
            }
        }
        Set<String> nodePorts = new HashSet<>();
        for (int i = 0; i < ports.size(); i++) {
            ServicePort p = ports.get(i);
            if (p.nodePort() == null || p.nodePort() == 0) {
                continue;
            }
            if (!nodePorts.add(p.protocol() + "/" + p.nodePort())) {
                errs.add(FieldError.duplicate("spec.ports[" + i + "].nodePort", Integer.toString(p.nodePort())));
            }
        }
        Set<String> servicePorts = new HashSet<>();
        for (int i = 0; i < ports.size(); i++) {
            ServicePort p = ports.get(i);
            if (!servicePorts.add(p.protocol() + "/" + p.port())) {
                errs.add(FieldError.duplicate("spec.ports[" + i + "]", portKey(p)));
            }
        }
        List<String> sourceRanges = strings(spec.otherField("loadBalancerSourceRanges"));
        if (!sourceRanges.isEmpty()) {
            // The field path is spelled as kube-apiserver spells it.
            String path = "spec.LoadBalancerSourceRanges";
            if (!"LoadBalancer".equals(type)) {
                errs.add(FieldError.forbidden(path, LOAD_BALANCER_ONLY));
            }
            for (int i = 0; i < sourceRanges.size(); i++) {
                String v = sourceRanges.get(i).strip();
                for (String d : IpParsing.legacyCidrProblems(v)) {
                    errs.add(FieldError.invalidString(path + "[" + i + "]", v, d));
                }
            }
        } else if (annotations.containsKey(SOURCE_RANGES_ANNOTATION)) {
            String path = "metadata.annotations[" + SOURCE_RANGES_ANNOTATION + "]";
            if (!"LoadBalancer".equals(type)) {
                errs.add(FieldError.forbidden(path, LOAD_BALANCER_ONLY));
            }
            String val = annotations.get(SOURCE_RANGES_ANNOTATION).strip();
            if (!val.isEmpty()) {
                for (String part : val.split(",", -1)) {
                    String v = part.strip();
                    for (String d : IpParsing.legacyCidrProblems(v)) {
                        errs.add(FieldError.invalidString(path, v, d));
                    }
                }
            }
        }
        if (spec.allocateLoadBalancerNodePorts() != null && !"LoadBalancer".equals(type)) {
            errs.add(FieldError.forbidden("spec.allocateLoadBalancerNodePorts", LOAD_BALANCER_ONLY));
        }
        if ("LoadBalancer".equals(type) && spec.allocateLoadBalancerNodePorts() == null) {
            // kube-apiserver names this field without its spec. prefix.
            errs.add(FieldError.required("allocateLoadBalancerNodePorts", ""));
        }
        errs.addAll(validateLoadBalancerClass(spec));
        errs.addAll(validateExternalTrafficPolicy(spec));
        String itp = spec.internalTrafficPolicy();
        if (itp == null && ("NodePort".equals(type) || "LoadBalancer".equals(type) || "ClusterIP".equals(type))) {
            errs.add(FieldError.required("spec.internalTrafficPolicy", ""));
        }
        if (itp != null && !SUPPORTED_TRAFFIC_POLICIES.contains(itp)) {
            errs.add(FieldError.notSupported("spec.internalTrafficPolicy", itp, SUPPORTED_TRAFFIC_POLICIES));
        }
        Object td = spec.otherField("trafficDistribution");
        if (td != null) {
            List<String> supported = preferSame ? List.of("PreferClose", "PreferSameNode", "PreferSameZone")
                    : List.of("PreferClose");
            if (!supported.contains(String.valueOf(td))) {
                errs.add(FieldError.notSupported("spec.trafficDistribution", String.valueOf(td), supported));
            }
        }
        return errs;
    }

    public static final String TOPOLOGY_HINTS = "service.kubernetes.io/topology-aware-hints";
    public static final String TOPOLOGY_MODE = "service.kubernetes.io/topology-mode";
    public static final String SOURCE_RANGES_ANNOTATION = "service.beta.kubernetes.io/load-balancer-source-ranges";
    static final String LOAD_BALANCER_ONLY = "may only be used when `type` is 'LoadBalancer'";
    public static final List<String> SUPPORTED_TRAFFIC_POLICIES = List.of("Cluster", "Local");
    static final int MAX_CLIENT_IP_AFFINITY_SECONDS = 86400;

    /** {@code isHeadlessService}: exactly one cluster IP, and it is {@code None}. */
    static boolean isHeadless(ServiceSpec spec) {
        return spec.clusterIPsOrEmpty().size() == 1 && NONE.equals(spec.clusterIPsOrEmpty().get(0));
    }

    /**
     * The {@code (protocol, port)} key of the duplicate-port error, a {@code core.ServicePort} with only those set:
     * Go's {@code %#v} in 1.33, JSON (the internal type has no JSON tags) from 1.34.
     */
    static GoValue.Rendered portKey(ServicePort p) {
        String protocol = p.protocol() == null ? "" : p.protocol();
        return new GoValue.Rendered("core.ServicePort{Name:\"\", Protocol:" + GoValue.quote(protocol)
                + ", AppProtocol:(*string)(nil), Port:" + p.port() + ", TargetPort:intstr.IntOrString{Type:0, IntVal:0, "
                + "StrVal:\"\"}, NodePort:0}", "{\"Name\":\"\",\"Protocol\":" + GoValue.json(protocol, true)
                        + ",\"AppProtocol\":null,\"Port\":" + p.port() + ",\"TargetPort\":0,\"NodePort\":0}");
    }

    private static List<String> strings(Object v) {
        if (!(v instanceof List<?> l)) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (Object o : l) {
            out.add(String.valueOf(o));
        }
        return out;
    }

    /** {@code validateClientIPAffinityConfig}: each level must be there, and the timeout in (0, 86400]. */
    private static List<FieldError> validateClientIpAffinityConfig(Object config) {
        String path = "spec.sessionAffinityConfig";
        String why = "when session affinity type is ClientIP";
        if (!(config instanceof Map<?, ?> c)) {
            return List.of(FieldError.required(path, why));
        }
        if (!(c.get("clientIP") instanceof Map<?, ?> ip)) {
            return List.of(FieldError.required(path + ".clientIP", why));
        }
        Object t = ip.get("timeoutSeconds");
        if (!(t instanceof Number n)) {
            return List.of(FieldError.required(path + ".clientIP.timeoutSeconds", why));
        }
        long v = n.longValue();
        if (v <= 0 || v > MAX_CLIENT_IP_AFFINITY_SECONDS) {
            return List.of(FieldError.invalid(path + ".clientIP.timeoutSeconds", Long.toString(v),
                    "must be greater than 0 and less than " + MAX_CLIENT_IP_AFFINITY_SECONDS));
        }
        return List.of();
    }

    /** {@code ValidateNonSpecialIP}: no unspecified, loopback or link-local external IP. */
    static List<FieldError> validateNonSpecialIp(String text, String path) {
        List<FieldError> errs = new ArrayList<>();
        Optional<IpAddress> parsed = IpParsing.parseIpSloppy(text);
        if (parsed.isEmpty()) {
            return List.of(FieldError.invalidString(path, text, "must be a valid IP address"));
        }
        IpAddress ip = parsed.get();
        java.net.InetAddress a;
        try {
            a = java.net.InetAddress.getByAddress(goBytes(ip));
        } catch (java.net.UnknownHostException e) {
            return errs;
        }
        if (a.isAnyLocalAddress()) {
            errs.add(FieldError.invalidString(path, text, "may not be unspecified (" + text + ")"));
        }
        if (a.isLoopbackAddress()) {
            errs.add(FieldError.invalidString(path, text, "may not be in the loopback range (127.0.0.0/8, ::1/128)"));
        }
        if (a.isLinkLocalAddress()) {
            errs.add(FieldError.invalidString(path, text,
                    "may not be in the link-local range (169.254.0.0/16, fe80::/10)"));
        }
        if (linkLocalMulticast(a.getAddress())) {
            errs.add(FieldError.invalidString(path, text,
                    "may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)"));
        }
        return errs;
    }

    /** The address as Go holds it after {@code ParseIPSloppy}: an IPv4-mapped address is 4 bytes. */
    private static byte[] goBytes(IpAddress ip) {
        if (ip.isIpv4() || ip.isIpv4Mapped()) {
            long v = ip.lo() & 0xffffffffL;
            return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
        }
        byte[] b = new byte[16];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (ip.hi() >>> (56 - 8 * i));
            b[8 + i] = (byte) (ip.lo() >>> (56 - 8 * i));
        }
        return b;
    }

    /** Go's {@code IsLinkLocalMulticast}: 224.0.0.0/24, or ff02::/16 (ff0X with scope 2). */
    private static boolean linkLocalMulticast(byte[] b) {
        if (b.length == 4) {
            return (b[0] & 0xff) == 224 && b[1] == 0 && b[2] == 0;
        }
        return (b[0] & 0xff) == 0xff && (b[1] & 0x0f) == 0x02;
    }

    /** {@code validateLoadBalancerClassField} for a create: a qualified name, and only on a LoadBalancer. */
    static List<FieldError> validateLoadBalancerClass(ServiceSpec spec) {
        Object cls = spec.otherField("loadBalancerClass");
        if (cls == null) {
            return List.of();
        }
        List<FieldError> errs = new ArrayList<>();
        if ("LoadBalancer".equals(spec.type())) {
            String c = String.valueOf(cls);
            NameValidation.addAll(errs, "spec.loadBalancerClass", c, NameValidation.isQualifiedName(c));
        } else {
            errs.add(FieldError.forbidden("spec.loadBalancerClass", LOAD_BALANCER_ONLY));
        }
        return errs;
    }

    /** {@code validateServiceExternalTrafficPolicy}: the policy and the health-check port, by type. */
    static List<FieldError> validateExternalTrafficPolicy(ServiceSpec spec) {
        List<FieldError> errs = new ArrayList<>();
        String etp = spec.externalTrafficPolicy() == null ? "" : spec.externalTrafficPolicy();
        if (!spec.externallyAccessible()) {
            if (!etp.isEmpty()) {
                errs.add(FieldError.invalidString("spec.externalTrafficPolicy", etp,
                        "may only be set for externally-accessible services"));
            }
        } else if (etp.isEmpty()) {
            errs.add(FieldError.required("spec.externalTrafficPolicy", ""));
        } else if (!SUPPORTED_TRAFFIC_POLICIES.contains(etp)) {
            errs.add(FieldError.notSupported("spec.externalTrafficPolicy", etp, SUPPORTED_TRAFFIC_POLICIES));
        }
        long hc = healthCheckNodePort(spec);
        if (!spec.needsHealthCheck()) {
            if (hc != 0) {
                errs.add(FieldError.invalid("spec.healthCheckNodePort", Long.toString(hc),
                        "may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'"));
            }
        } else if (hc == 0) {
            errs.add(FieldError.required("spec.healthCheckNodePort", ""));
        } else if (hc < 1 || hc > 65535) {
            errs.add(FieldError.invalid("spec.healthCheckNodePort", Long.toString(hc),
                    "must be between 1 and 65535, inclusive"));
        }
        return errs;
    }

    /** {@code spec.healthCheckNodePort}, 0 when unset. */
    public static long healthCheckNodePort(ServiceSpec spec) {
        return spec.otherField("healthCheckNodePort") instanceof Number n ? n.longValue() : 0;
    }

    private static List<FieldError> validateServicePort(ServicePort p, boolean requireName, Set<String> names,
            String path) {
        List<FieldError> errs = new ArrayList<>();
        if (requireName && (p.name() == null || p.name().isEmpty())) {
            errs.add(FieldError.required(path + ".name", ""));
        } else if (p.name() != null && !p.name().isEmpty()) {
            NameValidation.addAll(errs, path + ".name", p.name(), NameValidation.isDns1123Label(p.name()));
            if (!names.add(p.name())) {
                errs.add(FieldError.duplicate(path + ".name", GoValue.quote(p.name())));
            }
        }
        if (p.port() < 1 || p.port() > 65535) {
            errs.add(FieldError.invalid(path + ".port", Integer.toString(p.port()),
                    "must be between 1 and 65535, inclusive"));
        }
        String protocol = p.protocol() == null ? "" : p.protocol();
        if (protocol.isEmpty()) {
            errs.add(FieldError.required(path + ".protocol", ""));
        } else if (!SUPPORTED_PROTOCOLS.contains(protocol)) {
            errs.add(FieldError.notSupported(path + ".protocol", protocol, SUPPORTED_PROTOCOLS));
        }
        if (p.targetPort() != null && p.targetPortIsNumber()) {
            long tp = Long.parseLong(p.targetPort());
            if (tp < 1 || tp > 65535) {
                errs.add(FieldError.invalid(path + ".targetPort", Long.toString(tp),
                        "must be between 1 and 65535, inclusive"));
            }
        } else if (p.targetPort() != null) {
            for (String d : portNameProblems(p.targetPort())) {
                errs.add(FieldError.invalidString(path + ".targetPort", p.targetPort(), d));
            }
        }
        if (p.appProtocol() != null) {
            NameValidation.addAll(errs, path + ".appProtocol", p.appProtocol(),
                    NameValidation.isQualifiedName(p.appProtocol()));
        }
        return errs;
    }

    /** apimachinery's {@code IsValidPortName}: every rule that fails, in order. */
    public static List<String> portNameProblems(String port) {
        List<String> errs = new ArrayList<>();
        if (port.length() > 15) {
            errs.add(NameValidation.maxLenError(15));
        }
        if (!port.matches("[-a-z0-9]+")) {
            errs.add("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
        }
        if (!port.matches(".*[a-z].*")) {
            errs.add("must contain at least one letter (a-z)");
        }
        if (port.contains("--")) {
            errs.add("must not contain consecutive hyphens");
        }
        if (!port.isEmpty() && (port.charAt(0) == '-' || port.charAt(port.length() - 1) == '-')) {
            errs.add("must not begin or end with a hyphen");
        }
        return errs;
    }

    /** {@code ValidateLoadBalancerStatus}'s message for an ingress on a Service of another type. */
    public static final String LOAD_BALANCER_STATUS_ONLY = "may only be used when `spec.type` is 'LoadBalancer'";

    /**
     * {@code ValidateServiceStatusUpdate}'s status part, {@code ValidateLoadBalancerStatus} (the
     * {@code AllowServiceLBStatusOnNonLB} gate off, as in every release modelled): ingress only on a LoadBalancer, an
     * {@code ip} that parses, a {@code hostname} that is a DNS subdomain and not an IP.
     */
    public static List<FieldError> validateServiceStatusUpdate(Service updated) {
        List<FieldError> errs = new ArrayList<>();
        List<Service.LoadBalancerIngress> ingress = updated.loadBalancerIngress();
        String path = "status.loadBalancer.ingress";
        if (!"LoadBalancer".equals(updated.spec().type()) && !ingress.isEmpty()) {
            errs.add(FieldError.forbidden(path, LOAD_BALANCER_STATUS_ONLY));
            return errs;
        }
        for (int i = 0; i < ingress.size(); i++) {
            Service.LoadBalancerIngress in = ingress.get(i);
            String at = path + "[" + i + "]";
            if (in.ip() != null && !in.ip().isEmpty()) {
                for (String msg : IpParsing.legacyIpProblems(in.ip())) {
                    errs.add(FieldError.invalidString(at + ".ip", in.ip(), msg));
                }
            }
            if (in.hostname() != null && !in.hostname().isEmpty()) {
                for (String msg : NameValidation.isDns1123Subdomain(in.hostname())) {
                    errs.add(FieldError.invalidString(at + ".hostname", in.hostname(), msg));
                }
                if (IpParsing.parseIpSloppy(in.hostname()).isPresent()) {
                    errs.add(FieldError.invalidString(at + ".hostname", in.hostname(),
                            "must be a DNS name, not an IP address"));
                }
            }
        }
        return errs;
    }

    /**
     * The immutability rules of {@code ValidateServiceUpdate} that concern IPs; {@code preferSame} as in
     * {@link #validateService}.
     */
    public static List<FieldError> validateServiceUpdate(Service updated, Service old, boolean preferSame) {
        List<FieldError> errs = new ArrayList<>();
        ServiceSpec n = updated.spec();
        ServiceSpec o = old.spec();
        boolean neitherExternal = !n.isExternalName() && !o.isExternalName();
        if (neitherExternal && !o.clusterIPsOrEmpty().isEmpty()) {
            List<String> newIps = n.clusterIPsOrEmpty();
            if (newIps.isEmpty()) {
                errs.add(FieldError.invalid("spec.clusterIPs[0]", ips(n.clusterIPs()),
                        "primary clusterIP can not be unset"));
            } else if (!newIps.get(0).equals(o.clusterIPsOrEmpty().get(0))) {
                errs.add(FieldError.invalid("spec.clusterIPs[0]", ips(n.clusterIPs()), "may not change once set"));
            }
        }
        if (neitherExternal && !o.isHeadless() && !o.ipFamiliesOrEmpty().isEmpty()
                && !n.ipFamiliesOrEmpty().isEmpty()
                && !n.ipFamiliesOrEmpty().get(0).equals(o.ipFamiliesOrEmpty().get(0))) {
            errs.add(FieldError.invalid("spec.ipFamilies[0]", GoValue.typed("core.IPFamily", n.ipFamilies()),
                    "may not change once set"));
        }
        if ("LoadBalancer".equals(o.type()) && "LoadBalancer".equals(n.type())
                && !java.util.Objects.equals(o.otherField("loadBalancerClass"), n.otherField("loadBalancerClass"))) {
            Object cls = n.otherField("loadBalancerClass");
            errs.add(new FieldError(dev.cidrstudio.model.field.ErrorType.INVALID, "spec.loadBalancerClass",
                    cls == null ? "null" : GoValue.quote(String.valueOf(cls)), "may not change once set"));
        }
        errs.addAll(validateLoadBalancerClass(n));
        if (o.needsHealthCheck() && n.needsHealthCheck() && healthCheckNodePort(o) != healthCheckNodePort(n)) {
            errs.add(FieldError.forbidden("spec.healthCheckNodePort", "field is immutable"));
        }
        errs.addAll(validateService(updated, preferSame));
        return errs;
    }
}
