package dev.cidrstudio.app;

import dev.cidrstudio.io.manifest.ClusterDocuments;
import dev.cidrstudio.io.manifest.GoYaml;
import dev.cidrstudio.model.cluster.ApiServer;
import dev.cidrstudio.model.cluster.ApiServerInstance;
import dev.cidrstudio.model.cluster.ClusterConfigException;
import dev.cidrstudio.model.cluster.ClusterSettings;
import dev.cidrstudio.model.cluster.KubeVersion;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The cluster's settings as the window edits them: each kube-apiserver's {@code --service-cluster-ip-range}, the
 * controller-manager's cluster CIDR, the kubelets' {@code clusterDNS} and the version. Applying them is one undoable
 * edit that simulates the restarts, in order, so the apiservers disagree (and say so in an event) exactly as long as
 * their flags do.
 */
public final class ClusterSettingsEdit {

    /** What the dialog shows and returns: apiserver ranges by name, in the apiservers' order. */
    public record Values(Map<String, String> apiServerRanges, String clusterCidr, String clusterDns,
            KubeVersion version) {

        public Values {
            apiServerRanges = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(apiServerRanges));
        }
    }

    /** Refused settings: each message names the field. */
    public static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient List<String> problems;

        Refused(List<String> problems) {
            super(String.join("; ", problems));
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }

    private ClusterSettingsEdit() {
    }

    /** The plan's settings now. */
    public static Values current(ApiServer api) {
        Map<String, String> ranges = new LinkedHashMap<>();
        for (ApiServerInstance a : api.state().apiServers()) {
            ranges.put(a.name(), a.flags().text());
        }
        ClusterSettings s = api.settings();
        return new Values(ranges, s.clusterCIDR(), api.kubeletClusterDns().orElse(ClusterSettings.DNS_NONE),
                s.kubernetesVersion());
    }

    /** The settings' problems, with kube-apiserver's and the plan file's own messages; empty when they are valid. */
    public static List<String> validate(ApiServer api, Values v) {
        try {
            start(api.settings(), v);
            return List.of();
        } catch (Refused e) {
            return e.problems();
        }
    }

    /** The values a new plan starts from: one apiserver per name, the default range, kubeadm's DNS address. */
    public static Values forNewPlan() {
        ClusterSettings d = ClusterSettings.defaults();
        return new Values(Map.of(ApiServer.KUBE_APISERVER, d.serviceClusterIPRange()), d.clusterCIDR(),
                ClusterSettings.DNS_AUTO, d.kubernetesVersion());
    }

    /**
     * A new cluster started with these settings (the rest as in {@link ClusterSettings#defaults()}), as a plan file
     * with them would load; refused with the reasons by field.
     */
    public static ApiServer newCluster(Values v) throws Refused {
        return start(ClusterSettings.defaults(), v).api();
    }

    private static PlanLoader.Result start(ClusterSettings base, Values v) throws Refused {
        List<ClusterSettings.ApiServerSetting> servers = new ArrayList<>();
        String first = null;
        for (Map.Entry<String, String> e : v.apiServerRanges().entrySet()) {
            if (first == null) {
                first = e.getValue();
                servers.add(new ClusterSettings.ApiServerSetting(e.getKey(), null));
            } else {
                servers.add(new ClusterSettings.ApiServerSetting(e.getKey(),
                        e.getValue().equals(first) ? null : e.getValue()));
            }
        }
        if (servers.size() == 1 && servers.get(0).name().equals(ApiServer.KUBE_APISERVER)) {
            servers = List.of();
        }
        List<String> names = new ArrayList<>();
        for (String n : v.apiServerRanges().keySet()) {
            if (!n.matches("[a-z0-9]([-a-z0-9.]*[a-z0-9])?")) {
                names.add("kube-apiserver name \"" + n + "\": a lowercase RFC 1123 name is required");
            }
        }
        if (v.apiServerRanges().isEmpty()) {
            names.add("at least one kube-apiserver is required");
        }
        if (!names.isEmpty()) {
            throw new Refused(names);
        }
        ClusterSettings proposed = base.withKubernetesVersion(v.version())
                .withServiceClusterIPRange(first).withClusterCIDR(v.clusterCidr())
                .withClusterDNS(v.clusterDns()).withApiServers(servers);
        String yaml = GoYaml.marshal(ClusterDocuments.encode(proposed));
        try {
            return PlanLoader.load("settings", yaml);
        } catch (ManifestImport.ImportException e) {
            List<String> out = new ArrayList<>();
            for (Finding f : e.findings()) {
                out.add(label(f.message().replaceFirst(" \\(column \\d+\\)$", ""), v));
            }
            throw new Refused(out);
        }
    }

    /** Names the field as the dialog does: "kube-apiserver cp-2 --service-cluster-ip-range: ...". */
    private static String label(String message, Values v) {
        List<String> names = new ArrayList<>(v.apiServerRanges().keySet());
        String m = message.replaceFirst("^spec\\.serviceClusterIPRange: ",
                "kube-apiserver " + (names.isEmpty() ? "" : names.get(0)) + " --service-cluster-ip-range: ");
        java.util.regex.Matcher at = java.util.regex.Pattern.compile(
                "^spec\\.apiServers\\[(\\d+)]\\.serviceClusterIPRange: ").matcher(m);
        if (at.find()) {
            int i = Integer.parseInt(at.group(1));
            m = "kube-apiserver " + (i < names.size() ? names.get(i) : "") + " --service-cluster-ip-range: "
                    + m.substring(at.end());
        }
        return m.replaceFirst("^spec\\.clusterCIDR: ", "kube-controller-manager --cluster-cidr: ")
                .replaceFirst("^spec\\.clusterDNS: ", "kubelet clusterDNS: ");
    }

    /**
     * Applies the settings as one undoable edit: the version and cluster CIDR first, then each apiserver whose flag
     * changed is restarted in order, then the kubelets' clusterDNS. Returns what changed, one line each.
     */
    public static List<String> apply(PlanSession session, Values v) throws Refused {
        List<String> problems = validate(session.view(), v);
        if (!problems.isEmpty()) {
            throw new Refused(problems);
        }
        Values now = current(session.view());
        List<String> changes = new ArrayList<>();
        if (now.equals(v)) {
            return changes;
        }
        try {
            session.edit("Cluster settings", api -> {
                if (!now.clusterCidr().equals(v.clusterCidr()) || now.version() != v.version()) {
                    api.reconfigureCluster(v.clusterCidr(), v.version());
                    if (now.version() != v.version()) {
                        changes.add("Kubernetes " + now.version().text() + " -> " + v.version().text());
                    }
                    if (!now.clusterCidr().equals(v.clusterCidr())) {
                        changes.add("kube-controller-manager --cluster-cidr=" + v.clusterCidr());
                    }
                }
                for (Map.Entry<String, String> e : v.apiServerRanges().entrySet()) {
                    String was = now.apiServerRanges().get(e.getKey());
                    if (!Objects.equals(was, e.getValue())) {
                        try {
                            if (was == null) {
                                api.addApiServer(e.getKey(), e.getValue());
                            } else {
                                api.restartApiServer(e.getKey(), e.getValue());
                            }
                        } catch (ClusterConfigException ex) {
                            throw new Failed(List.of("kube-apiserver " + e.getKey() + ": "
                                    + String.join("; ", ex.errors())));
                        }
                        changes.add("kube-apiserver " + e.getKey() + (was == null ? " started" : " restarted")
                                + " with --service-cluster-ip-range=" + e.getValue());
                    }
                }
                for (String name : now.apiServerRanges().keySet()) {
                    if (!v.apiServerRanges().containsKey(name)) {
                        try {
                            api.removeApiServer(name);
                        } catch (ClusterConfigException ex) {
                            throw new Failed(List.of("kube-apiserver " + name + ": "
                                    + String.join("; ", ex.errors())));
                        }
                        changes.add("kube-apiserver " + name + " stopped");
                    }
                }
                if (!now.clusterDns().equals(v.clusterDns())) {
                    api.setKubeletClusterDns(v.clusterDns());
                    changes.add("kubelet clusterDNS: " + v.clusterDns());
                }
            });
        } catch (Failed e) {
            throw new Refused(e.problems);
        } catch (dev.cidrstudio.model.cluster.ApiException e) {
            throw new Refused(List.of(e.status().message()));
        }
        return changes;
    }

    /** Carries a refusal out of the edit, which then puts the plan back. */
    private static final class Failed extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient List<String> problems;

        Failed(List<String> problems) {
            super(null, null, false, false);
            this.problems = problems;
        }
    }
}
