package dev.cidrstudio.model.controller;

import dev.cidrstudio.model.api.Condition;
import dev.cidrstudio.model.api.IpAddressObject;
import dev.cidrstudio.model.api.KubeObject;
import dev.cidrstudio.model.api.ServiceCidr;
import dev.cidrstudio.model.net.Cidr;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;

/** What a controller may see and do: the same reads and writes a real controller makes through the apiserver. */
public interface ControllerContext {

    Instant now();

    List<ServiceCidr> serviceCidrs();

    List<IpAddressObject> ipAddresses();

    /**
     * Whether some IPAddress object whose address lies in {@code prefix} passes {@code test}. By default a scan of
     * {@link #ipAddresses()}; the apiserver answers from its address index, looking only inside the prefix.
     */
    default boolean anyIpAddressIn(Cidr prefix, Predicate<IpAddressObject> test) {
        return ServiceCidrController.scan(ipAddresses()).any(prefix, test);
    }

    /** Patches the finalizers; an object being deleted with none left is then removed. */
    void patchFinalizers(ServiceCidr sc, List<String> finalizers);

    void updateStatus(ServiceCidr sc, List<Condition> conditions);

    void recordEvent(KubeObject involved, String type, String reason, String message, String component);

    /** Asks to be run again at this time (a delayed requeue). */
    void requeueAt(Instant when);
}
