package dev.cidrstudio.model.controller;

import dev.cidrstudio.model.allocator.MetaAllocator;
import dev.cidrstudio.model.api.Condition;
import dev.cidrstudio.model.api.IpAddressObject;
import dev.cidrstudio.model.api.ServiceCidr;
import dev.cidrstudio.model.net.Cidr;
import dev.cidrstudio.model.net.IpAddress;
import dev.cidrstudio.model.net.IpParsing;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * kube-controller-manager's {@code service-cidr-controller} ({@code servicecidrs_controller.go}): the finalizer,
 * the Ready condition, and {@code canDeleteCIDR} with its 10 s grace before a deletable ServiceCIDR goes.
 */
public final class ServiceCidrController {

    public static final String CONTROLLER_NAME = "service-cidr-controller";
    public static final Duration DELETION_GRACE_PERIOD = Duration.ofSeconds(10);
    public static final String READY_MESSAGE = "Kubernetes Service CIDR is ready";
    public static final String TERMINATING_MESSAGE = "There are still IPAddresses referencing the ServiceCIDR, "
            + "please remove them or create a new ServiceCIDR";
    public static final String EVENT_ERROR = "KubernetesServiceCIDRError";

    private ServiceCidrController() {
    }

    /** Reconciles one ServiceCIDR and returns the actions taken, in the words of the controller's tests. */
    public static List<String> sync(ControllerContext ctx, ServiceCidr sc) {
        List<String> actions = new ArrayList<>();
        if (!sc.meta().beingDeleted()) {
            if (!sc.meta().finalizers().contains(ServiceCidr.FINALIZER)) {
                List<String> f = new ArrayList<>(sc.meta().finalizers());
                f.add(ServiceCidr.FINALIZER);
                ctx.patchFinalizers(sc, f);
                actions.add("patch servicecidrs (add finalizer " + ServiceCidr.FINALIZER + ")");
            }
            if (setCondition(ctx, sc, "True", null, READY_MESSAGE)) {
                actions.add("patch servicecidrs/status (Ready=True, message '" + READY_MESSAGE + "')");
            }
            return actions;
        }
        if (!canDeleteCIDR(ctx.serviceCidrs(), sc, ctx::anyIpAddressIn)) {
            if (setCondition(ctx, sc, "False", ServiceCidr.REASON_TERMINATING, TERMINATING_MESSAGE)) {
                actions.add("patch servicecidrs/status");
            }
            return actions;
        }
        var due = sc.meta().deletionTimestamp().plus(DELETION_GRACE_PERIOD);
        if (ctx.now().isBefore(due)) {
            ctx.requeueAt(due);
            return actions;
        }
        if (sc.meta().finalizers().contains(ServiceCidr.FINALIZER)) {
            List<String> f = new ArrayList<>(sc.meta().finalizers());
            f.remove(ServiceCidr.FINALIZER);
            ctx.patchFinalizers(sc, f);
            actions.add("patch servicecidrs (remove finalizer)");
        }
        return actions;
    }

    /** Writes the Ready condition only when status, reason or message changed ({@code updateConditionIfNeeded}). */
    private static boolean setCondition(ControllerContext ctx, ServiceCidr sc, String status, String reason,
            String message) {
        Condition current = sc.condition(ServiceCidr.CONDITION_READY);
        if (current != null && current.status().equals(status) && Objects.equals(nz(current.reason()), nz(reason))
                && Objects.equals(current.message(), message)) {
            return false;
        }
        var when = current != null && current.status().equals(status) ? current.lastTransitionTime() : ctx.now();
        List<Condition> conditions = new ArrayList<>();
        for (Condition c : sc.conditions()) {
            if (!c.type().equals(ServiceCidr.CONDITION_READY)) {
                conditions.add(c);
            }
        }
        conditions.add(new Condition(ServiceCidr.CONDITION_READY, status, reason, message, when, null));
        ctx.updateStatus(sc, conditions);
        return true;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    /**
     * {@code canDeleteCIDR}: deletable when every prefix has another ServiceCIDR equal to or containing it, or when
     * no allocator-managed IPAddress would be left with {@code x} as its only containing ServiceCIDR.
     */
    public static boolean canDeleteCIDR(Collection<ServiceCidr> all, Collection<IpAddressObject> ips, ServiceCidr x) {
        return canDeleteCIDR(all, x, scan(ips));
    }

    /** A lookup that reads every IPAddress object and keeps those inside the prefix. */
    static AddressLookup scan(Collection<IpAddressObject> ips) {
        return (prefix, test) -> {
            for (IpAddressObject ip : ips) {
                Optional<IpAddress> addr = IpParsing.parseIpSloppy(ip.name());
                if (addr.isPresent() && prefix.contains(addr.get()) && test.test(ip)) {
                    return true;
                }
            }
            return false;
        };
    }

    /** Finds whether an IPAddress object in a prefix passes a test (the apiserver looks only inside the prefix). */
    @FunctionalInterface
    public interface AddressLookup {
        boolean any(Cidr prefix, java.util.function.Predicate<IpAddressObject> test);
    }

    /** {@link #canDeleteCIDR(Collection, Collection, ServiceCidr)} with the IPAddresses found through a lookup. */
    public static boolean canDeleteCIDR(Collection<ServiceCidr> all, ServiceCidr x, AddressLookup lookup) {
        List<Cidr> prefixes = prefixes(x);
        boolean hasParent = !prefixes.isEmpty();
        for (Cidr c : prefixes) {
            boolean found = false;
            for (ServiceCidr other : all) {
                if (other.name().equals(x.name())) {
                    continue;
                }
                for (Cidr p : prefixes(other)) {
                    if (p.overlaps(c) && p.prefixLength() <= c.prefixLength()) {
                        found = true;
                    }
                }
            }
            hasParent &= found;
        }
        if (hasParent) {
            return true;
        }
        List<ServiceCidr> withX = new ArrayList<>(all);
        if (withX.stream().noneMatch(s -> s.name().equals(x.name()))) {
            withX.add(x);
        }
        // An allocator-managed address whose only containing ServiceCIDR is x lies in one of x's prefixes (one per
        // family), so only the addresses inside each prefix are looked at.
        for (Cidr c : prefixes) {
            boolean held = lookup.any(c, ip -> {
                if (!ip.managedByAllocator()
                        || !c.family().name().equals(ip.meta().labels().get(IpAddressObject.LABEL_IP_FAMILY))) {
                    return false;
                }
                Optional<IpAddress> addr = IpParsing.parseIpSloppy(ip.name());
                if (addr.isEmpty()) {
                    return false;
                }
                List<String> owners = MetaAllocator.containingServiceCidrs(withX, addr.get());
                return owners.size() == 1 && owners.get(0).equals(x.name());
            });
            if (held) {
                return false;
            }
        }
        return true;
    }

    static List<Cidr> prefixes(ServiceCidr sc) {
        List<Cidr> out = new ArrayList<>();
        for (String s : sc.cidrsOrEmpty()) {
            IpParsing.parseCidrSloppy(s).ifPresent(w -> out.add(w.masked()));
        }
        return out;
    }
}
