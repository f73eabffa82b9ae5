package dev.cidrstudio.ui.hosts;

import dev.cidrstudio.app.HostsPreview;
import dev.cidrstudio.io.manifest.PodHostsReader;
import dev.cidrstudio.model.api.KeptObject;
import dev.cidrstudio.model.cluster.ApiServer;
import dev.cidrstudio.model.cluster.ClusterSettings;
import dev.cidrstudio.model.field.FieldError;
import dev.cidrstudio.model.hosts.HostAlias;
import dev.cidrstudio.model.hosts.PodHostsInput;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableMap;

/**
 * The hosts preview's state: the Pod being edited (names, hostNetwork, addresses, hostAliases rows) and, recomputed
 * on every edit, the kubelet's file for it, where its HostAliases block starts, and the apiserver's errors by row.
 */
public final class HostsViewModel {

    /** One editable hostAliases row: the IP and its names separated by spaces or commas. */
    public static final class AliasRow {
        private final StringProperty ip = new SimpleStringProperty("");
        private final StringProperty hostnames = new SimpleStringProperty("");

        /** Whether the user has typed in the row: a fresh empty row is not part of the Pod (nor an error) yet. */
        private boolean edited;

        public AliasRow(String ip, String hostnames) {
            this.ip.set(ip);
            this.hostnames.set(hostnames);
            // Invalidation listeners, added before the list's: the row counts as edited when the list recomputes.
            this.ip.addListener(o -> edited = true);
            this.hostnames.addListener(o -> edited = true);
        }

        /** An empty row just added, not typed in yet. */
        boolean fresh() {
            return !edited && ip.get().isBlank() && hostnames.get().isBlank();
        }

        public StringProperty ipProperty() {
            return ip;
        }

        public StringProperty hostnamesProperty() {
            return hostnames;
        }

        HostAlias toAlias() {
            String names = hostnames.get().trim();
            return new HostAlias(ip.get().trim(), names.isEmpty() ? List.of()
                    : Arrays.asList(names.split("[,\\s]+")));
        }
    }

    private static final Pattern ALIAS_ROW = Pattern.compile("^spec\\.hostAliases\\[(\\d+)\\]");

    private final StringProperty name = new SimpleStringProperty("hostaliases-pod");
    private final StringProperty namespace = new SimpleStringProperty("default");
    private final StringProperty hostname = new SimpleStringProperty("");
    private final StringProperty subdomain = new SimpleStringProperty("");
    private final BooleanProperty hostNetwork = new SimpleBooleanProperty(false);
    private final StringProperty podIps = new SimpleStringProperty("");
    private final StringProperty nodeHosts = new SimpleStringProperty(HostsPreview.GENERIC_NODE_HOSTS);
    private final ObservableList<AliasRow> aliases = FXCollections.observableArrayList(
            r -> new Observable[] {r.ipProperty(), r.hostnamesProperty()});
    private final ObservableList<String> planPods = FXCollections.observableArrayList();
    private final List<PodHostsReader.PodDocument> planPodDocs = new ArrayList<>();

    private final ReadOnlyStringWrapper fileText = new ReadOnlyStringWrapper("");
    private final ReadOnlyIntegerWrapper aliasBlockStart = new ReadOnlyIntegerWrapper(-1);
    private final ReadOnlyStringWrapper addresses = new ReadOnlyStringWrapper("");
    private final ObservableList<String> errors = FXCollections.observableArrayList();
    private final ObservableMap<Integer, String> rowErrors = FXCollections.observableHashMap();
    private final ReadOnlyStringWrapper fieldError = new ReadOnlyStringWrapper("");

    private ClusterSettings cluster = ClusterSettings.defaults();
    /** The plan as last loaded: its nodes' pod CIDRs place a new Pod. */
    private dev.cidrstudio.model.cluster.ClusterState planState;
    /** The addresses the edited Pod gets when none are typed: a new Pod's, or the plan Pod's it started from. */
    private List<String> assigned = List.of();
    private List<KeptObject> placed = List.of();
    private final ReadOnlyBooleanWrapper newPod = new ReadOnlyBooleanWrapper(true);

    public HostsViewModel() {
        for (Observable o : List.of(name, namespace, hostname, subdomain, hostNetwork, podIps, nodeHosts, aliases)) {
            o.addListener(x -> recompute());
        }
        aliases.setAll(docsAliases());
    }

    /** The HostAliases of the docs page's example Pod. */
    private static List<AliasRow> docsAliases() {
        return List.of(new AliasRow("127.0.0.1", "foo.local bar.local"),
                new AliasRow("10.1.2.3", "foo.remote bar.remote"));
    }

    /**
     * Starts again from a new Pod (the docs page's example) with the addresses the plan would give it: the way back
     * after editing one of the plan's Pods.
     */
    public void newPod() {
        name.set("hostaliases-pod");
        namespace.set("default");
        hostname.set("");
        subdomain.set("");
        hostNetwork.set(false);
        assigned = planState == null ? List.of() : HostsPreview.newPodIps(planState, placed);
        newPod.set(true);
        podIps.set("");
        nodeHosts.set(HostsPreview.GENERIC_NODE_HOSTS);
        aliases.setAll(docsAliases());
        recompute();
    }

    /** Whether the editor holds a new Pod (not one of the plan's). */
    public ReadOnlyBooleanProperty newPodProperty() {
        return newPod.getReadOnlyProperty();
    }

