package dev.cidrstudio.ui.navigator;

import dev.cidrstudio.ui.workspace.Workspace;
import dev.cidrstudio.app.InspectorEdit;
import dev.cidrstudio.app.PlanSession;
import dev.cidrstudio.app.PolicyWorkbench;
import dev.cidrstudio.io.manifest.GoYaml;
import dev.cidrstudio.io.manifest.ManifestEncoder;
import dev.cidrstudio.model.api.IpAddressObject;
import dev.cidrstudio.model.api.KeptObject;
import dev.cidrstudio.model.api.Kind;
import dev.cidrstudio.model.api.KubeObject;
import dev.cidrstudio.model.api.Service;
import dev.cidrstudio.model.api.ServiceCidr;
import dev.cidrstudio.model.cluster.ApiException;
import dev.cidrstudio.model.cluster.ApiServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The navigator's tree of the plan's objects (ServiceCIDRs, Services by namespace, IPAddresses by family, Pods,
 * Nodes, policies) and the inspector: the selected object's YAML (an IPAddress with its Service), and the status
 * bar's totals and policy summary.
 */
public final class NavigatorViewModel {

    /** One object of the plan: its kind, namespace (or null) and name. */
    public record Ref(String kind, String namespace, String name) {
        public String label() {
            return name;
        }
    }

    /** A node of the tree: a group ("Services (12)") or an object. */
    public record Node(String label, Ref ref, List<Node> children) {
    }

    private PlanSession session;
    private final ObjectProperty<Node> tree = new SimpleObjectProperty<>();
    private final ObjectProperty<Ref> selected = new SimpleObjectProperty<>();
    private final ReadOnlyStringWrapper inspector = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper inspectorTitle = new ReadOnlyStringWrapper("Inspector");
    private final ReadOnlyStringWrapper totals = new ReadOnlyStringWrapper("");
    private final BooleanProperty editing = new SimpleBooleanProperty();
    private final StringProperty draft = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper editMessage = new ReadOnlyStringWrapper("");

    private final ReadOnlyBooleanWrapper canEdit = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper editHint = new ReadOnlyStringWrapper("");

    /** Why Edit is off on a practice cluster: it is the console's, changed only by its kubectl. */
    public static final String PRACTICE_READ_ONLY = "The practice cluster is read-only here: change it with kubectl "
            + "in the Console, or go Back to the plan to edit the plan.";

    public NavigatorViewModel() {
        selected.addListener((o, a, b) -> {
            editing.set(false);
            editMessage.set("");
            inspect(b);
            updateEditable();
        });
    }

    /** Whether Edit is offered for what is selected, and the tooltip saying why not. */
    private void updateEditable() {
        canEdit.set(editable());
        Ref r = selected.get();
        editHint.set(r == null ? "Select an object of the plan to edit it." : viewing != null ? PRACTICE_READ_ONLY
                : canEdit.get() ? "Edit the " + r.kind() + "'s YAML; Apply sends it through the plan's one door."
                        : r.kind() + "s are kept as written: edit them in their tab or with the console.");
    }

    /** Whether Edit is offered: an editable kind of the plan, never on the practice cluster. */
    public ReadOnlyBooleanProperty canEditProperty() {
        return canEdit.getReadOnlyProperty();
    }

    /** The Edit button's tooltip: what it does, or why it is off. */
    public ReadOnlyStringProperty editHintProperty() {
        return editHint.getReadOnlyProperty();
    }

    /**
     * Follows the window's workspace: the practice cluster the console works on is shown instead of the plan, and
     * what another tab selects (an address on the map) is revealed here and in the inspector.
     */
    public void use(Workspace ws) {
        ws.practiceProperty().addListener((o, a, p) -> view(p == null ? null : p.cluster(),
                p == null ? null : "Practice cluster (" + p.label() + ")"));
        ws.selectionProperty().addListener((o, a, sel) -> {
            if (sel == null) {
                return;
            }
            if (sel.kind() == null) {
                show(sel.name(), sel.description());
            } else {
                reveal(new Ref(sel.kind(), sel.namespace(), sel.name()));
            }
        });
    }

    /** A practice cluster the navigator shows instead of the plan (read-only), or null. */
    private ApiServer viewing;
    private String viewingName = "";

    /**
     * Shows a practice cluster (the console's) instead of the plan, read-only; null shows the plan again.
     */
    public void view(ApiServer practice, String name) {
        if (practice == null && viewing == null) {
            return;
        }
        viewing = practice;
        viewingName = name == null ? "" : name;
        if (practice != null) {
            // An edit of the plan does not carry over to the practice cluster.
            editing.set(false);
            editMessage.set("");
        }
        updateEditable();
        if (session != null) {
            load(session);
        }
    }

