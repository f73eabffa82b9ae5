package dev.cidrstudio.ui.capacity;

import dev.cidrstudio.app.CapacityPlanner;
import dev.cidrstudio.app.CapacitySizing;
import dev.cidrstudio.app.PlanSession;
import dev.cidrstudio.app.ServiceCidrEditor;
import dev.cidrstudio.model.api.Kind;
import dev.cidrstudio.model.api.Namespace;
import dev.cidrstudio.model.api.ObjectMeta;
import dev.cidrstudio.model.api.ServiceCidr;
import dev.cidrstudio.model.cluster.ApiException;
import dev.cidrstudio.model.cluster.ClusterState;
import dev.cidrstudio.model.net.IpFamily;
import dev.cidrstudio.ui.workspace.TaskRunner;
import dev.cidrstudio.ui.workspace.Workspace;
import java.math.BigInteger;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Capacity tab: a what-if ("add N Services") run by the real allocator on a copy of the plan, off the UI
 * thread with progress and Cancel; how many more Services fit; sizing against a headroom target (room for N more,
 * or a growth in per cent) with candidate prefixes of several sizes; and, when the user wants it, the Services or
 * the chosen ServiceCIDR added to the plan as one undoable edit.
 */
public final class CapacityViewModel {

    public static final List<String> POLICIES = dev.cidrstudio.model.service.ServiceIpFamilies.POLICIES;

    private final Executor worker;
    private PlanSession session;
    /** How long edits run: off the UI thread with Cancel (the window's runner), or here for tests. */
    private TaskRunner runner = TaskRunner.inPlace();

    public void setRunner(TaskRunner r) {
        this.runner = r;
    }
    private final IntegerProperty count = new SimpleIntegerProperty(400);
    private final StringProperty namespace = new SimpleStringProperty("default");
    private final StringProperty policy = new SimpleStringProperty("SingleStack");
    private final ObjectProperty<IpFamily> family = new SimpleObjectProperty<>(IpFamily.IPv4);
    private final StringProperty namePrefix = new SimpleStringProperty("svc");
    private final ObservableList<String> namespaces = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper result = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper fit = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper suggestion = new ReadOnlyStringWrapper("");
    private final IntegerProperty moreWanted = new SimpleIntegerProperty(0);
    private final IntegerProperty growthPercent = new SimpleIntegerProperty(25);
    private final ObservableList<CandidateRow> candidates = FXCollections.observableArrayList();
    private final ObservableList<dev.cidrstudio.app.CapacityReport.Row> prefixes = FXCollections.observableArrayList();
    private final ObjectProperty<CandidateRow> chosen = new SimpleObjectProperty<>();
    private final ReadOnlyStringWrapper warnings = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper canAddSuggestion = new ReadOnlyBooleanWrapper(false);
    private final BooleanProperty busy = new SimpleBooleanProperty(false);
    private final DoubleProperty progress = new SimpleDoubleProperty(0);
    private final ReadOnlyBooleanWrapper hasResult = new ReadOnlyBooleanWrapper(false);
    private Workspace workspace;
    private AtomicBoolean cancel = new AtomicBoolean();

    /** One candidate prefix of the sizing. */
    public record CandidateRow(IpFamily family, String cidr, String prefix, String usable) {
    }
    private CapacityPlanner.WhatIf last;

    public CapacityViewModel(Executor worker) {
        this.worker = worker;
        policy.addListener((o, a, b) -> refresh());
        family.addListener((o, a, b) -> refresh());
        count.addListener((o, a, b) -> refresh());
        moreWanted.addListener((o, a, b) -> refresh());
        growthPercent.addListener((o, a, b) -> refresh());
        chosen.addListener((o, a, b) -> canAddSuggestion.set(b != null));
    }

    /** The window's workspace, where a what-if's resulting cluster goes to be shown (on the map). */
    public void use(Workspace ws) {
        this.workspace = ws;
    }

