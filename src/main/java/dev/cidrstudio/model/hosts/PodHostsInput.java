package dev.cidrstudio.model.hosts;

import java.util.List;

/** The parts of a Pod that decide its hosts file. */
public record PodHostsInput(String name, String namespace, String hostname, String subdomain, String hostnameOverride,
        boolean hostNetwork, List<HostAlias> hostAliases) {

    public PodHostsInput {
        namespace = namespace == null || namespace.isEmpty() ? "default" : namespace;
        hostAliases = hostAliases == null ? List.of() : List.copyOf(hostAliases);
    }
}
