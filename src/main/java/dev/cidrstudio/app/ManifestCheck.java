package dev.cidrstudio.app;

import dev.cidrstudio.io.manifest.Decoded;
import dev.cidrstudio.io.manifest.ManifestDecoder;
import dev.cidrstudio.io.manifest.ManifestEncoder;
import dev.cidrstudio.io.manifest.ManifestException;
import dev.cidrstudio.io.manifest.NodeReader;
import dev.cidrstudio.io.manifest.PathLocator;
import dev.cidrstudio.io.manifest.Plain;
import dev.cidrstudio.io.manifest.Problem;
import dev.cidrstudio.model.api.Event;
import dev.cidrstudio.model.api.KeptObject;
import dev.cidrstudio.model.api.Kind;
import dev.cidrstudio.model.api.KubeObject;
import dev.cidrstudio.model.api.Namespace;
import dev.cidrstudio.model.api.ObjectMeta;
import dev.cidrstudio.model.cluster.Admission;
import dev.cidrstudio.model.cluster.ApiException;
import dev.cidrstudio.model.cluster.ApiServer;
import dev.cidrstudio.model.cluster.ClusterConfigException;
import dev.cidrstudio.model.cluster.ClusterSettings;
import dev.cidrstudio.model.field.FieldError;
import dev.cidrstudio.model.policy.PolicyAdmission;
import dev.cidrstudio.model.validation.NodeValidation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Validates files as kube-apiserver would, without stopping at the first problem: every document is decoded, then
 * submitted in order to a scratch cluster; each refusal is reported at the line of the field it names, in
 * Kubernetes' own words. Warnings are what the cluster's controllers would report.
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
        ClusterSettings settings = ClusterSettings.defaults();
        List<Decoded> objects = new ArrayList<>();
        for (Decoded d : docs) {
            if (d instanceof Decoded.Cluster c) {
                settings = c.settings();
            } else {
                objects.add(d);
            }
        }
        ApiServer api;
        try {
            api = ApiServer.bootstrap(settings);
            // Every policy in the files is run on every object below, so none is applied on the way in.
            api.setAdmission(Admission.NONE);
        } catch (ClusterConfigException e) {
            findings.add(new Finding(Finding.Severity.ERROR, sources.get(0).name(), null, String.join("; ",
                    e.errors())));
            return sorted(findings);
        }
        Map<String, Decoded> where = new HashMap<>();
        Set<String> seen = new HashSet<>();
        for (Decoded d : objects) {
            if (d instanceof Decoded.Other other) {
                String id = other.apiVersion() + " " + other.kind() + " "
                        + (other.namespace() == null ? "" : other.namespace() + "/") + other.name();
                if (!seen.add(id)) {
                    findings.add(new Finding(Finding.Severity.ERROR, d.source(), d.mark(), "duplicate object " + id));
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> content = (Map<String, Object>) Plain.toPlain(other.raw());
                findings.addAll(Refusals.ofPolicy(other, content, api.state()));
                api.keep(new KeptObject(other.apiVersion(), other.kind(), other.namespace(), other.name(), content));
                if ("Pod".equals(other.kind())) {
                    HostsPreview.readAndValidate(other, findings);
                } else if ("Node".equals(other.kind())) {
                    checkNode(other, findings);
                }
                if (!ManifestImport.KEPT_KINDS.contains(other.kind())) {
                    findings.add(new Finding(Finding.Severity.WARNING, d.source(), d.mark(), other.kind() + " "
                            + other.name() + ": kept, not modelled (not checked)"));
                }
                continue;
            }
            Decoded.Object o = (Decoded.Object) d;
            KubeObject obj = o.object();
            if (obj.kind().namespaced() && (obj.namespace() == null || obj.namespace().isEmpty())) {
                obj = obj.withMeta(obj.meta().withNamespace("default"));
            }
            String id = obj.kind().kindName() + " " + obj.namespace() + "/" + obj.name();
            if (!seen.add(id)) {
                findings.add(new Finding(Finding.Severity.ERROR, d.source(), d.mark(), "duplicate object " + id));
                continue;
            }
            where.put(obj.kind().kindName() + " " + (obj.kind().namespaced() ? obj.namespace() + "/" : "")
                    + obj.name(), d);
            try {
                if (obj.kind().namespaced() && api.find(Kind.NAMESPACE, null, obj.namespace()).isEmpty()) {
                    api.create(new Namespace(ObjectMeta.named(obj.namespace()), null));
                }
                if (api.find(obj.kind(), obj.namespace(), obj.name()).isPresent()) {
                    api.update(obj);
                } else {
                    api.create(obj);
                }
            } catch (ApiException e) {
                findings.addAll(Refusals.of(o, e));
            }
        }
        checkPolicies(api, objects, findings);
        for (Event e : api.<Event>list(Kind.EVENT, null)) {
            if (!Event.WARNING.equals(e.type())) {
                continue;
            }
            var ref = e.involvedObject();
            Decoded d = where.get(ref.kind() + " " + (ref.namespace() == null || ref.namespace().isEmpty() ? ""
                    : ref.namespace() + "/") + ref.name());
            findings.add(new Finding(Finding.Severity.WARNING, d == null ? null : d.source(),
                    d == null ? null : d.mark(), e.reason() + ": " + e.message()));
        }
        return sorted(findings);
    }

    /** What {@code ValidateNode} says of a Node's pod CIDRs, at the lines of the entries it names. */
    private static void checkNode(Decoded.Other node, List<Finding> findings) {
        NodeReader.PodCidrFields fields;
        try {
            fields = NodeReader.read(node);
        } catch (ManifestException e) {
            e.problems().forEach(p -> findings.add(ManifestImport.problem(p)));
            return;
        }
        List<String> cidrs = NodeValidation.convertPodCidrs(fields.podCidr(), fields.podCidrs());
        for (FieldError fe : NodeValidation.validatePodCidrs(cidrs)) {
            findings.add(new Finding(Finding.Severity.ERROR, node.source(), PathLocator.find(node.raw(), fe.field()),
                    "Node \"" + node.name() + "\" is invalid: " + fe));
        }
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
