package dev.cidrstudio.model.policy;

import static dev.cidrstudio.model.policy.CelDecls.fn;
import static dev.cidrstudio.model.policy.CelDecls.member;

import dev.cel.common.CelFunctionDecl;
import dev.cel.common.types.CelType;
import dev.cel.common.types.OpaqueType;
import dev.cel.common.types.SimpleType;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelFunctionBinding;
import dev.cidrstudio.model.validation.NameValidation;
import java.util.List;
import java.util.Set;

/**
 * Kubernetes' authorization CEL library ({@code authorizer}, {@code authorizer.requestResource}) over the plan's
 * one principal. Requests in a plan are made as kubeadm's {@code kubernetes-admin} (group
 * {@code kubeadm:cluster-admins}, bound to {@code cluster-admin}), so its checks are allowed with RBAC's reason;
 * a service account ({@code authorizer.serviceAccount(ns, name)}) has only what every authenticated user has by
 * default (the discovery and public-info paths, self reviews); anything else is RBAC's "no opinion": not allowed,
 * no reason, no error. The plan holds no Roles, so bindings a cluster would add are not seen.
 */
final class KubeAuthz {

    static final OpaqueType AUTHORIZER_T = OpaqueType.create("kubernetes.authorization.Authorizer");
    static final OpaqueType PATH_T = OpaqueType.create("kubernetes.authorization.PathCheck");
    static final OpaqueType GROUP_T = OpaqueType.create("kubernetes.authorization.GroupCheck");
    static final OpaqueType RESOURCE_T = OpaqueType.create("kubernetes.authorization.ResourceCheck");
    static final OpaqueType DECISION_T = OpaqueType.create("kubernetes.authorization.Decision");

    static final String ADMIN_REASON = "RBAC: allowed by ClusterRoleBinding \"kubeadm:cluster-admins\" of ClusterRole "
            + "\"cluster-admin\" to Group \"kubeadm:cluster-admins\"";

    /** The principal checks are made for: null is the requester (the plan's admin). */
    record Authorizer(String serviceAccount) {
    }

    record PathCheck(Authorizer authorizer, String path) {
    }

    record GroupCheck(Authorizer authorizer, String group) {
    }

    record ResourceCheck(Authorizer authorizer, String group, String resource, String subresource, String namespace,
            String name, String fieldSelector, String labelSelector) {

        ResourceCheck with(String subresource, String namespace, String name, String field, String label) {
            return new ResourceCheck(authorizer, group, resource, subresource, namespace, name, field, label);
        }
    }

    record Decision(boolean allowed, String reason, String error) {
    }

    static final Authorizer REQUESTER = new Authorizer(null);

    private KubeAuthz() {
    }

    /** {@code authorizer.requestResource}: a check of the request's own group, resource, namespace and name. */
    static ResourceCheck requestResource(String group, String resource, String subresource, String namespace,
            String name) {
        return new ResourceCheck(REQUESTER, group, resource, subresource, namespace, name, "", "");
    }

    private static final Set<String> PUBLIC_INFO = Set.of("/healthz", "/livez", "/readyz", "/version", "/version/");

    private static Decision pathDecision(PathCheck p, String verb) {
        if (p.authorizer().serviceAccount() == null) {
            return new Decision(true, ADMIN_REASON, "");
        }
        String path = p.path().startsWith("/") ? p.path() : "/" + p.path();
        if (!"get".equals(verb)) {
            return new Decision(false, "", "");
        }
        if (PUBLIC_INFO.contains(path)) {
            return new Decision(true, "RBAC: allowed by ClusterRoleBinding \"system:public-info-viewer\" of "
                    + "ClusterRole \"system:public-info-viewer\" to Group \"system:authenticated\"", "");
        }
        if (path.equals("/api") || path.startsWith("/api/") || path.equals("/apis") || path.startsWith("/apis/")
                || path.equals("/openapi") || path.startsWith("/openapi/")) {
            return new Decision(true, "RBAC: allowed by ClusterRoleBinding \"system:discovery\" of ClusterRole "
                    + "\"system:discovery\" to Group \"system:authenticated\"", "");
        }
        return new Decision(false, "", "");
    }

    private static Decision resourceDecision(ResourceCheck r, String verb) {
        if (r.authorizer().serviceAccount() == null) {
            return new Decision(true, ADMIN_REASON, "");
        }
        boolean selfReview = "create".equals(verb) && r.subresource().isEmpty()
                && ("authorization.k8s.io".equals(r.group()) && Set.of("selfsubjectaccessreviews",
                        "selfsubjectrulesreviews").contains(r.resource())
                        || "authentication.k8s.io".equals(r.group()) && "selfsubjectreviews".equals(r.resource()));
        if (selfReview) {
            return new Decision(true, "RBAC: allowed by ClusterRoleBinding \"system:basic-user\" of ClusterRole "
                    + "\"system:basic-user\" to Group \"system:authenticated\"", "");
        }
        return new Decision(false, "", "");
    }

