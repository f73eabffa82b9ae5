package dev.cidrstudio.model.controller;

import dev.cidrstudio.model.allocator.MetaAllocator;
import dev.cidrstudio.model.api.Event;
import dev.cidrstudio.model.api.IpAddressObject;
import dev.cidrstudio.model.api.ObjectMeta;
import dev.cidrstudio.model.api.ParentReference;
import dev.cidrstudio.model.api.Service;
import dev.cidrstudio.model.net.IpAddress;
import dev.cidrstudio.model.net.IpParsing;
import java.time.Duration;
import java.util.Optional;

/**
 * kube-apiserver's ClusterIP repair loop ({@code repairip.go}): every Service IP must have an IPAddress pointing
 * back at it, inside some ServiceCIDR; every allocator-managed IPAddress must belong to a Service that lists it.
 * It repairs what it can and reports the rest as Warning events with Kubernetes' reasons and messages.
 */
public final class RepairIpController {

    public static final String CONTROLLER_NAME = "ipallocator-repair-controller";
    /** An IPAddress younger than this may belong to a create still in flight, so it is not called leaked. */
    public static final Duration LEAK_GRACE = Duration.ofSeconds(60);

    private RepairIpController() {
    }

    private static String family(IpAddress ip) {
        return ip.family().name();
    }

    private static Optional<IpAddress> address(String text) {
        return IpParsing.parseIpSloppy(text).map(ip -> ip.isIpv4Mapped() ? IpAddress.ipv4(ip.lo() & 0xFFFF_FFFFL) : ip);
    }

    private static boolean lists(Service s, String canonical) {
        for (String ip : s.spec().clusterIPsOrEmpty()) {
            Optional<IpAddress> a = address(ip);
            if (a.isPresent() && a.get().toString().equals(canonical)) {
                return true;
            }
        }
        return false;
    }

    /** One pass over every Service and IPAddress ({@code runOnce}), as the periodic resync does. */
    public static void runOnce(RepairContext ctx) {
        for (Service svc : ctx.services()) {
            syncService(ctx, svc);
        }
        for (IpAddressObject ip : ctx.ipAddresses()) {
            ctx.ipAddress(ip.name()).ifPresent(current -> syncIpAddress(ctx, current));
        }
    }

    /** Service to IPAddress: each cluster IP inside a ServiceCIDR and held by an IPAddress pointing back. */
    public static void syncService(RepairContext ctx, Service svc) {
        if (svc.spec().isExternalName() || svc.spec().isHeadless()) {
            return;
        }
        for (String text : svc.spec().clusterIPsOrEmpty()) {
            Optional<IpAddress> parsed = address(text);
            if (parsed.isEmpty()) {
                continue;
            }
            IpAddress ip = parsed.get();
            String fam = family(ip);
            if (MetaAllocator.containingServiceCidrs(ctx.serviceCidrPrefixes(), ip).isEmpty()) {
                ctx.recordEvent(svc, Event.WARNING, "ClusterIPOutOfRange", "Cluster IP [" + fam + "]: " + text
                        + " is not within any configured Service CIDR; please recreate service", CONTROLLER_NAME);
                continue;
            }
            ParentReference me = ParentReference.service(svc.namespace(), svc.name());
            Optional<IpAddressObject> held = ctx.ipAddress(ip.toString());
            if (held.isEmpty()) {
                ctx.recordEvent(svc, Event.WARNING, "ClusterIPNotAllocated", "Cluster IP [" + fam + "]: " + text
                        + " is not allocated; repairing", CONTROLLER_NAME);
                ctx.createIpAddress(newIpAddress(ip, me));
                continue;
            }
            if (me.equals(held.get().parentRef())) {
                continue;
            }
            ParentReference other = held.get().parentRef();
            boolean otherIsService = other != null && (other.group() == null || other.group().isEmpty())
                    && "services".equals(other.resource());
            Optional<Service> owner = otherIsService ? ctx.service(other.namespace(), other.name()) : Optional.empty();
            if (owner.isPresent() && lists(owner.get(), ip.toString())) {
                ctx.recordEvent(svc, Event.WARNING, "ClusterIPAlreadyAllocated", "Cluster IP [" + fam + "]:" + text
                        + " was assigned to multiple services; please recreate service", CONTROLLER_NAME);
                continue;
            }
            ctx.recordEvent(svc, Event.WARNING, "ClusterIPNotAllocated", "the ClusterIP [" + fam + "]: " + text
                    + " for Service " + svc.namespace() + "/" + svc.name() + " has a wrong reference; repairing",
                    CONTROLLER_NAME);
            ctx.deleteIpAddress(held.get().name());
            ctx.createIpAddress(newIpAddress(ip, me));
        }
    }

    /** IPAddress to Service: an allocator-managed IPAddress must belong to a Service that lists it. */
    public static void syncIpAddress(RepairContext ctx, IpAddressObject ip) {
        if (!ip.managedByAllocator()) {
            return;
        }
        ParentReference ref = ip.parentRef();
        if (ref == null || (ref.group() != null && !ref.group().isEmpty()) || !"services".equals(ref.resource())) {
            ctx.recordEvent(ip, Event.WARNING, "IPAddressNotAllocated", "IPAddress: " + ip.name()
                    + " appears to have been modified, not referencing a Service " + ref + ": cleaning up",
                    CONTROLLER_NAME);
            ctx.deleteIpAddress(ip.name());
            return;
        }
        Optional<Service> svc = ctx.service(ref.namespace(), ref.name());
        if (svc.isEmpty()) {
            var created = ip.meta().creationTimestamp();
            if (created != null && ctx.now().isBefore(created.plus(LEAK_GRACE))) {
                ctx.recheckIpAddressAt(ip.name(), created.plus(LEAK_GRACE));
                return;
            }
            ctx.recordEvent(ip, Event.WARNING, "IPAddressNotAllocated", "IPAddress: " + ip.name() + " for Service "
                    + ref.namespace() + "/" + ref.name() + " appears to have leaked: cleaning up", CONTROLLER_NAME);
            ctx.deleteIpAddress(ip.name());
            return;
        }
        if (!lists(svc.get(), ip.name())) {
            ctx.recordEvent(ip, Event.WARNING, "IPAddressWrongReference", "IPAddress: " + ip.name() + " for Service "
                    + ref.namespace() + "/" + ref.name() + " has a wrong reference; cleaning up", CONTROLLER_NAME);
            ctx.deleteIpAddress(ip.name());
        }
    }

    static IpAddressObject newIpAddress(IpAddress ip, ParentReference parent) {
        ObjectMeta meta = ObjectMeta.named(ip.toString()).withLabels(IpAddressObject.allocatorLabels(family(ip)));
        return new IpAddressObject(meta, parent);
    }
}
