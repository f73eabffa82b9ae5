package dev.cidrstudio.model.cluster;

import dev.cidrstudio.model.api.KubeObject;
import dev.cidrstudio.model.field.FieldError;
import dev.cidrstudio.model.validation.ObjectMetaValidation;
import java.util.List;

/**
 * The Event registry's metadata rules ({@code ValidateEventCreate}, {@code ValidateEventUpdate}): a namespaced
 * object named as a DNS subdomain. The controllers' own events are recorded by the server, not validated.
 */
final class EventStrategy {

    private EventStrategy() {
    }

    static List<FieldError> validate(KubeObject event) {
        return ObjectMetaValidation.validateObjectMeta(event.meta(), true, ObjectMetaValidation.NAME_IS_DNS_SUBDOMAIN);
    }

    static List<FieldError> validateUpdate(KubeObject event) {
        return ObjectMetaValidation.validateObjectMetaUpdate(event.meta());
    }
}
