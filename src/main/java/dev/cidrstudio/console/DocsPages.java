package dev.cidrstudio.console;

import dev.cidrstudio.model.cluster.ClusterSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The Kubernetes docs pages the console replays, as the pages run them, with the cluster each page assumes (the
 * "Extend Service IP Ranges" page starts from {@code --service-cluster-ip-range=10.96.0.0/28}).
 */
public final class DocsPages {

    /** One page: its title, its commands, and the cluster it expects. */
    public record Page(String title, String resource, ClusterSettings cluster) {

        /** The page's commands as a console script. */
        public String script() {
            try (InputStream in = DocsPages.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("the docs page script " + resource + " is missing");
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static final String DIR = "/dev/cidrstudio/console/docs/";

    public static final List<Page> PAGES = List.of(
            new Page("Extend Service IP Ranges", DIR + "extend-service-ip-ranges.sh",
                    ClusterSettings.defaults().withServiceClusterIPRange("10.96.0.0/28")),
            new Page("Extend Service IP Ranges: restricting ServiceCIDRs with a policy",
                    DIR + "servicecidr-policy.sh", ClusterSettings.defaults()),
            new Page("Adding entries to Pod /etc/hosts with HostAliases", DIR + "hostaliases.sh",
                    ClusterSettings.defaults()));

    private DocsPages() {
    }
}
