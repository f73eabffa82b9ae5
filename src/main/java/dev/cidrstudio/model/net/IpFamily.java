package dev.cidrstudio.model.net;

/** The two IP families, spelled as Kubernetes spells them in {@code ipFamilies}. */
public enum IpFamily {
    IPv4(32),
    IPv6(128);

    private final int bits;

    IpFamily(int bits) {
        this.bits = bits;
    }

    public int bits() {
        return bits;
    }

    public IpFamily other() {
        return this == IPv4 ? IPv6 : IPv4;
    }

    /** Parses "IPv4" / "IPv6" exactly; anything else is null. */
    public static IpFamily fromName(String name) {
        if ("IPv4".equals(name)) {
            return IPv4;
        }
        if ("IPv6".equals(name)) {
            return IPv6;
        }
        return null;
    }
}
