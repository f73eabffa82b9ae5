package dev.cidrstudio.cli;

import dev.cidrstudio.app.CapacityReport;
import dev.cidrstudio.app.CapacitySizing;
import dev.cidrstudio.app.ManifestImport;
import dev.cidrstudio.app.NodeCapacityReport;
import dev.cidrstudio.app.PlanLoader;
import dev.cidrstudio.console.kubectl.TabWriter;
import dev.cidrstudio.model.nodeipam.NodeCapacity;
import java.io.InputStream;
import java.io.PrintStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code cidrstudio capacity PLAN [--add N] [--headroom P] [--nodes N] [--pods-per-node P]}: the Capacity tab's
 * numbers on standard output, then the nodes and Pods the Pod range holds.
 */
@Command(name = "capacity", header = "Print a plan's Service IP, node and Pod capacity and what a target needs.",
        mixinStandardHelpOptions = true, description = {
            "Print each ServiceCIDR prefix with its total, usable, allocated and free addresses and the share in",
            "use (a warning at " + CapacitySizing.WARN_PERCENT + "%% or more), then, per IP family, whether the plan",
            "has room for --add more Services and for --headroom per cent growth of today's (both), and if not,",
            "candidate prefixes that overlap nothing and that the plan's policies allow. Then, under 'Nodes and Pods',",
            "per family of the cluster CIDR: max nodes (node blocks less those of the Service range), blocks the",
            "Nodes hold, blocks free, Pods per node (the kubelet's maxPods " + NodeCapacity.KUBELET_DEFAULT_MAX_PODS
                    + " or what host-local hands",
            "out of a block, the smaller) and max Pods; with --nodes or --pods-per-node, whether the plan holds the",
            "target, the what-if for the nodes to add, and the smallest cluster range and node mask for it. Exit 0",
            "when there is room, 1 when a family falls short, 2 when the input cannot be read."})
public final class CapacityCommand extends StreamCommand {

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Plan or manifests; '-' reads standard input.")
    List<String> files = new ArrayList<>();

    @Option(names = "--add", paramLabel = "N", defaultValue = "0",
            description = "Room wanted for N more Services (default ${DEFAULT-VALUE}).")
    long add;

    @Option(names = "--headroom", paramLabel = "P", defaultValue = "0",
            description = "Room wanted for P per cent growth of today's Services (default ${DEFAULT-VALUE}).")
    int headroom;

    @Option(names = "--nodes", paramLabel = "N", defaultValue = "0",
            description = "Room wanted for N nodes in all (default ${DEFAULT-VALUE}: no node target).")
    long nodes;

    @Option(names = "--pods-per-node", paramLabel = "P", defaultValue = "0",
            description = "Room wanted for P Pods on each node (default ${DEFAULT-VALUE}: no Pod target).")
    long podsPerNode;

    public CapacityCommand(InputStream in, PrintStream out, PrintStream err) {
        super(in, out, err);
    }

    @Override
    public Integer call() {
        if (add < 0 || headroom < 0 || nodes < 0 || podsPerNode < 0) {
            err.println("error: --add, --headroom, --nodes and --pods-per-node must not be negative");
            return 2;
        }
        List<ManifestImport.Source> sources = readOrReport(files);
        if (sources == null) {
            return 2;
        }
        PlanLoader.Result plan = loadOrReport(sources);
        if (plan == null) {
            return 2;
        }
        var state = plan.api().state();
        StringBuilder table = new StringBuilder("SERVICECIDR\tCIDR\tSTATUS\tTOTAL\tUSABLE\tALLOCATED\tFREE\tUSED\n");
        for (CapacityReport.Row r : CapacityReport.of(state)) {
            BigInteger allocated = BigInteger.valueOf(r.allocated());
            table.append(String.join("\t", r.serviceCidr(), r.cidr(), r.note() == null ? r.status()
                    : r.status() + " (" + r.note() + ")", n(r.total()), n(r.usable()), n(allocated), n(r.free()),
                    CapacitySizing.percent(allocated, r.usable()))).append('\n');
        }
        out.print(TabWriter.KUBECTL_TABLE.format(table.toString()));
        for (String w : CapacitySizing.thresholdWarnings(state)) {
            out.println("warning: " + w);
        }
        boolean short_ = false;
        if (add > 0 || headroom > 0) {
            out.println();
            for (CapacitySizing.Sizing s : CapacitySizing.size(state, new CapacitySizing.Headroom(add, headroom))) {
                out.println(s.describe());
                for (CapacitySizing.Candidate c : s.candidates()) {
                    out.println("  " + c.cidr() + "\t" + n(c.usable()) + " usable");
                }
                short_ |= !s.fits();
            }
        }
        short_ |= !printNodesAndPods(state);
        return short_ ? 1 : 0;
    }

    /** The "Nodes and Pods" section; false when a node or Pod target is not met. */
    private boolean printNodesAndPods(dev.cidrstudio.model.cluster.ClusterState state) {
        out.println();
        out.println("Nodes and Pods (range allocator, host-local IPAM, maxPods "
                + NodeCapacity.KUBELET_DEFAULT_MAX_PODS + "):");
        NodeCapacityReport.Report report = NodeCapacityReport.of(state, NodeCapacity.KUBELET_DEFAULT_MAX_PODS);
        boolean targeted = nodes > 0 || podsPerNode > 0;
        if (report.error() != null) {
            out.println("error: " + report.error());
            return !targeted;
        }
        out.print(TabWriter.KUBECTL_TABLE.format(NodeCapacityReport.table(report)));
        for (String note : NodeCapacityReport.notes(report)) {
            out.println("note: " + note);
        }
        if (!targeted) {
            return true;
        }
        out.println();
        if (nodes > report.nodes()) {
            NodeCapacityReport.whatIfMoreNodes(report, nodes - report.nodes()).forEach(out::println);
        }
        var target = new NodeCapacityReport.Target(nodes, podsPerNode);
        NodeCapacityReport.sizing(report, target).forEach(out::println);
        return NodeCapacityReport.fits(report, target);
    }

    private static String n(BigInteger v) {
        return String.format(Locale.ROOT, "%,d", v);
    }
}
