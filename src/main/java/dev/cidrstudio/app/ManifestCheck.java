package dev.cidrstudio.app;

import dev.cidrstudio.io.manifest.Decoded;
import dev.cidrstudio.io.manifest.ManifestDecoder;
import dev.cidrstudio.io.manifest.ManifestEncoder;
import dev.cidrstudio.io.manifest.ManifestException;
import dev.cidrstudio.io.manifest.Problem;
import dev.cidrstudio.model.api.KubeObject;
import dev.cidrstudio.model.cluster.ApiServer;
import dev.cidrstudio.model.policy.PolicyAdmission;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Validates files as kube-apiserver would, without stopping at the first problem: every document is decoded, then
 * applied to a throwaway cluster along the very path {@code import} takes ({@link ManifestImport#applyCollecting}:
 * the same settings, order, restore-as-admitted rule for dump objects and validation), so {@code check} reports
 * exactly what {@code import} would refuse; each refusal at the line of the field it names, in Kubernetes' own
 * words. Warnings are what the cluster's controllers would report; errors also what the files' own policies would
 * deny of the files' objects.
 */
public final class ManifestCheck {

    private ManifestCheck() {
    }

    public static List<Finding> check(List<ManifestImport.Source> sources) {
        List<Finding> findings = new ArrayList<>();
        List<Decoded> docs = new ArrayList<>();
        for (ManifestImport.Source s : sources) {
            try {
                docs.addAll(ManifestDecoder.decodeAll(s.name(), s.text()));
            } catch (ManifestException e) {
                for (Problem p : e.problems()) {
                    String msg = p.kubeMessage() != null ? p.kubeMessage() : (p.field() == null || p.field().isEmpty()
                            ? "" : p.field() + ": ") + p.message();
                    if (p.message().startsWith("malformed ") && p.mark() != null && p.mark().column() > 0) {
                        // kubectl's text for a syntax error has no column (JSON's has a byte offset): say it too.
                        msg += " (column " + p.mark().column() + ")";
                    }
                    findings.add(new Finding(Finding.Severity.ERROR, p.source(), p.mark(), msg));
                }
            }
        }
        PlanLoader.Opened opened;
        try {
            opened = PlanLoader.open(sources, docs);
        } catch (ManifestImport.ImportException e) {
            findings.addAll(e.findings());
            return sorted(findings);
        }
        ApiServer api = opened.api();
        ManifestImport.Outcome outcome = ManifestImport.applyCollecting(api, opened.objects(), () -> false);
        findings.addAll(outcome.refusals());
        for (Finding f : outcome.report().findings()) {
            if (f.severity() != Finding.Severity.INFO) {
                findings.add(f);
            }
        }
        for (Decoded d : opened.objects()) {
            if (d instanceof Decoded.Other other && !ManifestImport.KEPT_KINDS.contains(other.kind())) {
                findings.add(new Finding(Finding.Severity.WARNING, d.source(), d.mark(), other.kind() + " "
                        + other.name() + ": kept, not modelled (not checked)"));
            }
        }
        checkPolicies(api, opened.objects(), findings);
        return sorted(findings);
    }

    /**
     * Every ValidatingAdmissionPolicy and binding in the files, run on every modelled object in them as a CREATE:
     * a Deny is an error at the object, a Warn a warning (kube-apiserver shows only one denial; all are listed).
     */
    private static void checkPolicies(ApiServer api, List<Decoded> docs, List<Finding> findings) {
        var admission = new PolicyAdmission(
                ManifestEncoder::encode);
        if (!admission.active(api.state())) {
            return;
        }
        for (Decoded d : docs) {
            if (!(d instanceof Decoded.Object o)) {
                continue;
            }
            KubeObject obj = o.object();
            if (obj.kind().namespaced() && (obj.namespace() == null || obj.namespace().isEmpty())) {
                obj = obj.withMeta(obj.meta().withNamespace("default"));
            }
            var verdict = admission.evaluate(api.state(), obj, null, "CREATE");
            String forbidden = obj.kind().plural() + (obj.kind().group().isEmpty() ? "" : "." + obj.kind().group())
                    + " \"" + obj.name() + "\" is forbidden: ";
            for (String denial : verdict.denials()) {
                findings.add(new Finding(Finding.Severity.ERROR, d.source(), d.mark(), forbidden + denial));
            }
            for (String warning : verdict.warnings()) {
                findings.add(new Finding(Finding.Severity.WARNING, d.source(), d.mark(), warning));
            }
        }
    }

    private static List<Finding> sorted(List<Finding> findings) {
        List<Finding> out = new ArrayList<>(findings);
        out.sort(Comparator.comparing((Finding f) -> f.source() == null ? "" : f.source())
                .thenComparingInt(f -> f.mark() == null ? 0 : f.mark().line()));
        return out;
    }
}