    public void load(PlanSession s) {
        this.session = s;
        ApiServer api = viewing != null ? viewing : s.view();
        List<Node> groups = new ArrayList<>();
        List<Node> cidrs = new ArrayList<>();
        for (ServiceCidr sc : api.<ServiceCidr>list(Kind.SERVICE_CIDR, null)) {
            cidrs.add(new Node(sc.name() + "  " + String.join(", ", sc.cidrsOrEmpty())
                    + (sc.meta().beingDeleted() ? "  (pending deletion)" : ""),
                    new Ref("ServiceCIDR", null, sc.name()), List.of()));
        }
        groups.add(new Node("ServiceCIDRs (" + cidrs.size() + ")", null, cidrs));
        Map<String, List<Node>> byNs = new TreeMap<>();
        List<Service> services = api.list(Kind.SERVICE, null);
        for (Service svc : services) {
            byNs.computeIfAbsent(svc.namespace(), k -> new ArrayList<>()).add(new Node(svc.name() + "  "
                    + String.join(", ", svc.spec().clusterIPsOrEmpty()), new Ref("Service", svc.namespace(),
                            svc.name()), List.of()));
        }
        List<Node> nsNodes = new ArrayList<>();
        byNs.forEach((ns, list) -> nsNodes.add(new Node(ns + " (" + list.size() + ")", null, list)));
        groups.add(new Node("Services (" + services.size() + ")", null, nsNodes));
        Map<String, List<Node>> byFamily = new TreeMap<>();
        List<IpAddressObject> ips = api.list(Kind.IP_ADDRESS, null);
        for (IpAddressObject ip : ips) {
            String family = ip.meta().labels().getOrDefault(IpAddressObject.LABEL_IP_FAMILY,
                    ip.name().contains(":") ? "IPv6" : "IPv4");
            byFamily.computeIfAbsent(family, k -> new ArrayList<>()).add(new Node(ip.name(),
                    new Ref("IPAddress", null, ip.name()), List.of()));
        }
        List<Node> famNodes = new ArrayList<>();
        byFamily.forEach((f, list) -> famNodes.add(new Node(f + " (" + list.size() + ")", null, list)));
        groups.add(new Node("IPAddresses (" + ips.size() + ")", null, famNodes));
        for (String kind : List.of("Pod", "Node")) {
            List<Node> kept = new ArrayList<>();
            for (KeptObject k : api.state().kept()) {
                if (kind.equals(k.kind()) && "v1".equals(k.apiVersion())) {
                    kept.add(new Node((k.namespace() == null ? "" : k.namespace() + "/") + k.name(),
                            new Ref(kind, k.namespace(), k.name()), List.of()));
                }
            }
            if (kind.equals("Node") && kept.isEmpty()) {
                kept.addAll(settingsNodes(api));
            }
            groups.add(new Node(kind + "s (" + kept.size() + ")", null, kept));
        }
        List<Node> policies = new ArrayList<>();
        for (PolicyWorkbench.Row r : PolicyWorkbench.rows(api.state())) {
            policies.add(new Node(r.name() + "  (" + (r.isPolicy() ? "policy" : "binding") + ")",
                    new Ref(r.kind(), null, r.name()), List.of()));
        }
        groups.add(new Node("Policies (" + policies.size() + ")", null, policies));
        tree.set(new Node(viewing != null ? viewingName : s.name(), null, groups));
        long cidrCount = cidrs.size();
        long problems = PolicyWorkbench.rows(api.state()).stream().filter(r -> !r.problems().isEmpty()).count();
        long pols = PolicyWorkbench.rows(api.state()).stream().filter(PolicyWorkbench.Row::isPolicy).count();
        long bindings = policies.size() - pols;
        // The same objects the navigator's Policies group counts: policies and bindings, each named.
        totals.set(String.format(java.util.Locale.ROOT, "%d ServiceCIDRs · %,d Services · %,d IPAddresses · %s",
                cidrCount, services.size(), ips.size(), policies.isEmpty() ? "no policies"
                        : pols + " polic" + (pols == 1 ? "y" : "ies") + ", " + bindings + " binding"
                                + (bindings == 1 ? "" : "s") + (problems > 0 ? ", " + problems + " with errors"
                                        : ", all valid")));
        inspect(selected.get());
    }

    /**
     * The Nodes of the cluster settings when the plan holds no Node objects: the ones the Dual-stack tab checks,
     * each with the pod ranges the node IPAM controller gives it. They are not objects, so they open nothing.
     */
    private static List<Node> settingsNodes(ApiServer api) {
        var settings = api.settings();
        List<dev.cidrstudio.model.net.Cidr> cidrs = new ArrayList<>();
        for (String c : settings.clusterCIDR() == null ? new String[0] : settings.clusterCIDR().split(",")) {
            dev.cidrstudio.model.net.IpParsing.parseCidr(c.strip()).ifPresent(cidrs::add);
        }
        List<Node> out = new ArrayList<>();
        for (int i = 0; i < settings.nodes().size(); i++) {
            String pods = cidrs.isEmpty() ? "" : "  " + String.join(", ", dev.cidrstudio.model.hosts.PodAddresses
                    .nodePodCidrs(cidrs, settings.nodeCIDRMaskSizeIPv4(), settings.nodeCIDRMaskSizeIPv6(), i)
                    .stream().map(Object::toString).toList());
            out.add(new Node(settings.nodes().get(i) + pods, null, List.of()));
        }
        return out;
    }