    public void load(PlanSession s) {
        this.session = s;
        // The namespace box keeps what the user chose or typed when its list is refreshed.
        String keep = namespace.get();
        namespaces.setAll(s.view().<Namespace>list(Kind.NAMESPACE, null).stream().map(Namespace::name).toList());
        namespace.set(keep);
        refresh();
    }

    /**
     * Another plan was opened (or a new one started): the last what-if was of the old plan, so it is dropped (its
     * result, its map preview, and "Add these Services", which needs a what-if of this plan).
     */
    public void planReplaced() {
        cancel.set(true);
        last = null;
        hasResult.set(false);
        result.set("");
        progress.set(0);
        if (workspace != null) {
            workspace.clearPreview();
        }
    }

    private CapacityPlanner.Request request() {
        return new CapacityPlanner.Request(Math.max(1, count.get()), namespace.get() == null || namespace.get()
                .isBlank() ? "default" : namespace.get().strip(), policy.get(), family.get(),
                namePrefix.get() == null || namePrefix.get().isBlank() ? "svc" : namePrefix.get().strip());
    }

    /** How many more fit, and a suggestion when the request would not. */
    private void refresh() {
        if (session == null) {
            return;
        }
        ClusterState st = session.view().state();
        prefixes.setAll(dev.cidrstudio.app.CapacityReport.of(st));
        BigInteger more = CapacityPlanner.moreFit(st, policy.get(), family.get());
        var free = CapacityPlanner.free(st);
        fit.set(String.format(java.util.Locale.ROOT, "%s more %s Services fit (free: IPv4 %s, IPv6 %s).",
                count(more), policy.get() + ("SingleStack".equals(policy.get()) ? " " + family.get() : ""),
                count(free.get(IpFamily.IPv4)), count(free.get(IpFamily.IPv6))));
        List<CapacitySizing.Sizing> sizing = CapacitySizing.size(st, new CapacitySizing.Headroom(
                Math.max(0, moreWanted.get()), Math.max(0, growthPercent.get())));
        suggestion.set(String.join("\n", sizing.stream().map(CapacitySizing.Sizing::describe).toList()));
        List<CandidateRow> rows = new java.util.ArrayList<>();
        for (CapacitySizing.Sizing z : sizing) {
            for (CapacitySizing.Candidate c : z.candidates()) {
                rows.add(new CandidateRow(z.family(), c.cidr(), "/" + c.prefixLength(), count(c.usable())));
            }
        }
        candidates.setAll(rows);
        chosen.set(rows.isEmpty() ? null : rows.get(0));
        StringBuilder w = new StringBuilder();
        for (ServiceCidr sc : st.<ServiceCidr>list(Kind.SERVICE_CIDR)) {
            for (String warning : ServiceCidrEditor.warnings(st, sc.name(), sc.cidrsOrEmpty())) {
                if (!warning.contains("overlaps ServiceCIDR")) {
                    w.append(sc.name()).append(": ").append(warning).append('\n');
                }
            }
        }
        warnings.set(w.toString().strip());
    }

    private static String count(BigInteger n) {
        return n.bitLength() > 50 ? "~2^" + (n.bitLength() - 1) : String.format(java.util.Locale.ROOT, "%,d", n);
    }

    /** Runs the what-if on a copy of the plan, off the UI thread; Cancel stops it between two Services. */
    public void run() {
        if (busy.get()) {
            return;
        }
        CapacityPlanner.Request r = request();
        cancel = new AtomicBoolean();
        AtomicBoolean mine = cancel;
        busy.set(true);
        progress.set(0);
        result.set("Adding " + r.count() + " Services to a copy of the plan...");
        var api = session.view();
        worker.execute(() -> {
            CapacityPlanner.WhatIf w = CapacityPlanner.whatIf(api, r, mine::get, n -> {
                if (n % 50 == 0) {
                    onFx(() -> progress.set((double) n / r.count()));
                }
            });
            onFx(() -> {
                busy.set(false);
                progress.set(1);
                last = w;
                hasResult.set(w.created() > 0);
                result.set(w.describe());
                if (w.created() < r.count() && moreWanted.get() < r.count()) {
                    // Not all of them fit: size the plan for them, so the prefixes to add are right above.
                    moreWanted.set(r.count());
                }
                if (workspace != null) {
                    workspace.preview(w.state(), "what-if");
                }
            });
        });
    }

