package dev.cidrstudio.model.service;

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

    static String ips(List<String> l) {
        return GoValue.stringSlice(l);
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

    /** {@code ValidateService}: the whole object, after defaulting and allocation. */
    public static List<FieldError> validateService(Service svc) {
        List<FieldError> errs = new ArrayList<>(NameValidation.validateName(svc.name(),
                NameValidation::isDns1035Label));
        ServiceSpec spec = svc.spec();
        String type = spec.type() == null ? "" : spec.type();
        if (type.isEmpty()) {
            errs.add(FieldError.required("spec.type", ""));
        } else if (!SUPPORTED_TYPES.contains(type)) {
            errs.add(FieldError.notSupported("spec.type", type, SUPPORTED_TYPES));
        }
        List<ServicePort> ports = spec.portsOrEmpty();
        if (ports.isEmpty() && !spec.isExternalName() && !spec.isHeadless()) {
            errs.add(FieldError.required("spec.ports", ""));
        }
        if ("ExternalName".equals(type)) {
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
        Set<String> portNames = new HashSet<>();
        for (int i = 0; i < ports.size(); i++) {
            errs.addAll(validateServicePort(ports.get(i), ports.size() > 1, portNames, "spec.ports[" + i + "]"));
        }
        if (spec.sessionAffinity() != null && !SUPPORTED_AFFINITY.contains(spec.sessionAffinity())) {
            errs.add(FieldError.notSupported("spec.sessionAffinity", spec.sessionAffinity(), SUPPORTED_AFFINITY));
        }
        if (("NodePort".equals(type) || "LoadBalancer".equals(type)) && spec.isHeadless()) {
            errs.add(FieldError.invalidString("spec.clusterIPs[0]", NONE,
                    "may not be set to 'None' for " + type + " services"));
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
        for (int i = 0; i < spec.externalIPsOrEmpty().size(); i++) {
            String ip = spec.externalIPsOrEmpty().get(i);
            for (String d : IpParsing.legacyIpProblems(ip)) {
                errs.add(FieldError.invalidString("spec.externalIPs[" + i + "]", ip, d));
            }
        }
        errs.addAll(validateServiceClusterIPsRelatedFields(spec));
        return errs;
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
            int tp = Integer.parseInt(p.targetPort());
            if (tp < 1 || tp > 65535) {
                errs.add(FieldError.invalid(path + ".targetPort", Integer.toString(tp),
                        "must be between 1 and 65535, inclusive"));
            }
        }
        return errs;
    }

    /** The immutability rules of {@code ValidateServiceUpdate} that concern IPs. */
    public static List<FieldError> validateServiceUpdate(Service updated, Service old) {
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
            errs.add(FieldError.invalid("spec.ipFamilies[0]", GoValue.typedSlice("core.IPFamily", n.ipFamilies()),
                    "may not change once set"));
        }
        errs.addAll(validateService(updated));
        return errs;
    }

    /** Parses a cluster IP that validation already accepted. */
    static IpAddress parse(String ip) {
        return IpParsing.parseIpSloppy(ip).orElseThrow();
    }
}
