package dev.cidrstudio.model.cluster;

import dev.cidrstudio.model.api.KeptObject;
import dev.cidrstudio.model.field.FieldError;
import dev.cidrstudio.model.validation.NodeValidation;
import dev.cidrstudio.model.validation.ObjectMetaValidation;
import dev.cidrstudio.model.validation.ObjectMetaValidation.NameFunc;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The rules for the kinds the model keeps as written (Pods, Nodes, anything else): every kind's
 * {@code ValidateObjectMeta} with its own name rule, and what the model knows of a kind's spec (a Node's pod CIDRs).
 * ValidatingAdmissionPolicies and their bindings have their own validation, metadata included
 * ({@code PolicyValidation}).
 */
final class KeptStrategy {

    private KeptStrategy() {
    }

    /** A kind's name rule and scope, as its registry declares them. */
    private record Rules(NameFunc nameFn, boolean namespaced) {
    }

    /** {@code ValidatePodName}, {@code ValidateNodeName}: both DNS subdomains; a Pod is namespaced, a Node not. */
    private static final Map<String, Rules> KNOWN = Map.of(
            "v1/Pod", new Rules(ObjectMetaValidation.NAME_IS_DNS_SUBDOMAIN, true),
            "v1/Node", new Rules(ObjectMetaValidation.NAME_IS_DNS_SUBDOMAIN, false));

    /**
     * A kind the model does not know: what {@code rest.BeforeCreate} checks of every object (the name is a path
     * segment), namespaced when the object names a namespace.
     */
    private static Rules rules(KeptObject o) {
        Rules r = KNOWN.get(o.apiVersion() + "/" + o.kind());
        return r != null ? r : new Rules(ObjectMetaValidation.VALIDATE_PATH_SEGMENT_NAME,
                o.namespace() != null && !o.namespace().isEmpty());
    }

    static List<FieldError> validate(KeptObject o) {
        Rules r = rules(o);
        // A namespaced object written without a namespace is sent to kubectl's current one, "default" here.
        String namespace = o.namespace() == null || o.namespace().isEmpty() ? "default" : o.namespace();
        List<FieldError> errs = new ArrayList<>(ObjectMetaValidation.validateObjectMeta(
                ObjectMetaValidation.fromPlain(o.content().get("metadata")).withNamespace(r.namespaced()
                        ? namespace : null), r.namespaced(), r.nameFn()));
        errs.addAll(validateSpec(o));
        return errs;
    }

    static List<FieldError> validateUpdate(KeptObject o, KeptObject old) {
        List<FieldError> errs = new ArrayList<>(ObjectMetaValidation.validateObjectMetaUpdate(
                ObjectMetaValidation.fromPlain(o.content().get("metadata"))));
        errs.addAll(validateSpec(o));
        if (NodeObjects.isNode(o) && old != null && NodeObjects.isNode(old)) {
            errs.addAll(validatePodCidrsUpdate(NodeObjects.podCidrs(o), NodeObjects.podCidrs(old)));
        }
        return errs;
    }

    static final String POD_CIDR_UPDATE = "node updates may not change podCIDR except from \"\" to valid";

    /**
     * {@code ValidateNodeUpdate}'s rule for {@code spec.podCIDRs}: once set they never change (the controller
     * manager may only set them on a Node that has none); one error for a list of another length, else one for
     * each entry that differs.
     */
    static List<FieldError> validatePodCidrsUpdate(List<String> cidrs, List<String> oldCidrs) {
        List<FieldError> errs = new ArrayList<>();
        if (oldCidrs.isEmpty()) {
            return errs;
        }
        if (oldCidrs.size() != cidrs.size()) {
            errs.add(FieldError.forbidden("spec.podCIDRs", POD_CIDR_UPDATE));
            return errs;
        }
        for (int i = 0; i < oldCidrs.size(); i++) {
            if (!oldCidrs.get(i).equals(cidrs.get(i))) {
                errs.add(FieldError.forbidden("spec.podCIDRs", POD_CIDR_UPDATE));
            }
        }
        return errs;
    }

    /** What {@code ValidateNode} says of a Node's {@code spec.podCIDR} and {@code spec.podCIDRs}. */
    private static List<FieldError> validateSpec(KeptObject o) {
        if (!NodeObjects.isNode(o)) {
            return List.of();
        }
        return NodeValidation.validatePodCidrs(NodeObjects.podCidrs(o));
    }
}
