package dev.cidrstudio.ui.servicecidrs;

import dev.cidrstudio.app.CapacityReport;
import dev.cidrstudio.app.PlanSession;
import dev.cidrstudio.app.PolicyWorkbench;
import dev.cidrstudio.app.ServiceCidrEditor;
import dev.cidrstudio.model.api.Kind;
import dev.cidrstudio.model.api.ObjectMeta;
import dev.cidrstudio.model.api.ServiceCidr;
import dev.cidrstudio.model.cluster.ApiException;
import dev.cidrstudio.model.field.FieldError;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The ServiceCIDRs tab: the plan's ServiceCIDRs with their capacity, and an editor that shows, while the user
 * types, Kubernetes' validation at the field, the capacity of the typed prefixes, the admission policies' verdict
 * and planning warnings; create, update and delete are undoable edits, and delete first says what the controller
 * will do.
 */
public final class ServiceCidrsViewModel {

    private PlanSession session;
    private final ObservableList<CapacityReport.Row> rows = FXCollections.observableArrayList();
    private final StringProperty name = new SimpleStringProperty("newcidr1");
    private final StringProperty cidrs = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper nameError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper cidrsError = new ReadOnlyStringWrapper("");
    private final ObservableList<CapacityReport.Row> preview = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<PolicyWorkbench.Outcome> outcome =
            new ReadOnlyObjectWrapper<>(PolicyWorkbench.Outcome.ALLOWED);
    private final ReadOnlyStringWrapper verdict = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper verdictDetail = new ReadOnlyStringWrapper("");
    private final ObservableList<String> warnings = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper applyText = new ReadOnlyStringWrapper("Create");
    private final ReadOnlyBooleanWrapper canApply = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper canDelete = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper deletePreview = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    /** The name the delete preview was computed for (it simulates the controller on a copy of the plan). */
    private String deletePreviewFor;
    /** Whether the CIDRs field holds something the user typed or loaded: a blank, untouched field is no error. */
    private boolean cidrsTouched;

    public ServiceCidrsViewModel() {
        name.addListener((o, a, b) -> refreshPreview());
        cidrs.addListener((o, a, b) -> {
            cidrsTouched = true;
            refreshPreview();
        });
    }

    public void load(PlanSession s) {
        this.session = s;
        deletePreviewFor = null;
        rows.setAll(CapacityReport.of(s.view().state()));
        refreshPreview();
    }

    /** Loads one of the plan's ServiceCIDRs into the editor. */
    public void edit(String serviceCidr) {
        Optional<ServiceCidr> sc = session.view().find(Kind.SERVICE_CIDR, null, serviceCidr);
        sc.ifPresent(x -> {
            name.set(x.name());
            cidrs.set(String.join(", ", x.cidrsOrEmpty()));
        });
    }

    /** Clears the editor for a new ServiceCIDR with a free name. */
    public void startNew() {
        int i = 1;
        while (session.view().find(Kind.SERVICE_CIDR, null, "newcidr" + i).isPresent()) {
            i++;
        }
        name.set("newcidr" + i);
        cidrs.set("");
        cidrsTouched = false;
        refreshPreview();
        message.set("");
    }

    private void refreshPreview() {
        if (session == null) {
            return;
        }
        String n = name.get() == null ? "" : name.get().strip();
        List<String> list = ServiceCidrEditor.cidrs(cidrs.get() == null ? "" : cidrs.get());
        ServiceCidrEditor.Preview p = ServiceCidrEditor.preview(session.view().state(), n, list);
        List<String> nameErrs = new ArrayList<>();
        List<String> cidrErrs = new ArrayList<>();
        for (FieldError e : p.errors()) {
            (e.field().startsWith("metadata") ? nameErrs : cidrErrs).add(e.toString());
        }
        boolean pristine = !cidrsTouched && list.isEmpty();
        nameError.set(String.join("\n", nameErrs));
        cidrsError.set(pristine ? "" : String.join("\n", cidrErrs));
        preview.setAll(p.capacity());
        warnings.setAll(p.warnings());
        outcome.set(p.verdict().outcome());
        verdict.set(pristine && nameErrs.isEmpty() ? "" : switch (p.verdict().outcome()) {
            case INVALID -> "Invalid";
            case DENIED -> p.verdict().messages().size() > 1 ? "Denied by " + p.verdict().messages().size()
                    + " policies" : "Denied by policy";
            case WARNING -> "Allowed, with a policy warning";
            case ALLOWED -> "Allowed";
        });
        verdictDetail.set(p.verdict().outcome() == PolicyWorkbench.Outcome.INVALID ? ""
                : String.join("\n", p.verdict().messages()));
        applyText.set(p.update() ? "Update" : "Create");
        canApply.set(p.acceptable() && !list.isEmpty() && !n.isEmpty() && changed(n, list));
        boolean exists = session.view().find(Kind.SERVICE_CIDR, null, n).isPresent();
        canDelete.set(exists);
        if (!n.equals(deletePreviewFor)) {
            deletePreviewFor = n;
            deletePreview.set(exists ? ServiceCidrEditor.deletePreview(session.view(), n).message() : "");
        }
    }

