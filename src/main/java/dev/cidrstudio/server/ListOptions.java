package dev.cidrstudio.server;

import dev.cidrstudio.model.api.LabelSelector;
import dev.cidrstudio.model.cluster.ApiException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * A list's {@code metav1.ListOptions}: {@code labelSelector}, {@code fieldSelector} (the fields every kind offers,
 * {@code metadata.name} and {@code metadata.namespace}), and {@code limit} with {@code continue}, whose token is
 * where the next page starts.
 */
record ListOptions(LabelSelector labels, List<FieldRequirement> fields, long limit, String start) {

    /** One term of a field selector: {@code field=value}, {@code field==value} or {@code field!=value}. */
    record FieldRequirement(String field, String value, boolean equal) {
        boolean matches(Map<String, String> fieldValues) {
            return value.equals(fieldValues.getOrDefault(field, "")) == equal;
        }
    }

    static final List<String> SELECTABLE_FIELDS = List.of("metadata.name", "metadata.namespace");
    /** What an Event also offers ({@code pkg/registry/core/event/strategy.go}'s {@code ToSelectableFields}). */
    static final List<String> EVENT_FIELDS = List.of("involvedObject.kind", "involvedObject.namespace",
            "involvedObject.name", "involvedObject.uid", "involvedObject.apiVersion", "involvedObject.resourceVersion",
            "involvedObject.fieldPath", "reason", "reportingComponent", "source", "type");

    static ListOptions parse(String labelSelector, String fieldSelector, String limit, String continueToken)
            throws ApiException {
        return parse(labelSelector, fieldSelector, limit, continueToken, SELECTABLE_FIELDS);
    }

    static ListOptions parse(String labelSelector, String fieldSelector, String limit, String continueToken,
            List<String> selectable) throws ApiException {
        LabelSelector labels = LabelSelector.EVERYTHING;
        if (labelSelector != null && !labelSelector.isBlank()) {
            try {
                labels = LabelSelector.parse(labelSelector);
            } catch (IllegalArgumentException e) {
                throw new ApiException(Statuses.badRequest("unable to parse requirement: " + e.getMessage()));
            }
        }
        List<FieldRequirement> fields = new ArrayList<>();
        if (fieldSelector != null && !fieldSelector.isBlank()) {
            for (String term : fieldSelector.split(",")) {
                String t = term.trim();
                if (t.isEmpty()) {
                    continue;
                }
                String op = t.contains("!=") ? "!=" : t.contains("==") ? "==" : t.contains("=") ? "=" : null;
                if (op == null) {
                    throw new ApiException(Statuses.badRequest("invalid selector: '" + fieldSelector
                            + "'; can't understand '" + t + "'"));
                }
                int at = t.indexOf(op);
                String field = t.substring(0, at).trim();
                if (!selectable.contains(field)) {
                    throw new ApiException(Statuses.badRequest("field label not supported: " + field));
                }
                fields.add(new FieldRequirement(field, t.substring(at + op.length()).trim(), !op.equals("!=")));
            }
        }
        long max = 0;
        if (limit != null && !limit.isEmpty()) {
            try {
                max = Math.max(0, Long.parseLong(limit));
            } catch (NumberFormatException e) {
                throw new ApiException(Statuses.badRequest("limit: Invalid value: \"" + limit
                        + "\": must be a number"));
            }
        }
        String start = null;
        if (continueToken != null && !continueToken.isEmpty()) {
            try {
                start = new String(Base64.getUrlDecoder().decode(continueToken), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new ApiException(Statuses.badRequest("continue key is not valid: illegal base64 data"));
            }
        }
        return new ListOptions(labels, fields, max, start);
    }

    /** Whether an object with these labels and selectable field values is listed. */
    boolean matches(Map<String, String> labelValues, Map<String, String> fieldValues) {
        return labels.matches(labelValues) && fields.stream().allMatch(f -> f.matches(fieldValues));
    }

    /** The token that continues a list at the object with this key. */
    static String continueAt(String key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key.getBytes(StandardCharsets.UTF_8));
    }
}
