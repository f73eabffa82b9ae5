package dev.cidrstudio.cli;

import dev.cidrstudio.app.Finding;
import dev.cidrstudio.app.HostsPreview;
import dev.cidrstudio.app.LocalFiles;
import dev.cidrstudio.app.ManifestImport;
import dev.cidrstudio.app.PlanLoader;
import dev.cidrstudio.model.cluster.ClusterSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cidrstudio hosts POD.yaml}: the Pod's /etc/hosts, byte for byte as the kubelet writes it. */
@Command(name = "hosts", header = "Print the /etc/hosts the kubelet writes for a Pod.", mixinStandardHelpOptions = true, description = {
    "Print the /etc/hosts the kubelet writes for a Pod: IPs from its status, or the first Pod addresses",
    "of a node on the planned cluster when it has none. Invalid hostAliases: Kubernetes' error text, exit 1."})
public final class HostsCommand extends StreamCommand {

    @Parameters(paramLabel = "POD", description = "Pod manifest (YAML or JSON); '-' reads standard input.")
    String pod;

    @Option(names = "--cluster", paramLabel = "FILE", description = "Plan file: clusterCIDR, node CIDR sizes, "
            + "clusterDomain and Kubernetes version come from it (defaults otherwise).")
    Path cluster;

    @Option(names = "--node-hosts", paramLabel = "FILE", description = "The node's /etc/hosts, copied into the "
            + "file of a hostNetwork Pod.")
    Path nodeHosts;

    public HostsCommand(InputStream in, PrintStream out, PrintStream err) {
        super(in, out, err);
    }

    @Override
    public Integer call() {
        List<ManifestImport.Source> sources = readOrReport(List.of(pod));
        if (sources == null) {
            return 2;
        }
        String node = null;
        try {
            if (nodeHosts != null) {
                node = LocalFiles.read(nodeHosts);
            }
        } catch (IOException e) {
            err.println("error: cannot read " + nodeHosts + ": " + e.getMessage());
            return 2;
        }
        ClusterSettings settings = ClusterSettings.defaults();
        if (cluster != null) {
            try {
                settings = PlanLoader.load(cluster.toString(), LocalFiles.read(cluster)).api().settings();
            } catch (IOException e) {
                err.println("error: cannot read " + cluster + ": " + e.getMessage());
                return 2;
            } catch (ManifestImport.ImportException e) {
                e.findings().forEach(f -> err.println(f.describe()));
                return 1;
            }
        }
        HostsPreview.Result r = HostsPreview.preview(sources, settings, node);
        if (!r.errors().isEmpty()) {
            r.errors().forEach(f -> err.println(f.describe()));
            return 1;
        }
        r.notes().forEach((Finding f) -> err.println(f.describe()));
        if (r.file().isEmpty()) {
            err.println("the kubelet does not manage /etc/hosts for this Pod");
            return 0;
        }
        out.print(r.file().get());
        return 0;
    }
}
