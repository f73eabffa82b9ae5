package dev.cidrstudio.model.hosts;

import java.util.List;
import java.util.Optional;

/**
 * The Pod {@code /etc/hosts} the kubelet writes, byte for byte: the managed file of a pod-network Pod (header,
 * boilerplate, one line per sandbox IP) or the node's own file behind a header for a hostNetwork Pod, each followed
 * by the HostAliases block. Lines are separated by one TAB between address and names.
 */
public final class HostsFile {

    static final String MANAGED_HEADER = "# Kubernetes-managed hosts file.\n";
    static final String HOST_NETWORK_HEADER = "# Kubernetes-managed hosts file (host network).\n";
    static final String BOILERPLATE = """
            127.0.0.1\tlocalhost
            ::1\tlocalhost ip6-localhost ip6-loopback
            fe00::0\tip6-localnet
            fe00::0\tip6-mcastprefix
            fe00::1\tip6-allnodes
            fe00::2\tip6-allrouters
            """;
    static final String ALIASES_HEADER = "\n# Entries added by HostAliases.\n";
    /** The longest hostname the kubelet keeps; longer ones are cut, then trailing '-' and '.' removed. */
    static final int MAX_HOSTNAME = 63;

    private HostsFile() {
    }

    /** The file of a Pod on the pod network ({@code managedHostsFileContent}). */
    public static String managed(List<String> podIps, String hostname, String domain, List<HostAlias> aliases) {
        StringBuilder sb = new StringBuilder(MANAGED_HEADER).append(BOILERPLATE);
        for (String ip : podIps) {
            sb.append(ip).append('\t');
            if (domain != null && !domain.isEmpty()) {
                sb.append(hostname).append('.').append(domain).append('\t');
            }
            sb.append(hostname).append('\n');
        }
        appendAliases(sb, aliases);
        return sb.toString();
    }

    /** The file of a hostNetwork Pod ({@code nodeHostsFileContent}): the node's file as it is, then the aliases. */
    public static String hostNetwork(String nodeHostsFile, List<HostAlias> aliases) {
        StringBuilder sb = new StringBuilder(HOST_NETWORK_HEADER).append(nodeHostsFile);
        appendAliases(sb, aliases);
        return sb.toString();
    }

    private static void appendAliases(StringBuilder sb, List<HostAlias> aliases) {
        if (aliases == null || aliases.isEmpty()) {
            return;
        }
        sb.append(ALIASES_HEADER);
        for (HostAlias a : aliases) {
            sb.append(a.ip()).append('\t').append(String.join("\t", a.hostnames())).append('\n');
        }
    }

    /**
     * The file for a Pod as the kubelet decides it: empty when the kubelet leaves {@code /etc/hosts} alone (a
     * pod-network Pod with no IP yet).
     */
    public static Optional<String> forPod(PodHostsInput pod, List<String> sandboxIps, String clusterDomain,
            String nodeHostsFile, boolean hostnameOverrideGate) {
        if (pod.hostNetwork()) {
            return Optional.of(hostNetwork(nodeHostsFile == null ? "" : nodeHostsFile, pod.hostAliases()));
        }
        if (sandboxIps.isEmpty()) {
            return Optional.empty();
        }
        HostName name = hostName(pod, clusterDomain, hostnameOverrideGate);
        return Optional.of(managed(sandboxIps, name.hostname(), name.domain(), pod.hostAliases()));
    }

    /** The short name and domain the kubelet gives a Pod ({@code GeneratePodHostNameAndDomain}). */
    public record HostName(String hostname, String domain) {
    }

    public static HostName hostName(PodHostsInput pod, String clusterDomain, boolean hostnameOverrideGate) {
        if (hostnameOverrideGate && pod.hostnameOverride() != null && !pod.hostnameOverride().isEmpty()) {
            return new HostName(truncate(pod.hostnameOverride()), "");
        }
        String hostname = pod.hostname() != null && !pod.hostname().isEmpty() ? pod.hostname() : pod.name();
        hostname = truncate(hostname);
        String domain = "";
        if (pod.subdomain() != null && !pod.subdomain().isEmpty()) {
            domain = pod.subdomain() + "." + pod.namespace() + ".svc." + (clusterDomain == null ? "" : clusterDomain);
        }
        return new HostName(hostname, domain);
    }

    static String truncate(String hostname) {
        if (hostname.length() <= MAX_HOSTNAME) {
            return hostname;
        }
        String cut = hostname.substring(0, MAX_HOSTNAME);
        int end = cut.length();
        while (end > 0 && (cut.charAt(end - 1) == '-' || cut.charAt(end - 1) == '.')) {
            end--;
        }
        return cut.substring(0, end);
    }
}
