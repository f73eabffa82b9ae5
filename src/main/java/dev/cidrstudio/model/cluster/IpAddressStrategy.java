package dev.cidrstudio.model.cluster;

import dev.cidrstudio.model.api.IpAddressObject;
import dev.cidrstudio.model.api.ObjectMeta;
import dev.cidrstudio.model.field.FieldError;
import dev.cidrstudio.model.validation.IpAddressValidation;
import java.util.List;

/** The IPAddress registry's rules ({@code pkg/registry/networking/ipaddress/strategy.go}). */
final class IpAddressStrategy {

    private IpAddressStrategy() {
    }

    static List<FieldError> validate(IpAddressObject ip) {
        return IpAddressValidation.validateIPAddress(ip);
    }

    /** An IPAddress holds only its metadata and its parent. */
    static IpAddressObject prepareForCreate(IpAddressObject ip, ObjectMeta serverMeta) {
        return new IpAddressObject(serverMeta, ip.parentRef());
    }

    static List<FieldError> validateUpdate(IpAddressObject ip, IpAddressObject old) {
        return IpAddressValidation.validateIPAddressUpdate(ip, old);
    }
}
