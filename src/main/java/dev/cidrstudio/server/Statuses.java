package dev.cidrstudio.server;

import dev.cidrstudio.model.cluster.Status;
import dev.cidrstudio.model.field.ErrorType;
import dev.cidrstudio.model.field.FieldError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The refusals of the served API as kube-apiserver words them ({@code k8s.io/apimachinery/pkg/api/errors}), and
 * their wire form, {@code metav1.Status}.
 */
final class Statuses {

    /** {@code OptimisticLockErrorMsg}. */
    static final String OBJECT_MODIFIED = "the object has been modified; please apply your changes to the latest "
            + "version and try again";
    static final String PATH_NOT_FOUND = "the server could not find the requested resource";
    static final String UNAUTHORIZED = "Unauthorized";

    private Statuses() {
    }

    static Status badRequest(String message) {
        return new Status(400, Status.BAD_REQUEST, message, null, null, null, List.of());
    }

    static Status pathNotFound() {
        return new Status(404, Status.NOT_FOUND, PATH_NOT_FOUND, null, null, null, List.of());
    }

    static Status notFound(ServedResource r, String name) {
        return new Status(404, Status.NOT_FOUND, r.groupResource() + " \"" + name + "\" not found", r.plural(),
                r.group(), name, List.of());
    }

    /** {@code NewConflict}: "Operation cannot be fulfilled on services "x": ...". */
    static Status conflict(ServedResource r, String name, String why) {
        return new Status(409, Status.CONFLICT, "Operation cannot be fulfilled on " + r.groupResource() + " \"" + name
                + "\": " + why, r.plural(), r.group(), name, List.of());
    }

    static Status methodNotAllowed(String verb, ServedResource r) {
        return new Status(405, Status.METHOD_NOT_ALLOWED, verb + " is not supported on resources of kind \""
                + r.groupResource() + "\"", r.plural(), r.group(), null, List.of());
    }

    /** {@code NewRequestEntityTooLargeError}. */
    static Status tooLarge(long limit) {
        return new Status(413, "RequestEntityTooLarge", "Request entity too large: limit is " + limit, null, null,
                null, List.of());
    }

    /** {@code NewUnsupportedMediaType}-like: what the handler can decode. */
    static Status unsupportedMediaType(String contentType, List<String> accepted) {
        return new Status(415, "UnsupportedMediaType", "the body of the request was in an unknown format - "
                + "accepted media types include: " + String.join(", ", accepted), null, null, null, List.of());
    }

    static Status unauthorized() {
        return new Status(401, "Unauthorized", UNAUTHORIZED, null, null, null, List.of());
    }

    /** RBAC's refusal: {@code services "x" is forbidden: User "u" cannot create resource "services" in ...}. */
    static Status forbidden(String user, String verb, ServedResource r, String namespace, String name) {
        String subject = name == null || name.isEmpty() ? r.groupResource() : r.groupResource() + " \"" + name + "\"";
        String scope = namespace == null || namespace.isEmpty() ? " at the cluster scope"
                : " in the namespace \"" + namespace + "\"";
        return new Status(403, Status.FORBIDDEN, subject + " is forbidden: User \"" + user + "\" cannot " + verb
                + " resource \"" + r.plural() + "\" in API group \"" + r.group() + "\"" + scope, r.plural(),
                r.group(), name, List.of());
    }

    static Status internalError(String message) {
        return Status.internalError(message);
    }

    /** {@code metav1.Status} of a failure, as it goes on the wire. */
    static Map<String, Object> toJson(Status s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", "Status");
        m.put("apiVersion", "v1");
        m.put("metadata", Map.of());
        m.put("status", "Failure");
        m.put("message", s.message());
        m.put("reason", s.reason());
        Map<String, Object> details = new LinkedHashMap<>();
        if (s.name() != null && !s.name().isEmpty()) {
            details.put("name", s.name());
        }
        if (s.group() != null && !s.group().isEmpty()) {
            details.put("group", s.group());
        }
        if (s.kind() != null && !s.kind().isEmpty()) {
            details.put("kind", s.kind());
        }
        if (!s.causes().isEmpty()) {
            List<Object> causes = new ArrayList<>();
            for (FieldError e : s.causes()) {
                Map<String, Object> c = new LinkedHashMap<>();
                if (e.type() != ErrorType.CAUSE) {
                    c.put("reason", causeReason(e.type()));
                }
                c.put("message", e.body());
                if (e.field() != null && !e.field().isEmpty()) {
                    c.put("field", e.field());
                }
                causes.add(c);
            }
            details.put("causes", causes);
        }
        if (!details.isEmpty()) {
            m.put("details", details);
        }
        m.put("code", s.code());
        return m;
    }

    /** {@code metav1.Status} of a delete that went through at once. */
    static Map<String, Object> success(ServedResource r, String name, String uid) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("name", name);
        if (!r.group().isEmpty()) {
            details.put("group", r.group());
        }
        details.put("kind", r.plural());
        if (uid != null) {
            details.put("uid", uid);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", "Status");
        m.put("apiVersion", "v1");
        m.put("metadata", Map.of());
        m.put("status", "Success");
        m.put("details", details);
        return m;
    }

    /** {@code metav1.CauseType} of a field error: "FieldValueInvalid", "FieldValueRequired", ... */
    private static String causeReason(ErrorType t) {
        return switch (t) {
            case NOT_FOUND -> "FieldValueNotFound";
            case REQUIRED -> "FieldValueRequired";
            case DUPLICATE -> "FieldValueDuplicate";
            case INVALID -> "FieldValueInvalid";
            case NOT_SUPPORTED -> "FieldValueNotSupported";
            case FORBIDDEN -> "FieldValueForbidden";
            case TOO_LONG -> "FieldValueTooLong";
            case TOO_MANY -> "FieldValueTooMany";
            case INTERNAL -> "InternalError";
            case CAUSE -> "";
        };
    }
}
