package dev.cidrstudio.model.hosts;

import java.util.List;

/** One {@code spec.hostAliases} entry: an IP and the names the Pod's hosts file maps to it. */
public record HostAlias(String ip, List<String> hostnames) {

    public HostAlias {
        ip = ip == null ? "" : ip;
        hostnames = hostnames == null ? List.of() : List.copyOf(hostnames);
    }
}
