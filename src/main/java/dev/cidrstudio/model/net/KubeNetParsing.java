package dev.cidrstudio.model.net;

import dev.cidrstudio.model.field.GoValue;

/**
 * What Kubernetes' CEL {@code ip()} and {@code cidr()} accept, with their error text: netip parsing, then no zone and
 * no IPv4-mapped IPv6 (the {@code cidr()} parse error carries its prefix twice, as kube-apiserver prints it).
 */
public final class KubeNetParsing {

    private KubeNetParsing() {
    }

    /** {@code ip(string)}. */
    public static NetIp.Addr ip(String raw) throws NetIp.ParseException {
        NetIp.Addr addr;
        try {
            addr = NetIp.parseAddr(raw);
        } catch (NetIp.ParseException e) {
            throw new NetIp.ParseException("IP Address " + GoValue.quote(raw)
                    + " parse error during conversion from string: " + e.getMessage());
        }
        if (!addr.zone().isEmpty()) {
            throw new NetIp.ParseException("IP address " + GoValue.quote(raw) + " with zone value is not allowed");
        }
        if (addr.is4In6()) {
            throw new NetIp.ParseException("IPv4-mapped IPv6 address " + GoValue.quote(raw) + " is not allowed");
        }
        return addr;
    }

    /** {@code isIP(string)}. */
    public static boolean isIp(String raw) {
        try {
            ip(raw);
            return true;
        } catch (NetIp.ParseException e) {
            return false;
        }
    }

    /** {@code cidr(string)}. */
    public static NetIp.Prefix cidr(String raw) throws NetIp.ParseException {
        String prefix = "network address parse error during conversion from string: ";
        NetIp.Prefix p;
        try {
            p = NetIp.parsePrefix(raw);
        } catch (NetIp.ParseException e) {
            throw new NetIp.ParseException(prefix + prefix + e.getMessage());
        }
        if (p.addr().is4In6()) {
            throw new NetIp.ParseException(prefix + "IPv4-mapped IPv6 address " + GoValue.quote(raw)
                    + " is not allowed");
        }
        return p;
    }

    /** {@code isCIDR(string)}. */
    public static boolean isCidr(String raw) {
        try {
            cidr(raw);
            return true;
        } catch (NetIp.ParseException e) {
            return false;
        }
    }
}
