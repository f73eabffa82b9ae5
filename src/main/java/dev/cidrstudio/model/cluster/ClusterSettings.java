package dev.cidrstudio.model.cluster;

import java.util.List;

/**
 * The plan's {@code cidrstudio.dev/v1alpha1 Cluster} document: the flags of the simulated control plane.
 * Every field has the default a fresh kubeadm cluster would have.
 */
public record ClusterSettings(
        String name,
        KubeVersion kubernetesVersion,
        String serviceClusterIPRange,
        String clusterCIDR,
        int nodeCIDRMaskSizeIPv4,
        int nodeCIDRMaskSizeIPv6,
        String clusterDomain,
        List<String> nodes,
        String clusterDNS,
        long randomSeed) {

    public static final String DEFAULT_SERVICE_RANGE = "10.96.0.0/12";
    public static final String DNS_AUTO = "auto";
    public static final String DNS_NONE = "none";

    public ClusterSettings {
        nodes = List.copyOf(nodes);
    }

    public static ClusterSettings defaults() {
        return new ClusterSettings("demo", KubeVersion.V1_34, DEFAULT_SERVICE_RANGE, "10.244.0.0/16", 24, 64,
                "cluster.local", List.of("worker0"), DNS_AUTO, 1);
    }

    public ClusterSettings withServiceClusterIPRange(String range) {
        return new ClusterSettings(name, kubernetesVersion, range, clusterCIDR, nodeCIDRMaskSizeIPv4,
                nodeCIDRMaskSizeIPv6, clusterDomain, nodes, clusterDNS, randomSeed);
    }

    public ClusterSettings withKubernetesVersion(KubeVersion v) {
        return new ClusterSettings(name, v, serviceClusterIPRange, clusterCIDR, nodeCIDRMaskSizeIPv4,
                nodeCIDRMaskSizeIPv6, clusterDomain, nodes, clusterDNS, randomSeed);
    }

    public ClusterSettings withClusterDNS(String dns) {
        return new ClusterSettings(name, kubernetesVersion, serviceClusterIPRange, clusterCIDR, nodeCIDRMaskSizeIPv4,
                nodeCIDRMaskSizeIPv6, clusterDomain, nodes, dns, randomSeed);
    }

    public ClusterSettings withRandomSeed(long seed) {
        return new ClusterSettings(name, kubernetesVersion, serviceClusterIPRange, clusterCIDR, nodeCIDRMaskSizeIPv4,
                nodeCIDRMaskSizeIPv6, clusterDomain, nodes, clusterDNS, seed);
    }
}
