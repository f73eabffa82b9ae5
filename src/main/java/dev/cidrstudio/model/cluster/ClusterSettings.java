package dev.cidrstudio.model.cluster;

import java.util.List;
import java.util.Optional;

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
        long randomSeed,
        List<ApiServerSetting> apiServers,
        List<Network> networks) {

    public static final String DEFAULT_SERVICE_RANGE = "10.96.0.0/12";
    public static final String DNS_AUTO = "auto";
    public static final String DNS_NONE = "none";

    /**
     * One kube-apiserver of the control plane beyond the first: its name and, when it differs from
     * {@code serviceClusterIPRange}, its own flag (apiservers that disagree).
     */
    public record ApiServerSetting(String name, String serviceClusterIPRange) {
    }

    /**
     * A network around the cluster the plan declares ({@code spec.networks}), so the address-plan check can say
     * when a cluster range overlaps it.
     *
     * @param name the network's name
     * @param cidr its prefix, as written
     * @param kind what it is
     */
    public record Network(String name, String cidr, NetworkKind kind) {
    }

    /** The kinds of network around a cluster. */
    public enum NetworkKind {
        /** The subnet the nodes' own addresses come from. */
        NodeSubnet,
        /** The cloud network the cluster runs in. */
        VPC,
        /** A network on the premises, reached through the cluster's network. */
        OnPremises,
        /** A VPN's address range. */
        VPN,
        /** Any other network the cluster must not overlap. */
        Other
    }

    public ClusterSettings {
        nodes = List.copyOf(nodes);
        apiServers = apiServers == null ? List.of() : List.copyOf(apiServers);
        networks = networks == null ? List.of() : List.copyOf(networks);
    }

    /** Settings without declared networks. */
    public ClusterSettings(String name, KubeVersion kubernetesVersion, String serviceClusterIPRange, String clusterCIDR,
            int nodeCIDRMaskSizeIPv4, int nodeCIDRMaskSizeIPv6, String clusterDomain, List<String> nodes,
            String clusterDNS, long randomSeed, List<ApiServerSetting> apiServers) {
        this(name, kubernetesVersion, serviceClusterIPRange, clusterCIDR, nodeCIDRMaskSizeIPv4, nodeCIDRMaskSizeIPv6,
                clusterDomain, nodes, clusterDNS, randomSeed, apiServers, List.of());
    }

    /** The same cluster with these networks declared around it. */
    public ClusterSettings withNetworks(List<Network> declared) {
        return new ClusterSettings(name, kubernetesVersion, serviceClusterIPRange, clusterCIDR, nodeCIDRMaskSizeIPv4,
                nodeCIDRMaskSizeIPv6, clusterDomain, nodes, clusterDNS, randomSeed, apiServers, declared);
    }

    /** Settings with a single kube-apiserver. */
    public ClusterSettings(String name, KubeVersion kubernetesVersion, String serviceClusterIPRange, String clusterCIDR,
            int nodeCIDRMaskSizeIPv4, int nodeCIDRMaskSizeIPv6, String clusterDomain, List<String> nodes,
            String clusterDNS, long randomSeed) {
        this(name, kubernetesVersion, serviceClusterIPRange, clusterCIDR, nodeCIDRMaskSizeIPv4, nodeCIDRMaskSizeIPv6,
                clusterDomain, nodes, clusterDNS, randomSeed, List.of());
    }

    /**
     * The control plane's apiservers: {@code kube-apiserver} with {@code serviceClusterIPRange} when none are
     * listed, else the listed ones, each with its own flag or the shared one.
     */
    public List<ApiServerSetting> effectiveApiServers() {
        if (apiServers.isEmpty()) {
            return List.of(new ApiServerSetting(ApiServer.KUBE_APISERVER, serviceClusterIPRange));
        }
        return apiServers.stream().map(a -> new ApiServerSetting(a.name(), a.serviceClusterIPRange() == null
                ? serviceClusterIPRange : a.serviceClusterIPRange())).toList();
    }

    public ClusterSettings withApiServers(List<ApiServerSetting> servers) {
        return new ClusterSettings(name, kubernetesVersion, serviceClusterIPRange, clusterCIDR, nodeCIDRMaskSizeIPv4,
                nodeCIDRMaskSizeIPv6, clusterDomain, nodes, clusterDNS, randomSeed, servers, networks);
    }

    /** The same cluster under another name (the Cluster document's {@code metadata.name}). */
    public ClusterSettings withName(String newName) {
        return new ClusterSettings(newName, kubernetesVersion, serviceClusterIPRange, clusterCIDR, nodeCIDRMaskSizeIPv4,
                nodeCIDRMaskSizeIPv6, clusterDomain, nodes, clusterDNS, randomSeed, apiServers, networks);
    }

    public ClusterSettings withClusterCIDR(String cidr) {
        return new ClusterSettings(name, kubernetesVersion, serviceClusterIPRange, cidr, nodeCIDRMaskSizeIPv4,
                nodeCIDRMaskSizeIPv6, clusterDomain, nodes, clusterDNS, randomSeed, apiServers, networks);
    }


    public static ClusterSettings defaults() {
        return new ClusterSettings("demo", KubeVersion.V1_34, DEFAULT_SERVICE_RANGE, "10.244.0.0/16", 24, 64,
                "cluster.local", List.of("worker0"), DNS_AUTO, 1, List.of());
    }

    /**
     * The kubelets' {@code clusterDNS}: the address set, or with {@code auto} the one kubeadm picks (the 10th address of
     * the primary Service range); empty with {@code none}.
     */
    public Optional<String> kubeletClusterDns() {
        if (DNS_NONE.equals(clusterDNS)) {
            return Optional.empty();
        }
        if (DNS_AUTO.equals(clusterDNS)) {
            ServiceIpRangeFlag flags = ServiceIpRangeFlag.parse(serviceClusterIPRange, kubernetesVersion);
            return flags.primary() == null ? Optional.empty()
                    : Optional.of(flags.primary().network().plus(10).toString());
        }
        return Optional.of(clusterDNS);
    }

    public ClusterSettings withServiceClusterIPRange(String range) {
        return new ClusterSettings(name, kubernetesVersion, range, clusterCIDR, nodeCIDRMaskSizeIPv4,
                nodeCIDRMaskSizeIPv6, clusterDomain, nodes, clusterDNS, randomSeed, apiServers, networks);
    }

    public ClusterSettings withKubernetesVersion(KubeVersion v) {
        return new ClusterSettings(name, v, serviceClusterIPRange, clusterCIDR, nodeCIDRMaskSizeIPv4,
                nodeCIDRMaskSizeIPv6, clusterDomain, nodes, clusterDNS, randomSeed, apiServers, networks);
    }

    public ClusterSettings withClusterDNS(String dns) {
        return new ClusterSettings(name, kubernetesVersion, serviceClusterIPRange, clusterCIDR, nodeCIDRMaskSizeIPv4,
                nodeCIDRMaskSizeIPv6, clusterDomain, nodes, dns, randomSeed, apiServers, networks);
    }
}
