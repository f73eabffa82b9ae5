package dev.cidrstudio.model.cluster;

import dev.cidrstudio.model.api.Kind;
import dev.cidrstudio.model.field.ErrorList;
import dev.cidrstudio.model.field.FieldError;
import java.util.List;

/**
 * A failed API call as kube-apiserver reports it ({@code metav1.Status}): HTTP code, reason, message, and for
 * validation failures the kind, name and one cause per field error.
 */
public record Status(int code, String reason, String message, String kind, String group, String name,
        List<FieldError> causes) {

    public static final String NOT_FOUND = "NotFound";
    public static final String ALREADY_EXISTS = "AlreadyExists";
    public static final String INVALID = "Invalid";
    public static final String INTERNAL_ERROR = "InternalError";
    public static final String BAD_REQUEST = "BadRequest";
    public static final String CONFLICT = "Conflict";
    public static final String FORBIDDEN = "Forbidden";
    public static final String METHOD_NOT_ALLOWED = "MethodNotAllowed";

    public Status {
        causes = causes == null ? List.of() : List.copyOf(causes);
    }

    public static Status notFound(Kind kind, String name) {
        return new Status(404, NOT_FOUND, kind.groupResource() + " \"" + name + "\" not found", kind.kindName(),
                kind.group(), name, List.of());
    }

    public static Status notFound(String groupResource, String name) {
        return new Status(404, NOT_FOUND, groupResource + " \"" + name + "\" not found", null, null, name, List.of());
    }

    public static Status alreadyExists(Kind kind, String name) {
        return new Status(409, ALREADY_EXISTS, kind.groupResource() + " \"" + name + "\" already exists",
                kind.kindName(), kind.group(), name, List.of());
    }

    /** {@code NewInvalid}: the message names the qualified kind ("ServiceCIDR.networking.k8s.io"). */
    public static Status invalid(Kind kind, String name, List<FieldError> given, KubeVersion version) {
        List<FieldError> errors = ErrorList.styled(given, version.jsonFieldValues());
        String qualified = kind.group().isEmpty() ? kind.kindName() : kind.kindName() + "." + kind.group();
        return new Status(422, INVALID, qualified + " \"" + name + "\" is invalid: " + ErrorList.aggregate(errors),
                kind.kindName(), kind.group(), name, ErrorList.dedupe(errors));
    }

    /**
     * A validating admission denial ({@code admission.NewForbidden} with the decision's reason and code): the
     * details name the resource, and the one cause is the denial's message with no field.
     */
    public static Status admissionDenied(int code, String reason, String resource, String group, String name,
            String message) {
        String qualified = resource + (group.isEmpty() ? "" : "." + group);
        return new Status(code, reason, qualified + " \"" + name + "\" is forbidden: " + message, resource, group,
                name, List.of(FieldError.cause("", message)));
    }

    /** {@code NewInvalid} for a kind the model only keeps (a ValidatingAdmissionPolicy, a Pod, ...). */
    public static Status invalid(String kindName, String group, String name, List<FieldError> given,
            KubeVersion version) {
        List<FieldError> errors = ErrorList.styled(given, version.jsonFieldValues());
        String qualified = group.isEmpty() ? kindName : kindName + "." + group;
        return new Status(422, INVALID, qualified + " \"" + name + "\" is invalid: " + ErrorList.aggregate(errors),
                kindName, group, name, ErrorList.dedupe(errors));
    }

    public static Status internalError(String message) {
        return new Status(500, INTERNAL_ERROR, "Internal error occurred: " + message, null, null, null, List.of());
    }

    public static Status forbidden(String message) {
        return new Status(403, FORBIDDEN, message, null, null, null, List.of());
    }
}
