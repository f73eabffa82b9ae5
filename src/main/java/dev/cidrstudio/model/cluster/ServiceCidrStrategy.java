package dev.cidrstudio.model.cluster;

import dev.cidrstudio.model.api.ServiceCidr;
import dev.cidrstudio.model.field.FieldError;
import dev.cidrstudio.model.validation.ServiceCidrValidation;
import java.util.List;

/** The ServiceCIDR registry's rules ({@code pkg/registry/networking/servicecidr/strategy.go}). */
final class ServiceCidrStrategy {

    private ServiceCidrStrategy() {
    }

    static List<FieldError> validate(ServiceCidr sc) {
        return ServiceCidrValidation.validateServiceCIDR(sc);
    }

    /** The status is the controller's: a create starts without one. */
    static ServiceCidr prepareForCreate(ServiceCidr sc) {
        return new ServiceCidr(sc.meta(), sc.cidrs(), List.of());
    }

    static List<FieldError> validateUpdate(ServiceCidr sc, ServiceCidr old) {
        return ServiceCidrValidation.validateServiceCIDRUpdate(sc, old);
    }

    /** An update keeps the status; a change of the spec's CIDRs moves the generation. */
    static ServiceCidr prepareForUpdate(ServiceCidr sc, ServiceCidr old) {
        ServiceCidr next = new ServiceCidr(sc.meta(), sc.cidrs(), old.conditions());
        if (!next.cidrsOrEmpty().equals(old.cidrsOrEmpty())) {
            next = next.withMeta(next.meta().withGeneration(old.meta().generation() + 1));
        }
        return next;
    }
}
