package dev.cidrstudio.model.api;

/** An IPAddress's {@code spec.parentRef}. */
public record ParentReference(String group, String resource, String namespace, String name) {

    public static ParentReference service(String namespace, String name) {
        return new ParentReference("", "services", namespace, name);
    }

    /** kubectl's PARENTREF cell: {@code resource[.group][/namespace]/name}. */
    public String printable() {
        StringBuilder sb = new StringBuilder();
        String g = group == null ? "" : group;
        sb.append((g.isEmpty() ? nz(resource) : nz(resource) + "." + g).toLowerCase(java.util.Locale.ROOT));
        if (namespace != null && !namespace.isEmpty()) {
            sb.append('/').append(namespace);
        }
        sb.append('/').append(nz(name));
        return sb.toString();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
