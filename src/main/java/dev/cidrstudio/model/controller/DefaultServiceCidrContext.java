package dev.cidrstudio.model.controller;

import dev.cidrstudio.model.api.ServiceCidr;
import java.util.List;

/** The extra writes kube-apiserver's default-ServiceCIDR controller makes. */
public interface DefaultServiceCidrContext extends ControllerContext {

    /** Creates the object; false (and nothing changes) when one of that name already exists. */
    boolean createServiceCidr(ServiceCidr sc);

    /** Updates the CIDRs of an existing object; returns the error message when the update is refused. */
    String updateServiceCidrSpec(ServiceCidr sc, List<String> cidrs);
}