    /** Takes the plan's cluster settings and Pods; the edited Pod stays as it is. */
    public void load(ApiServer api) {
        cluster = api.settings();
        planState = api.state();
        placed = HostsPreview.placedPods(api);
        planPodDocs.clear();
        planPodDocs.addAll(HostsPreview.podsOf(api));
        planPods.setAll(planPodDocs.stream().map(d -> d.pod().namespace() + "/" + d.pod().name()).toList());
        if (newPod.get()) {
            assigned = HostsPreview.newPodIps(planState, placed);
        }
        recompute();
    }

    /** Fills the editor from one of the plan's Pods (by its index in {@link #planPods()}). */
    public void editPlanPod(int index) {
        PodHostsReader.PodDocument d = planPodDocs.get(index);
        PodHostsInput p = d.pod();
        newPod.set(false);
        // A Pod written without status holds the addresses the cluster gave it when it was placed.
        assigned = placed.stream().filter(k -> k.name().equals(p.name()) && java.util.Objects.equals(k.namespace(),
                p.namespace())).findFirst().map(HostsPreview::podIps).orElse(List.of());
        name.set(p.name());
        namespace.set(p.namespace());
        hostname.set(p.hostname() == null ? "" : p.hostname());
        subdomain.set(p.subdomain() == null ? "" : p.subdomain());
        hostNetwork.set(p.hostNetwork());
        podIps.set(String.join(", ", d.statusPodIps()));
        aliases.setAll(p.hostAliases().stream().map(a -> new AliasRow(a.ip(), String.join(" ", a.hostnames())))
                .toList());
    }

    public void addAlias() {
        aliases.add(new AliasRow("", ""));
    }

    public void removeAlias(int index) {
        if (index >= 0 && index < aliases.size()) {
            aliases.remove(index);
        }
    }

    PodHostsInput pod() {
        return new PodHostsInput(name.get().trim(), namespace.get().trim(), blankToNull(hostname.get()),
                blankToNull(subdomain.get()), null, hostNetwork.get(), aliases.stream()
                        .filter(r -> !r.fresh()).map(AliasRow::toAlias).toList());
    }

    /** The table row of the Pod's {@code hostAliases[i]}: fresh rows are left out of the Pod. */
    private int rowOf(int aliasIndex) {
        int seen = -1;
        for (int row = 0; row < aliases.size(); row++) {
            if (!aliases.get(row).fresh() && ++seen == aliasIndex) {
                return row;
            }
        }
        return aliasIndex;
    }

    List<String> ips() {
        String s = podIps.get().trim();
        return s.isEmpty() ? List.of() : Arrays.asList(s.split("[,\\s]+"));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private void recompute() {
        // A new Pod gets the addresses the plan's cluster would give it, never one a Pod of the plan holds.
        HostsPreview.Live live = assigned.isEmpty() ? HostsPreview.live(pod(), ips(), cluster, nodeHosts.get())
                : HostsPreview.live(pod(), ips(), cluster, nodeHosts.get(), assigned);
        errors.clear();
        Map<Integer, String> byRow = new TreeMap<>();
        StringBuilder other = new StringBuilder();
        for (FieldError fe : live.errors()) {
            String text = "Pod \"" + pod().name() + "\" is invalid: " + fe;
            errors.add(text);
            Matcher m = ALIAS_ROW.matcher(fe.field());
            if (m.find()) {
                byRow.merge(rowOf(Integer.parseInt(m.group(1))), fe.toString(), (a, b) -> a + "\n" + b);
            } else {
                other.append(other.length() > 0 ? "\n" : "").append(fe);
            }
        }
        rowErrors.clear();
        rowErrors.putAll(byRow);
        fieldError.set(other.toString());
        fileText.set(live.file().orElse(live.errors().isEmpty()
                ? "# The kubelet does not manage /etc/hosts for this Pod.\n" : ""));
        aliasBlockStart.set(live.aliasBlockStart());
        addresses.set(ips().isEmpty() && !hostNetwork.get()
                ? "assigned: " + String.join(", ", live.podIps()) : "");
    }

    /** The edited Pod as YAML. */
    public String podYaml() {
        return HostsPreview.podYaml(pod(), ips());
    }

    public StringProperty nameProperty() {
        return name;
    }

    public StringProperty namespaceProperty() {
        return namespace;
    }

    public StringProperty hostnameProperty() {
        return hostname;
    }

    public StringProperty subdomainProperty() {
        return subdomain;
    }

    public BooleanProperty hostNetworkProperty() {
        return hostNetwork;
    }

    public StringProperty podIpsProperty() {
        return podIps;
    }

    public StringProperty nodeHostsProperty() {
        return nodeHosts;
    }

    public ObservableList<AliasRow> aliases() {
        return aliases;
    }

    public ObservableList<String> planPods() {
        return planPods;
    }

    public ReadOnlyStringProperty fileTextProperty() {
        return fileText.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty aliasBlockStartProperty() {
        return aliasBlockStart.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty addressesProperty() {
        return addresses.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty fieldErrorProperty() {
        return fieldError.getReadOnlyProperty();
    }

    public ObservableList<String> errors() {
        return errors;
    }

    public ObservableMap<Integer, String> rowErrors() {
        return rowErrors;
    }
}
