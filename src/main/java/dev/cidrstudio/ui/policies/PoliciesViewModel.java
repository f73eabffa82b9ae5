package dev.cidrstudio.ui.policies;

import dev.cidrstudio.app.PlanSession;
import dev.cidrstudio.app.PolicyWorkbench;
import dev.cidrstudio.io.manifest.GoYaml;
import dev.cidrstudio.model.api.Kind;
import dev.cidrstudio.model.api.ServiceCidr;
import dev.cidrstudio.model.cluster.ApiException;
import dev.cidrstudio.model.cluster.ApiServer;
import dev.cidrstudio.model.cluster.ClusterState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Policies view's state: the plan's policies and bindings with their status, the selected one's manifest, a
 * CEL editor for one of its validations (compile errors with their position), the allowed ranges of a policy made
 * from the docs' template, and a "try it" ServiceCIDR with the verdict the API server would give. Every change to
 * the plan is one undoable edit of the session.
 */
public final class PoliciesViewModel {

    private PlanSession session;
    private final ObservableList<PolicyWorkbench.Row> rows = FXCollections.observableArrayList();
    private final ObjectProperty<PolicyWorkbench.Row> selected = new SimpleObjectProperty<>();
    private final ReadOnlyStringWrapper manifest = new ReadOnlyStringWrapper("");
    private final ObservableList<String> validations = FXCollections.observableArrayList();
    private final IntegerProperty validationIndex = new SimpleIntegerProperty(-1);
    private final StringProperty expression = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper compileMessage = new ReadOnlyStringWrapper("");
    private final ReadOnlyIntegerWrapper errorColumn = new ReadOnlyIntegerWrapper(0);
    private final ReadOnlyIntegerWrapper errorLine = new ReadOnlyIntegerWrapper(0);
    private final ReadOnlyBooleanWrapper expressionChanged = new ReadOnlyBooleanWrapper(false);
    private final ObservableList<String> ranges = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper hasRanges = new ReadOnlyBooleanWrapper(false);
    private final ObservableList<String> planServiceCidrs = FXCollections.observableArrayList();
    private final StringProperty tryName = new SimpleStringProperty("newcidr1");
    private final StringProperty tryCidrs = new SimpleStringProperty("10.96.1.0/24");
    private final ReadOnlyObjectWrapper<PolicyWorkbench.Outcome> outcome =
            new ReadOnlyObjectWrapper<>(PolicyWorkbench.Outcome.ALLOWED);
    private final ReadOnlyStringWrapper verdict = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper verdictDetail = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ObservableList<String> audit = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper undoHint = new ReadOnlyStringWrapper("");
    private boolean typing;

    public PoliciesViewModel() {
        selected.addListener((o, a, b) -> select(b));
        validationIndex.addListener((o, a, b) -> loadExpression());
        expression.addListener((o, a, b) -> {
            checkExpression();
            evaluate();
        });
        tryName.addListener((o, a, b) -> evaluate());
        tryCidrs.addListener((o, a, b) -> evaluate());
    }

    /** Shows the session's plan (again, after any change). */
    public void load(PlanSession s) {
        this.session = s;
        String keep = selected.get() == null ? null : selected.get().kind() + "/" + selected.get().name();
        rows.setAll(PolicyWorkbench.rows(s.view().state()));
        PolicyWorkbench.Row again = rows.stream().filter(r -> (r.kind() + "/" + r.name()).equals(keep)).findFirst()
                .orElse(rows.isEmpty() ? null : rows.get(0));
        if (again == selected.get()) {
            select(again);
        } else {
            selected.set(again);
        }
        planServiceCidrs.setAll(s.view().<ServiceCidr>list(Kind.SERVICE_CIDR, null).stream()
                .map(sc -> sc.name() + "  " + String.join(",", sc.cidrsOrEmpty())).toList());
        audit.setAll(s.view().auditLog().stream().map(a -> a.time() + "  " + a.operation() + " " + a.object() + "  "
                + String.join("; ", a.annotations().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                        .toList())).toList());
        evaluate();
        showUndoHint();
    }

    /**
     * Where the focus is: in a text field (the CEL editor, the "try it" fields) Ctrl+Z undoes typing there; elsewhere it
     * is the window's Edit > Undo, which takes back the plan's last change. The status line says which.
     */
    public void focusInText(boolean inText) {
        typing = inText;
        showUndoHint();
    }

