package dev.cidrstudio.app;

import dev.cidrstudio.io.manifest.Decoded;
import dev.cidrstudio.io.manifest.PathLocator;
import dev.cidrstudio.model.api.KubeObject;
import dev.cidrstudio.model.cluster.ApiException;
import dev.cidrstudio.model.cluster.ClusterState;
import dev.cidrstudio.model.cluster.Status;
import dev.cidrstudio.model.field.FieldError;
import dev.cidrstudio.model.policy.PolicyAdmission;
import dev.cidrstudio.model.policy.PolicyValidation;
import java.util.ArrayList;
import java.util.List;

/** Turns an API refusal of a decoded document into findings at the lines of the fields it names. */
final class Refusals {

    private Refusals() {
    }

    /** A policy object's own validation errors, at the lines of the fields they name. */
    static List<Finding> of(Decoded.Other d, String kind, String name, List<FieldError> errors) {
        List<Finding> out = new ArrayList<>();
        for (FieldError fe : errors) {
            var mark = d.raw() == null ? d.mark() : PathLocator.find(d.raw(), fe.field());
            out.add(new Finding(Finding.Severity.ERROR, d.source(), mark, kind + "." + dev.cidrstudio.model.policy
                    .PolicyAdmission.GROUP + " \"" + name + "\" is invalid: " + fe));
        }
        return out;
    }

    /**
     * The validation errors of a ValidatingAdmissionPolicy or binding document, created in or updating the plan
     * {@code state} (its release decides which CEL libraries new expressions may use); none for other kinds.
     */
    static List<Finding> ofPolicy(Decoded.Other d, java.util.Map<String, Object> content, ClusterState state) {
        if (!PolicyAdmission.isPolicyKind(d.apiVersion(), d.kind())) {
            return List.of();
        }
        java.util.Map<String, Object> old = state.kept().stream().filter(k -> d.kind().equals(k.kind())
                && d.apiVersion().equals(k.apiVersion()) && java.util.Objects.equals(d.name(), k.name())).findFirst()
                .map(dev.cidrstudio.model.api.KeptObject::content).orElse(null);
        List<FieldError> errs = PolicyAdmission.POLICY.equals(d.kind())
                ? PolicyValidation.validatePolicy(content, old, state.settings().kubernetesVersion())
                : PolicyValidation.validateBinding(content);
        List<Finding> out = new ArrayList<>(of(d, d.kind(), d.name() == null ? "" : d.name(), errs));
        if (PolicyAdmission.POLICY.equals(d.kind()) && errs.isEmpty()) {
            for (var w : PolicyValidation.typeChecking(content)) {
                var mark = d.raw() == null ? d.mark() : PathLocator.find(d.raw(), w.fieldRef());
                out.add(new Finding(Finding.Severity.WARNING, d.source(), mark, d.kind() + " \"" + d.name()
                        + "\" type checking: " + w.fieldRef() + ": " + w.warning().strip()));
            }
        }
        return out;
    }

    static List<Finding> of(Decoded.Object d, ApiException e) {
        var status = e.status();
        List<Finding> out = new ArrayList<>();
        if (status.causes().isEmpty() || !Status.INVALID.equals(status.reason())
                || status.causes().stream().allMatch(c -> c.field().isEmpty())) {
            out.add(new Finding(Finding.Severity.ERROR, d.source(), d.mark(), status.message()));
            return out;
        }
        KubeObject obj = d.object();
        String qualified = obj.kind().group().isEmpty() ? obj.kind().kindName()
                : obj.kind().kindName() + "." + obj.kind().group();
        for (FieldError fe : status.causes()) {
            var mark = d.raw() == null ? d.mark() : PathLocator.find(d.raw(), fe.field());
            out.add(new Finding(Finding.Severity.ERROR, d.source(), mark,
                    qualified + " \"" + (obj.name() == null ? "" : obj.name()) + "\" is invalid: " + fe));
        }
        return out;
    }

    /** A refusal of an object the model keeps as written, at the lines of the fields it names. */
    static List<Finding> of(Decoded.Other d, ApiException e) {
        var status = e.status();
        List<Finding> out = new ArrayList<>();
        if (status.causes().isEmpty() || !Status.INVALID.equals(status.reason())) {
            out.add(new Finding(Finding.Severity.ERROR, d.source(), d.mark(), status.message()));
            return out;
        }
        String qualified = status.group() == null || status.group().isEmpty() ? status.kind()
                : status.kind() + "." + status.group();
        for (FieldError fe : status.causes()) {
            var mark = d.raw() == null ? d.mark() : PathLocator.find(d.raw(), fe.field());
            out.add(new Finding(Finding.Severity.ERROR, d.source(), mark,
                    qualified + " \"" + status.name() + "\" is invalid: " + fe));
        }
        return out;
    }
}
