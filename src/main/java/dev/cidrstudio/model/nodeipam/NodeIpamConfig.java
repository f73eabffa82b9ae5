package dev.cidrstudio.model.nodeipam;

import dev.cidrstudio.model.net.Cidr;
import dev.cidrstudio.model.net.IpAddress;
import dev.cidrstudio.model.net.IpFamily;
import dev.cidrstudio.model.net.IpParsing;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * kube-controller-manager's node IPAM flags as {@code startNodeIpamController} and {@code NewNodeIpamController}
 * process them: {@code --cluster-cidr} ({@code validateCIDRs}), {@code --service-cluster-ip-range}, the node mask
 * sizes ({@code setNodeCIDRMaskSizes}, defaults /24 and /64) and the check of each mask against its cluster CIDR.
 * Each refusal is the error kube-controller-manager exits with, verbatim.
 *
 * @param clusterCidrs the cluster CIDRs in flag order (one per family)
 * @param nodeCidrMaskSizes the node mask size of each cluster CIDR, in the same order
 * @param serviceCidr the first {@code --service-cluster-ip-range} entry, when it parses
 * @param secondaryServiceCidr the second entry, when it parses
 */
public record NodeIpamConfig(List<Cidr> clusterCidrs, List<Integer> nodeCidrMaskSizes, Optional<Cidr> serviceCidr,
        Optional<Cidr> secondaryServiceCidr) {

    /** {@code defaultNodeMaskCIDRIPv4}. */
    public static final int DEFAULT_NODE_MASK_CIDR_IPV4 = 24;
    /** {@code defaultNodeMaskCIDRIPv6}. */
    public static final int DEFAULT_NODE_MASK_CIDR_IPV6 = 64;
    /**
     * The simulation keeps a node-block bitmap of at most 2^24 blocks per family (kube-controller-manager has no
     * such limit for IPv4, and 2^16 for IPv6).
     */
    public static final int SIMULATION_MAX_DIFF = 24;

    public static final String ERR_DUAL_STACK_MASK = "usage of --node-cidr-mask-size is not allowed with dual-stack "
            + "clusters";
    public static final String ERR_MASK_WITH_FAMILY_MASKS = "usage of --node-cidr-mask-size-ipv4 and "
            + "--node-cidr-mask-size-ipv6 is not allowed if --node-cidr-mask-size is set. For dual-stack clusters "
            + "please unset it and use IPFamily specific flags";
    public static final String ERR_IPV4_MASK_ON_IPV6 = "usage of --node-cidr-mask-size-ipv4 is not allowed for a "
            + "single-stack IPv6 cluster";
    public static final String ERR_IPV6_MASK_ON_IPV4 = "usage of --node-cidr-mask-size-ipv6 is not allowed for a "
            + "single-stack IPv4 cluster";
    public static final String ERR_MASK_SHORTER_THAN_CLUSTER = "Controller: Invalid --cluster-cidr, mask size of "
            + "cluster CIDR must be less than or equal to --node-cidr-mask-size configured for CIDR family";
    public static final String ERR_SERVICE_RANGE_ENTRIES = "--service-cluster-ip-range can not contain more than "
            + "two entries";
    public static final String ERR_SERVICE_NOT_DUAL_STACK = "serviceCIDR and secondaryServiceCIDR are not "
            + "dualstack (from different IPfamiles)";

    /**
     * kube-controller-manager's flags, as given: {@code 0} for a mask flag means not set (its default).
     *
     * @param clusterCidr {@code --cluster-cidr}
     * @param nodeCidrMaskSize {@code --node-cidr-mask-size}
     * @param nodeCidrMaskSizeIpv4 {@code --node-cidr-mask-size-ipv4}
     * @param nodeCidrMaskSizeIpv6 {@code --node-cidr-mask-size-ipv6}
     * @param serviceClusterIpRange {@code --service-cluster-ip-range} (empty when not set)
     */
    public record Flags(String clusterCidr, int nodeCidrMaskSize, int nodeCidrMaskSizeIpv4, int nodeCidrMaskSizeIpv6,
            String serviceClusterIpRange) {
    }

    /**
     * The configuration the flags give, or kube-controller-manager's error: {@code Validate}, then
     * {@code startNodeIpamController}, then {@code NewNodeIpamController}'s mask check, then each set's
     * {@code NewCIDRSet}.
     */
    public static NodeIpamConfig process(Flags flags) throws NodeIpamException {
        String serviceRange = flags.serviceClusterIpRange() == null ? "" : flags.serviceClusterIpRange();
        String[] serviceList = serviceRange.split(",", -1);
        if (serviceList.length > 2) {
            throw new NodeIpamException(ERR_SERVICE_RANGE_ENTRIES);
        }
        List<Cidr> clusterCidrs = validateCidrs(flags.clusterCidr() == null ? "" : flags.clusterCidr());
        Optional<Cidr> service = serviceEntry(serviceList[0]);
        Optional<Cidr> secondary = serviceList.length > 1 ? serviceEntry(serviceList[1]) : Optional.empty();
        if (service.isPresent() && secondary.isPresent() && service.get().family() == secondary.get().family()) {
            throw new NodeIpamException(ERR_SERVICE_NOT_DUAL_STACK);
        }
        List<Integer> masks = setNodeCidrMaskSizes(flags, clusterCidrs);
        for (int i = 0; i < clusterCidrs.size(); i++) {
            if (clusterCidrs.get(i).prefixLength() > masks.get(i)) {
                throw new NodeIpamException(ERR_MASK_SHORTER_THAN_CLUSTER);
            }
        }
        for (int i = 0; i < clusterCidrs.size(); i++) {
            Cidr c = clusterCidrs.get(i);
            int mask = masks.get(i);
            if (mask > c.family().bits()) {
                throw new NodeIpamException("node " + c.family() + " CIDR mask size " + mask + " is longer than "
                        + c.family().bits() + " bits");
            }
            CidrSet.newCidrSet(c, mask);
        }
        return new NodeIpamConfig(clusterCidrs, masks, service, secondary);
    }

    /**
     * The simulation's own limit, beyond kube-controller-manager's rules: a message when a family's node mask is
     * more than {@value #SIMULATION_MAX_DIFF} bits longer than its cluster CIDR, else empty.
     */
    public Optional<String> simulationLimit() {
        for (int i = 0; i < clusterCidrs.size(); i++) {
            int diff = nodeCidrMaskSizes.get(i) - clusterCidrs.get(i).prefixLength();
            if (diff > SIMULATION_MAX_DIFF) {
                return Optional.of("/" + nodeCidrMaskSizes.get(i) + " node blocks in " + clusterCidrs.get(i)
                        + " are 2^" + diff + " blocks; this simulation plans at most 2^" + SIMULATION_MAX_DIFF
                        + " node blocks per family");
            }
        }
        return Optional.empty();
    }

    /** The number of node blocks of each cluster CIDR. */
    public List<Long> maxNodes() {
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < clusterCidrs.size(); i++) {
            out.add(1L << (nodeCidrMaskSizes.get(i) - clusterCidrs.get(i).prefixLength()));
        }
        return out;
    }

    /** {@code validateCIDRs}: one CIDR, or two of different families. */
    static List<Cidr> validateCidrs(String cidrsList) throws NodeIpamException {
        String[] split = cidrsList.strip().split(",", -1);
        List<Cidr> cidrs = new ArrayList<>();
        for (int i = 0; i < split.length; i++) {
            Optional<Cidr> c = RangeAllocator.parse(split[i]);
            if (c.isEmpty()) {
                throw new NodeIpamException("invalid CIDR[" + i + "]: <nil> (invalid CIDR address: " + split[i]
                        + ")");
            }
            cidrs.add(c.get());
        }
        boolean v4 = cidrs.stream().anyMatch(c -> isIpv4(c.network()));
        boolean v6 = cidrs.stream().anyMatch(c -> !isIpv4(c.network()));
        if (cidrs.size() > 1 && !(v4 && v6)) {
            throw new NodeIpamException("len of ClusterCIDRs==" + cidrs.size() + " and they are not configured as "
                    + "dual stack (at least one from each IPFamily");
        }
        if (cidrs.size() > 2) {
            throw new NodeIpamException("length of clusterCIDRs is:" + cidrs.size() + " more than max allowed of 2");
        }
        return cidrs;
    }

    /** {@code setNodeCIDRMaskSizes}: the mask of each cluster CIDR from the flags that are set, else the default. */
    static List<Integer> setNodeCidrMaskSizes(Flags cfg, List<Cidr> clusterCidrs) throws NodeIpamException {
        int ipv4Mask = DEFAULT_NODE_MASK_CIDR_IPV4;
        int ipv6Mask = DEFAULT_NODE_MASK_CIDR_IPV6;
        if (clusterCidrs.size() > 1) {
            if (cfg.nodeCidrMaskSize() != 0) {
                throw new NodeIpamException(ERR_DUAL_STACK_MASK);
            }
            if (cfg.nodeCidrMaskSizeIpv4() != 0) {
                ipv4Mask = cfg.nodeCidrMaskSizeIpv4();
            }
            if (cfg.nodeCidrMaskSizeIpv6() != 0) {
                ipv6Mask = cfg.nodeCidrMaskSizeIpv6();
            }
            return sortedSizes(clusterCidrs, ipv4Mask, ipv6Mask);
        }
        boolean singleStackIpv6 = clusterCidrs.get(0).family() == IpFamily.IPv6;
        if (cfg.nodeCidrMaskSize() != 0) {
            if (cfg.nodeCidrMaskSizeIpv4() != 0 || cfg.nodeCidrMaskSizeIpv6() != 0) {
                throw new NodeIpamException(ERR_MASK_WITH_FAMILY_MASKS);
            }
            return sortedSizes(clusterCidrs, cfg.nodeCidrMaskSize(), cfg.nodeCidrMaskSize());
        }
        if (cfg.nodeCidrMaskSizeIpv4() != 0) {
            if (singleStackIpv6) {
                throw new NodeIpamException(ERR_IPV4_MASK_ON_IPV6);
            }
            ipv4Mask = cfg.nodeCidrMaskSizeIpv4();
        }
        if (cfg.nodeCidrMaskSizeIpv6() != 0) {
            if (!singleStackIpv6) {
                throw new NodeIpamException(ERR_IPV6_MASK_ON_IPV4);
            }
            ipv6Mask = cfg.nodeCidrMaskSizeIpv6();
        }
        return sortedSizes(clusterCidrs, ipv4Mask, ipv6Mask);
    }

    private static List<Integer> sortedSizes(List<Cidr> clusterCidrs, int ipv4Mask, int ipv6Mask) {
        return clusterCidrs.stream().map(c -> c.family() == IpFamily.IPv6 ? ipv6Mask : ipv4Mask).toList();
    }

    /** An unparseable Service range is only logged: the Service blocks are then not filtered out. */
    private static Optional<Cidr> serviceEntry(String text) {
        return text.strip().isEmpty() ? Optional.empty() : RangeAllocator.parse(text);
    }

    private static boolean isIpv4(IpAddress ip) {
        return ip.family() == IpFamily.IPv4;
    }
}
