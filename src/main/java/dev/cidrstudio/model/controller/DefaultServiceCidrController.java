package dev.cidrstudio.model.controller;

import dev.cidrstudio.model.api.Condition;
import dev.cidrstudio.model.api.Event;
import dev.cidrstudio.model.api.ObjectMeta;
import dev.cidrstudio.model.api.ServiceCidr;
import java.util.ArrayList;
import java.util.List;

/**
 * kube-apiserver's {@code kubernetes-service-cidr-controller} ({@code default_servicecidr_controller.go}), run by every
 * apiserver: creates the {@code kubernetes} ServiceCIDR from its flags, upgrades it single to dual-stack, and reports
 * flags that disagree with it, once per apiserver.
 */
public final class DefaultServiceCidrController {

    public static final String CONTROLLER_NAME = "kubernetes-service-cidr-controller";
    public static final String READY_MESSAGE = "Kubernetes default Service CIDR is ready";
    public static final String EVENT_INCONSISTENT = "KubernetesDefaultServiceCIDRInconsistent";
    public static final String EVENT_ERROR = "KubernetesDefaultServiceCIDRError";

    /** What one sync did, so the caller can remember that the inconsistency was reported. */
    public enum Outcome { CREATED, UPGRADED, INCONSISTENT, READY, UNCHANGED }

    private DefaultServiceCidrController() {
    }

    /** Go's {@code %v} of a string slice. */
    static String goList(List<String> l) {
        return "[" + String.join(" ", l) + "]";
    }

    public static Outcome sync(DefaultServiceCidrContext ctx, List<String> flagCidrs, boolean alreadyReported) {
        ServiceCidr sc = ctx.serviceCidrs().stream().filter(s -> s.name().equals(ServiceCidr.DEFAULT_NAME))
                .findFirst().orElse(null);
        if (sc == null) {
            ctx.createServiceCidr(new ServiceCidr(ObjectMeta.named(ServiceCidr.DEFAULT_NAME), flagCidrs, List.of()));
            return Outcome.CREATED;
        }
        if (sc.meta().beingDeleted()) {
            return Outcome.UNCHANGED;
        }
        List<String> current = sc.cidrsOrEmpty();
        if (flagCidrs.size() == 2 && current.size() == 1 && current.get(0).equals(flagCidrs.get(0))) {
            String err = ctx.updateServiceCidrSpec(sc, flagCidrs);
            if (err != null) {
                ctx.recordEvent(sc, Event.WARNING, EVENT_ERROR, "The default ServiceCIDR can not be upgraded from "
                        + current.get(0) + " to dual stack " + goList(flagCidrs) + " : " + err, CONTROLLER_NAME);
            }
            return Outcome.UPGRADED;
        }
        if (!current.equals(flagCidrs)) {
            if (!alreadyReported) {
                ctx.recordEvent(sc, Event.WARNING, EVENT_INCONSISTENT, "The default ServiceCIDR " + goList(current)
                        + " does not match the controller flag configurations " + goList(flagCidrs), CONTROLLER_NAME);
            }
            return Outcome.INCONSISTENT;
        }
        Condition ready = sc.condition(ServiceCidr.CONDITION_READY);
        if (ready == null || "Unknown".equals(ready.status())) {
            List<Condition> conditions = new ArrayList<>();
            for (Condition c : sc.conditions()) {
                if (!c.type().equals(ServiceCidr.CONDITION_READY)) {
                    conditions.add(c);
                }
            }
            conditions.add(new Condition(ServiceCidr.CONDITION_READY, "True", null, READY_MESSAGE, ctx.now(), null));
            ctx.updateStatus(sc, conditions);
            return Outcome.READY;
        }
        if ("False".equals(ready.status())) {
            ctx.recordEvent(sc, Event.NORMAL, ready.reason() == null ? "" : ready.reason(),
                    "Configuration matches, but " + ready.message(), CONTROLLER_NAME);
        }
        return Outcome.UNCHANGED;
    }
}