    static List<CelFunctionDecl> declarations() {
        CelType s = SimpleType.STRING;
        CelType b = SimpleType.BOOL;
        return List.of(
                fn("path", member("authorizer_path", PATH_T, AUTHORIZER_T, s)),
                fn("group", member("authorizer_group", GROUP_T, AUTHORIZER_T, s)),
                fn("serviceAccount", member("authorizer_serviceaccount", AUTHORIZER_T, AUTHORIZER_T, s, s)),
                fn("resource", member("groupcheck_resource", RESOURCE_T, GROUP_T, s)),
                fn("subresource", member("resourcecheck_subresource", RESOURCE_T, RESOURCE_T, s)),
                fn("namespace", member("resourcecheck_namespace", RESOURCE_T, RESOURCE_T, s)),
                fn("name", member("resourcecheck_name", RESOURCE_T, RESOURCE_T, s)),
                fn("fieldSelector", member("authorizer_fieldselector", RESOURCE_T, RESOURCE_T, s)),
                fn("labelSelector", member("authorizer_labelselector", RESOURCE_T, RESOURCE_T, s)),
                fn("check", member("pathcheck_check", DECISION_T, PATH_T, s),
                        member("resourcecheck_check", DECISION_T, RESOURCE_T, s)),
                fn("errored", member("decision_errored", b, DECISION_T)),
                fn("error", member("decision_error", s, DECISION_T)),
                fn("allowed", member("decision_allowed", b, DECISION_T)),
                fn("reason", member("decision_reason", s, DECISION_T)));
    }

    static List<CelFunctionBinding> bindings() {
        return List.of(
                CelFunctionBinding.from("authorizer_path", Authorizer.class, String.class, (a, p) -> {
                    if (p.isBlank()) {
                        throw new CelEvaluationException("path must not be empty");
                    }
                    return new PathCheck(a, p);
                }),
                CelFunctionBinding.from("authorizer_group", Authorizer.class, String.class, GroupCheck::new),
                CelFunctionBinding.from("authorizer_serviceaccount", List.of(Authorizer.class, String.class,
                        String.class), args -> {
                            String ns = (String) args[1];
                            String name = (String) args[2];
                            if (!NameValidation.isDns1123Subdomain(name).isEmpty()) {
                                throw new CelEvaluationException("Invalid service account name");
                            }
                            if (!NameValidation.isDns1123Label(ns).isEmpty()) {
                                throw new CelEvaluationException("Invalid service account namespace");
                            }
                            return new Authorizer("system:serviceaccount:" + ns + ":" + name);
                        }),
                CelFunctionBinding.from("groupcheck_resource", GroupCheck.class, String.class, (g, r) -> {
                    if (r.isBlank()) {
                        throw new CelEvaluationException("resource must not be empty");
                    }
                    return new ResourceCheck(g.authorizer(), g.group(), r, "", "", "", "", "");
                }),
                CelFunctionBinding.from("resourcecheck_subresource", ResourceCheck.class, String.class,
                        (r, v) -> r.with(v, r.namespace(), r.name(), r.fieldSelector(), r.labelSelector())),
                CelFunctionBinding.from("resourcecheck_namespace", ResourceCheck.class, String.class,
                        (r, v) -> r.with(r.subresource(), v, r.name(), r.fieldSelector(), r.labelSelector())),
                CelFunctionBinding.from("resourcecheck_name", ResourceCheck.class, String.class,
                        (r, v) -> r.with(r.subresource(), r.namespace(), v, r.fieldSelector(), r.labelSelector())),
                CelFunctionBinding.from("authorizer_fieldselector", ResourceCheck.class, String.class,
                        (r, v) -> r.with(r.subresource(), r.namespace(), r.name(), v, r.labelSelector())),
                CelFunctionBinding.from("authorizer_labelselector", ResourceCheck.class, String.class,
                        (r, v) -> r.with(r.subresource(), r.namespace(), r.name(), r.fieldSelector(), v)),
                CelFunctionBinding.from("pathcheck_check", PathCheck.class, String.class, KubeAuthz::pathDecision),
                CelFunctionBinding.from("resourcecheck_check", ResourceCheck.class, String.class,
                        KubeAuthz::resourceDecision),
                CelFunctionBinding.from("decision_errored", Decision.class, d -> !d.error().isEmpty()),
                CelFunctionBinding.from("decision_error", Decision.class, Decision::error),
                CelFunctionBinding.from("decision_allowed", Decision.class, Decision::allowed),
                CelFunctionBinding.from("decision_reason", Decision.class, Decision::reason));
    }
}