    private void showUndoHint() {
        java.util.Optional<String> last = session == null ? java.util.Optional.empty() : session.undoLabel();
        String plan = last.map(l -> "Edit > Undo takes back \u201c" + l + "\u201d in the plan")
                .orElse("the plan has nothing to undo");
        undoHint.set(typing ? "Ctrl+Z undoes typing in this field; " + plan + "."
                : last.map(l -> "Ctrl+Z (Edit > Undo) takes back \u201c" + l + "\u201d in the plan.")
                        .orElse("Ctrl+Z: the plan has nothing to undo."));
    }

    /** What Ctrl+Z does where the focus is: text undo in a field, else the plan's Undo. */
    public ReadOnlyStringProperty undoHintProperty() {
        return undoHint.getReadOnlyProperty();
    }

    private void select(PolicyWorkbench.Row row) {
        if (row == null) {
            manifest.set("");
            validations.clear();
            ranges.clear();
            hasRanges.set(false);
            validationIndex.set(-1);
            expression.set("");
            return;
        }
        manifest.set(GoYaml.marshal(row.object().content()));
        List<String> labels = new ArrayList<>();
        if (row.isPolicy()) {
            List<?> vals = validationList(row.object().content());
            for (int i = 0; i < vals.size(); i++) {
                labels.add("validations[" + i + "]");
            }
        }
        validations.setAll(labels);
        validationIndex.set(-1);
        validationIndex.set(labels.isEmpty() ? -1 : 0);
        var allowed = row.isPolicy() ? PolicyWorkbench.allowedRanges(row.object().content())
                : java.util.Optional.<List<String>>empty();
        ranges.setAll(allowed.orElse(List.of()));
        hasRanges.set(allowed.isPresent());
    }

    private static List<?> validationList(Map<String, Object> policy) {
        Object spec = policy.get("spec");
        Object vals = spec instanceof Map<?, ?> m ? m.get("validations") : null;
        return vals instanceof List<?> l ? l : List.of();
    }

    private void loadExpression() {
        PolicyWorkbench.Row row = selected.get();
        int i = validationIndex.get();
        if (row == null || i < 0 || i >= validationList(row.object().content()).size()) {
            expression.set("");
            expressionChanged.set(false);
            return;
        }
        Object v = validationList(row.object().content()).get(i);
        expression.set(v instanceof Map<?, ?> m && m.get("expression") != null ? String.valueOf(m.get("expression"))
                : "");
        expressionChanged.set(false);
        checkExpression();
    }

    private void checkExpression() {
        String text = expression.get();
        expressionChanged.set(selected.get() != null && validationIndex.get() >= 0 && !text.equals(storedExpression()));
        if (text == null || text.isBlank()) {
            compileMessage.set(validationIndex.get() < 0 ? "" : "expression is not specified");
            errorLine.set(0);
            errorColumn.set(0);
            return;
        }
        List<PolicyWorkbench.CelProblem> problems = PolicyWorkbench.check(text, session.view().state().settings().kubernetesVersion());
        if (problems.isEmpty()) {
            compileMessage.set("");
            errorLine.set(0);
            errorColumn.set(0);
        } else {
            PolicyWorkbench.CelProblem p = problems.get(0);
            compileMessage.set(p.fullText());
            errorLine.set(p.line());
            errorColumn.set(p.column());
        }
    }

    private String storedExpression() {
        PolicyWorkbench.Row row = selected.get();
        int i = validationIndex.get();
        if (row == null || i < 0 || i >= validationList(row.object().content()).size()) {
            return "";
        }
        Object v = validationList(row.object().content()).get(i);
        return v instanceof Map<?, ?> m && m.get("expression") != null ? String.valueOf(m.get("expression")) : "";
    }

