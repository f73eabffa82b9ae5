package dev.cidrstudio.model.controller;

import dev.cidrstudio.model.api.IpAddressObject;
import dev.cidrstudio.model.api.Service;
import java.util.List;
import java.util.Optional;

/** What the ClusterIP repair loop reads and writes besides the common controller calls. */
public interface RepairContext extends ControllerContext {

    List<Service> services();

    /** The ServiceCIDRs' prefixes, parsed. */
    List<dev.cidrstudio.model.allocator.MetaAllocator.NamedPrefix> serviceCidrPrefixes();

    Optional<Service> service(String namespace, String name);

    Optional<IpAddressObject> ipAddress(String name);

    void createIpAddress(IpAddressObject ip);

    void deleteIpAddress(String name);

    /** Checks this IPAddress again at {@code when} (a delayed requeue of one key). */
    void recheckIpAddressAt(String name, java.time.Instant when);
}