    private boolean changed(String n, List<String> list) {
        return session.view().<ServiceCidr>find(Kind.SERVICE_CIDR, null, n).map(sc -> !sc.cidrsOrEmpty().equals(list))
                .orElse(true);
    }

    /** Creates or updates the ServiceCIDR as the editor shows it. */
    public void apply() {
        String n = name.get().strip();
        List<String> list = ServiceCidrEditor.cidrs(cidrs.get());
        Optional<ServiceCidr> old = session.view().find(Kind.SERVICE_CIDR, null, n);
        try {
            List<String> w = session.edit((old.isPresent() ? "Update ServiceCIDR " : "Create ServiceCIDR ") + n,
                    api -> {
                        if (old.isPresent()) {
                            api.update(old.get().withCidrs(list));
                        } else {
                            api.create(new ServiceCidr(ObjectMeta.named(n), list, List.of()));
                        }
                    });
            message.set("servicecidr.networking.k8s.io/" + n + (old.isPresent() ? " configured" : " created")
                    + (w.isEmpty() ? "" : "\nWarning: " + String.join("\nWarning: ", w)));
        } catch (ApiException e) {
            message.set(e.status().message());
        }
    }

    /**
     * What Delete asks before it deletes: what the controller will do (from the preview), and for the default
     * ServiceCIDR that the apiservers create it again from their flags once it is gone. Empty when there is nothing
     * of that name.
     */
    public String deleteQuestion() {
        String n = name.get().strip();
        if (session.view().find(Kind.SERVICE_CIDR, null, n).isEmpty()) {
            return "";
        }
        String preview = ServiceCidrEditor.deletePreview(session.view(), n).message();
        if (!n.equals(ServiceCidr.DEFAULT_NAME)) {
            return preview;
        }
        return preview + "\n\nkubernetes is the cluster's default ServiceCIDR. Once it is gone, the kube-apiserver "
                + "creates it again from its --service-cluster-ip-range (" + session.view().activeApiServer().flags()
                .text() + "), so deleting it only moves the default when every apiserver was restarted with the new "
                + "range first. Undo puts it back.";
    }

    /** Deletes the ServiceCIDR named in the editor. */
    public void delete() {
        String n = name.get().strip();
        try {
            session.edit("Delete ServiceCIDR " + n, api -> api.delete(Kind.SERVICE_CIDR, null, n));
            boolean pending = session.view().find(Kind.SERVICE_CIDR, null, n).isPresent();
            message.set("servicecidr.networking.k8s.io \"" + n + "\" deleted" + (pending
                    ? " (pending: the controller keeps it while Service IPs depend on it)" : ""));
        } catch (ApiException e) {
            message.set(e.status().message());
        }
    }

    /** A count with thousands separators ("1,048,574"); IPv6 sizes beyond 10^15 as powers of two. */
    public static String count(BigInteger n) {
        if (n.bitLength() > 50) {
            int log = n.bitLength() - 1;
            return n.equals(BigInteger.ONE.shiftLeft(log)) ? "2^" + log : "~2^" + log;
        }
        return String.format(java.util.Locale.ROOT, "%,d", n);
    }

    public ObservableList<CapacityReport.Row> rows() {
        return rows;
    }

    public StringProperty nameProperty() {
        return name;
    }

    public StringProperty cidrsProperty() {
        return cidrs;
    }

    public ReadOnlyStringProperty nameErrorProperty() {
        return nameError.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty cidrsErrorProperty() {
        return cidrsError.getReadOnlyProperty();
    }

    public ObservableList<CapacityReport.Row> preview() {
        return preview;
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

    public ObservableList<String> warnings() {
        return warnings;
    }

    public ReadOnlyStringProperty applyTextProperty() {
        return applyText.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canApplyProperty() {
        return canApply.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canDeleteProperty() {
        return canDelete.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty deletePreviewProperty() {
        return deletePreview.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }
}