    /**
     * Re-computes the verdict on the "try it" ServiceCIDR, with the expression in the editor when it differs from the
     * applied one (the plan is not changed: the edited policy is tried on a copy).
     */
    public void evaluate() {
        if (session == null) {
            return;
        }
        List<String> cidrs = Arrays.stream(tryCidrs.get().split("[,\\s]+")).filter(c -> !c.isEmpty()).toList();
        boolean draft = expressionChanged.get();
        if (draft && !compileMessage.get().isEmpty()) {
            outcome.set(PolicyWorkbench.Outcome.INVALID);
            verdict.set("Not tried: the expression in the editor does not compile");
            verdictDetail.set(compileMessage.get());
            return;
        }
        PolicyWorkbench.Verdict v = PolicyWorkbench.serviceCidr(draft ? withDraft() : session.view().state(),
                tryName.get().strip(), cidrs);
        outcome.set(v.outcome());
        verdict.set(switch (v.outcome()) {
            case INVALID -> "Invalid: the ServiceCIDR's own validation refuses it";
            case DENIED -> v.messages().size() > 1 ? "Denied by " + v.messages().size() + " policies" : "Denied";
            case WARNING -> "Allowed, with a warning";
            case ALLOWED -> v.decisions().isEmpty() ? "Allowed" : "Allowed (audited)";
        } + (draft ? " by the expression in the editor (not applied)" : ""));
        StringBuilder sb = new StringBuilder(String.join("\n", v.messages()));
        for (var d : v.decisions()) {
            if (d.expression() != null) {
                String where = d.policy() + (d.expressionIndex() >= 0 ? " validations[" + d.expressionIndex() + "]"
                        : "");
                sb.append(sb.length() > 0 ? "\n" : "").append("Failed: ").append(where);
                if (!String.join("\n", v.messages()).contains(d.expression())) {
                    sb.append(": ").append(d.expression());
                }
            }
        }
        if (v.outcome() == PolicyWorkbench.Outcome.DENIED && v.messages().size() > 1) {
            sb.append("\nkube-apiserver reports only one of these; which one is not defined.");
        }
        verdictDetail.set(sb.toString());
    }

    /** The plan as it would be with the editor's expression in the selected policy: a copy, never the plan. */
    private ClusterState withDraft() {
        ApiServer copy = ApiServer.fromState(session.view().state());
        Map<String, Object> policy = policyWithExpression();
        if (policy != null) {
            PolicyWorkbench.kept(copy, List.of(policy)).forEach(copy::keep);
        }
        return copy.state();
    }

    /** The selected policy with the editor's expression in its selected validation, or null. */
    private Map<String, Object> policyWithExpression() {
        PolicyWorkbench.Row row = selected.get();
        int i = validationIndex.get();
        if (row == null || !row.isPolicy() || i < 0 || i >= validationList(row.object().content()).size()) {
            return null;
        }
        Map<String, Object> policy = deepCopy(row.object().content());
        @SuppressWarnings("unchecked")
        List<Object> vals = (List<Object>) ((Map<String, Object>) policy.get("spec")).get("validations");
        @SuppressWarnings("unchecked")
        Map<String, Object> v = new LinkedHashMap<>((Map<String, Object>) vals.get(i));
        v.put("expression", expression.get());
        vals.set(i, v);
        return policy;
    }

    /** The plan's Service ranges: each ServiceCIDR's CIDRs (the default one first), else the apiservers' flag. */
    List<String> planServiceRanges() {
        List<String> out = new ArrayList<>();
        List<ServiceCidr> all = new ArrayList<>(session.view().<ServiceCidr>list(Kind.SERVICE_CIDR, null));
        all.sort(java.util.Comparator.comparing((ServiceCidr sc) -> !sc.name().equals(ServiceCidr.DEFAULT_NAME)));
        for (ServiceCidr sc : all) {
            sc.cidrsOrEmpty().stream().filter(c -> !out.contains(c)).forEach(out::add);
        }
        if (out.isEmpty() && !session.view().state().apiServers().isEmpty()) {
            for (String c : session.view().state().apiServers().get(0).flags().text().split(",")) {
                if (!c.isBlank() && !out.contains(c.strip())) {
                    out.add(c.strip());
                }
            }
        }
        return out;
    }

    /** Fills the "try it" fields from one of the plan's ServiceCIDRs (an index into {@link #planServiceCidrs()}). */
    public void tryPlanServiceCidr(int index) {
        List<ServiceCidr> all = session.view().list(Kind.SERVICE_CIDR, null);
        if (index >= 0 && index < all.size()) {
            tryName.set(all.get(index).name());
            tryCidrs.set(String.join(", ", all.get(index).cidrsOrEmpty()));
        }
    }

