package dev.cidrstudio.io.manifest;

import dev.cidrstudio.model.cluster.Admission;
import dev.cidrstudio.model.policy.PolicyAdmission;

/**
 * The ApiServer's validating admission with objects in their manifest form: registered as the
 * {@code Admission} service, so every ApiServer runs the plan's policies.
 */
public final class ManifestAdmission extends PolicyAdmission {

    public ManifestAdmission() {
        super(ManifestEncoder::encode);
    }
}