    private Consumer<Ref> opener = r -> { };

    /** What opening an object does (the window brings its editor or the map forward). */
    public void setOpener(Consumer<Ref> o) {
        this.opener = o;
    }

    /** Opens an object where it is edited or drawn (double-click or Enter in the tree). */
    public void open(Ref ref) {
        if (ref != null) {
            opener.accept(ref);
        }
    }

    /** Whether the selected object can be edited in the inspector (a model object or an admission policy). */
    public boolean editable() {
        Ref r = selected.get();
        return r != null && viewing == null && List.of("ServiceCIDR", "Service", "IPAddress", "ValidatingAdmissionPolicy",
                "ValidatingAdmissionPolicyBinding").contains(r.kind());
    }

    /** Starts editing the selected object's YAML (an IPAddress without its Service). */
    public void startEdit() {
        if (!editable()) {
            return;
        }
        String text = inspector.get();
        int service = text.indexOf("\n---\n");
        draft.set(service >= 0 ? text.substring(0, service + 1) : text);
        editMessage.set("");
        editing.set(true);
    }

    public void cancelEdit() {
        editing.set(false);
        editMessage.set("");
    }

    /**
     * Writes the draft back through the API server as one undoable edit; on a refusal the draft stays and the
     * messages say why (with the line they point at).
     */
    public void applyEdit() {
        String yaml = draft.get();
        try {
            String[] result = new String[1];
            session.edit("Edit " + inspectorTitle.get(), api -> {
                try {
                    result[0] = InspectorEdit.apply(api, yaml);
                } catch (InspectorEdit.Refused e) {
                    throw new RefusedEdit(e);
                }
            });
            editing.set(false);
            editMessage.set(result[0]);
        } catch (RefusedEdit e) {
            editMessage.set(e.getCause().getMessage());
        } catch (ApiException e) {
            editMessage.set(e.status().message());
        }
    }

    /** Carries a refusal out of the session's edit (which then puts the plan back). */
    private static final class RefusedEdit extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RefusedEdit(Exception cause) {
            super(cause.getMessage(), cause, false, false);
        }
    }

    public BooleanProperty editingProperty() {
        return editing;
    }

    public StringProperty draftProperty() {
        return draft;
    }

    public ReadOnlyStringProperty editMessageProperty() {
        return editMessage.getReadOnlyProperty();
    }

    /** Shows a note in the inspector that is no object of the plan (a free address of the map). */
    public void show(String title, String text) {
        selected.set(null);
        inspectorTitle.set(title);
        inspector.set(text);
    }

    /** Shows an object in the inspector (and selects it in the tree). */
    public void reveal(Ref ref) {
        selected.set(ref);
    }

    private void inspect(Ref ref) {
        if (ref == null || session == null) {
            inspectorTitle.set("Inspector");
            inspector.set("");
            return;
        }
        ApiServer api = viewing != null ? viewing : session.view();
        inspectorTitle.set(ref.kind() + " " + (ref.namespace() == null ? "" : ref.namespace() + "/") + ref.name());
        Optional<String> yaml = switch (ref.kind()) {
            case "ServiceCIDR" -> model(api, Kind.SERVICE_CIDR, ref);
            case "Service" -> model(api, Kind.SERVICE, ref);
            case "IPAddress" -> model(api, Kind.IP_ADDRESS, ref).map(y -> {
                IpAddressObject ip = api.<IpAddressObject>find(Kind.IP_ADDRESS, null, ref.name()).orElseThrow();
                if (ip.parentRef() != null && "services".equals(ip.parentRef().resource())) {
                    return y + "---\n" + model(api, Kind.SERVICE, new Ref("Service", ip.parentRef().namespace(),
                            ip.parentRef().name())).orElse("# the Service is gone\n");
                }
                return y;
            });
            default -> api.state().kept().stream().filter(k -> ref.kind().equals(k.kind())
                    && ref.name().equals(k.name()) && java.util.Objects.equals(ref.namespace(), k.namespace()))
                    .findFirst().map(k -> GoYaml.marshal(k.content()));
        };
        inspector.set(yaml.orElse("# " + ref.kind() + " " + ref.name() + " is not in the plan any more\n"));
    }

    private static Optional<String> model(ApiServer api, Kind kind, Ref ref) {
        return api.<KubeObject>find(kind, ref.namespace(), ref.name())
                .map(o -> GoYaml.marshal(ManifestEncoder.encode(o)));
    }

    public ObjectProperty<Node> treeProperty() {
        return tree;
    }

    public ObjectProperty<Ref> selectedProperty() {
        return selected;
    }

    public ReadOnlyStringProperty inspectorProperty() {
        return inspector.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty inspectorTitleProperty() {
        return inspectorTitle.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty totalsProperty() {
        return totals.getReadOnlyProperty();
    }
}