    /** Adds one of the docs' two policies (with its binding) to the plan, replacing ones of the same names. */
    public void addTemplate(boolean allowedRanges) {
        List<Map<String, Object>> manifests = allowedRanges
                ? PolicyWorkbench.allowedRangesTemplate(planServiceRanges())
                : PolicyWorkbench.denyAllTemplate();
        keep(allowedRanges ? "Add allowed-ranges policy" : "Add deny-new-ServiceCIDRs policy", manifests);
        rows.stream().filter(r -> r.name().equals(((Map<?, ?>) manifests.get(0).get("metadata")).get("name")))
                .findFirst().ifPresent(selected::set);
    }

    /** Writes the edited expression into the selected policy, if the API server would accept the result. */
    public void applyExpression() {
        PolicyWorkbench.Row row = selected.get();
        Map<String, Object> policy = policyWithExpression();
        if (policy == null) {
            return;
        }
        keep("Edit " + row.name() + " validations[" + validationIndex.get() + "]", List.of(policy));
    }

    /** Writes the edited range list into the selected allowed-ranges policy. */
    public void applyRanges() {
        PolicyWorkbench.Row row = selected.get();
        if (row == null || !hasRanges.get()) {
            return;
        }
        Map<String, Object> policy = deepCopy(row.object().content());
        Map<String, Object> template = PolicyWorkbench.allowedRangesTemplate(List.copyOf(ranges)).get(0);
        @SuppressWarnings("unchecked")
        Map<String, Object> spec = (Map<String, Object>) policy.get("spec");
        spec.put("variables", ((Map<?, ?>) template.get("spec")).get("variables"));
        keep("Edit allowed ranges of " + row.name(), List.of(policy));
    }

    /** Removes the selected policy or binding from the plan. */
    public void deleteSelected() {
        PolicyWorkbench.Row row = selected.get();
        if (row == null) {
            return;
        }
        edit("Delete " + row.name(), api -> api.removeKept(row.object().key()));
    }

    private void keep(String label, List<Map<String, Object>> manifests) {
        for (Map<String, Object> m : manifests) {
            List<String> problems = PolicyWorkbench.problems(m, session.view().state());
            if (!problems.isEmpty()) {
                message.set("The API server would refuse " + m.get("kind") + " \""
                        + ((Map<?, ?>) m.get("metadata")).get("name") + "\":\n" + String.join("\n", problems));
                return;
            }
        }
        edit(label, api -> PolicyWorkbench.kept(api, manifests).forEach(api::keep));
    }

    private void edit(String label, PlanSession.Change change) {
        try {
            session.edit(label, change);
            message.set(label + ": done (Edit > Undo takes it back)");
        } catch (ApiException e) {
            message.set(e.status().message());
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> deepCopy(Map<String, Object> m) {
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, copy(v)));
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Object copy(Object v) {
        if (v instanceof Map<?, ?> m) {
            return deepCopy((Map<String, Object>) m);
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(x -> out.add(copy(x)));
            return out;
        }
        return v;
    }

    public ObservableList<PolicyWorkbench.Row> rows() {
        return rows;
    }

    public ObjectProperty<PolicyWorkbench.Row> selectedProperty() {
        return selected;
    }

    public ReadOnlyStringProperty manifestProperty() {
        return manifest.getReadOnlyProperty();
    }

    public ObservableList<String> validations() {
        return validations;
    }

    public IntegerProperty validationIndexProperty() {
        return validationIndex;
    }

    public StringProperty expressionProperty() {
        return expression;
    }

    public ReadOnlyStringProperty compileMessageProperty() {
        return compileMessage.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty errorLineProperty() {
        return errorLine.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty errorColumnProperty() {
        return errorColumn.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty expressionChangedProperty() {
        return expressionChanged.getReadOnlyProperty();
    }

    public ObservableList<String> ranges() {
        return ranges;
    }

    public ReadOnlyBooleanProperty hasRangesProperty() {
        return hasRanges.getReadOnlyProperty();
    }

    public ObservableList<String> planServiceCidrs() {
        return planServiceCidrs;
    }

    public StringProperty tryNameProperty() {
        return tryName;
    }

    public StringProperty tryCidrsProperty() {
        return tryCidrs;
    }

    public ReadOnlyObjectProperty<PolicyWorkbench.Outcome> outcomeProperty() {
        return outcome.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty verdictProperty() {
        return verdict.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty verdictDetailProperty() {
        return verdictDetail.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ObservableList<String> auditLog() {
        return audit;
    }

}