    public void cancel() {
        cancel.set(true);
    }

    /** Adds the what-if's Services to the plan for real: one undoable edit. */
    public void addToPlan() {
        if (last == null) {
            return;
        }
        CapacityPlanner.Request r = last.request();
        runner.run("Adding " + r.count() + " Services", cancelled -> {
            CapacityPlanner.WhatIf[] done = new CapacityPlanner.WhatIf[1];
            session.edit("Add " + r.count() + " Services", api -> done[0] = CapacityPlanner.apply(api, r,
                    cancelled));
            return "Added to the plan: " + done[0].describe();
        }, result::set);
    }

    /** Opens the chosen candidate in the Wizard's Extend scenario, to rehearse adding it before doing so. */
    public void rehearseSuggestion() {
        if (chosen.get() != null && workspace != null) {
            workspace.rehearseExtend(chosen.get().cidr());
        }
    }

    /** Each Service range of the plan with its use (the ServiceCIDRs tab's rows). */
    public ObservableList<dev.cidrstudio.app.CapacityReport.Row> prefixes() {
        return prefixes;
    }

    /** Adds the chosen candidate ServiceCIDR to the plan: one undoable edit. */
    public void addSuggestion() {
        if (chosen.get() == null) {
            return;
        }
        String cidr = chosen.get().cidr();
        String name = "capacity-" + cidr.replaceAll("[^0-9a-f]+", "-").replaceAll("-+$", "");
        try {
            session.edit("Add ServiceCIDR " + name, api -> api.create(new ServiceCidr(ObjectMeta.named(name),
                    List.of(cidr), List.of())));
            result.set("servicecidr.networking.k8s.io/" + name + " created (" + cidr + ")");
        } catch (ApiException e) {
            result.set(e.status().message());
        }
    }

    private static void onFx(Runnable r) {
        if (Platform.isFxApplicationThread()) {
            r.run();
        } else {
            Platform.runLater(r);
        }
    }

    public IntegerProperty countProperty() {
        return count;
    }

    public StringProperty namespaceProperty() {
        return namespace;
    }

    public StringProperty policyProperty() {
        return policy;
    }

    public ObjectProperty<IpFamily> familyProperty() {
        return family;
    }

    public StringProperty namePrefixProperty() {
        return namePrefix;
    }

    public ObservableList<String> namespaces() {
        return namespaces;
    }

    public ReadOnlyStringProperty resultProperty() {
        return result.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty fitProperty() {
        return fit.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty suggestionProperty() {
        return suggestion.getReadOnlyProperty();
    }

    /** Room wanted for this many more Services. */
    public IntegerProperty moreWantedProperty() {
        return moreWanted;
    }

    /** Room wanted for this growth of today's Services, in per cent. */
    public IntegerProperty growthPercentProperty() {
        return growthPercent;
    }

    public ObservableList<CandidateRow> candidates() {
        return candidates;
    }

    /** The candidate that Add would create (the smallest, until the user picks another). */
    public ObjectProperty<CandidateRow> chosenProperty() {
        return chosen;
    }

    public ReadOnlyStringProperty warningsProperty() {
        return warnings.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canAddSuggestionProperty() {
        return canAddSuggestion.getReadOnlyProperty();
    }

    public BooleanProperty busyProperty() {
        return busy;
    }

    public DoubleProperty progressProperty() {
        return progress;
    }

    public ReadOnlyBooleanProperty hasResultProperty() {
        return hasResult.getReadOnlyProperty();
    }
}
