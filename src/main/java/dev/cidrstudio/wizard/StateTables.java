package dev.cidrstudio.wizard;

import dev.cidrstudio.model.api.Condition;
import dev.cidrstudio.model.api.Kind;
import dev.cidrstudio.model.api.Service;
import dev.cidrstudio.model.api.ServiceCidr;
import dev.cidrstudio.model.cluster.ApiServerInstance;
import dev.cidrstudio.model.cluster.ClusterState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The simulated cluster after a step, as tables: its kube-apiservers and their flag, its ServiceCIDRs and its
 * Services, each row marked with what the step did to it ({@code +} created, {@code ~} changed, {@code -} deleted,
 * blank untouched). Deleted rows stay in the table, so a Service recreated in a new range reads as changed and one
 * that is gone is still there to see. Rows are computed from the two states alone (no per-address work), so a
 * 10,000-Service plan gives its tables in a few milliseconds.
 */
public record StateTables(List<ApiServerRow> apiServers, List<ServiceCidrRow> serviceCidrs,
        List<ServiceRow> services) {

    /** What happened to a row's object in the step: created, changed, deleted, or nothing. */
    public enum Change {
        CREATED("+"), CHANGED("~"), DELETED("-"), NONE("");

        private final String mark;

        Change(String mark) {
            this.mark = mark;
        }

        public String mark() {
            return mark;
        }
    }

    public StateTables {
        apiServers = List.copyOf(apiServers);
        serviceCidrs = List.copyOf(serviceCidrs);
        services = List.copyOf(services);
    }

    /** One kube-apiserver and its {@code --service-cluster-ip-range}. */
    public record ApiServerRow(Change change, String name, String flag) {
    }

    /** One ServiceCIDR: its ranges, its Ready condition and whether it is being deleted. */
    public record ServiceCidrRow(Change change, String name, String cidrs, String ready, String deletion) {
    }

    /** One Service: its type, cluster IPs and family policy. */
    public record ServiceRow(Change change, String namespace, String name, String type, String clusterIps,
            String ipFamilyPolicy) {
    }

    /** The tables of {@code state} with nothing marked: a cluster seen on its own. */
    public static StateTables of(ClusterState state) {
        return between(state, state);
    }

    /** The tables of {@code after}, each row marked with how it differs from {@code before}. */
    public static StateTables between(ClusterState before, ClusterState after) {
        List<ApiServerRow> apis = rows(index(before.apiServers(), ApiServerInstance::name),
                index(after.apiServers(), ApiServerInstance::name),
                (c, a) -> new ApiServerRow(c, a.name(), a.flags().text()), StateTables::sameFlag);
        List<ServiceCidrRow> cidrs = rows(index(before.<ServiceCidr>list(Kind.SERVICE_CIDR), ServiceCidr::name),
                index(after.<ServiceCidr>list(Kind.SERVICE_CIDR), ServiceCidr::name), StateTables::cidrRow,
                (a, b) -> StateDiff.serviceCidr(a).equals(StateDiff.serviceCidr(b)));
        List<ServiceRow> services = rows(index(before.<Service>list(Kind.SERVICE), StateTables::key),
                index(after.<Service>list(Kind.SERVICE), StateTables::key), StateTables::serviceRow,
                (a, b) -> StateDiff.service(a).equals(StateDiff.service(b))
                        && Objects.equals(a.spec().type(), b.spec().type()));
        return new StateTables(apis, cidrs, services);
    }

    /** How many rows of each table the step touched. */
    public long changedCount() {
        return apiServers.stream().filter(r -> r.change() != Change.NONE).count()
                + serviceCidrs.stream().filter(r -> r.change() != Change.NONE).count()
                + services.stream().filter(r -> r.change() != Change.NONE).count();
    }

    private static boolean sameFlag(ApiServerInstance a, ApiServerInstance b) {
        return a.flags().text().equals(b.flags().text());
    }

    private static String key(Service s) {
        return s.namespace() + "/" + s.name();
    }

    private static ServiceCidrRow cidrRow(Change c, ServiceCidr sc) {
        Condition ready = sc.condition(ServiceCidr.CONDITION_READY);
        String r = ready == null ? "" : ready.status()
                + (ready.reason() == null || ready.reason().isEmpty() ? "" : " (" + ready.reason() + ")");
        return new ServiceCidrRow(c, sc.name(), String.join(",", sc.cidrsOrEmpty()), r,
                sc.meta().beingDeleted() ? "Terminating" : "");
    }

    private static ServiceRow serviceRow(Change c, Service svc) {
        var spec = svc.spec();
        String ips = spec.isExternalName() ? spec.externalName()
                : spec.clusterIPsOrEmpty().isEmpty() ? "<none>" : String.join(",", spec.clusterIPsOrEmpty());
        return new ServiceRow(c, svc.namespace(), svc.name(), Objects.requireNonNullElse(spec.type(), "ClusterIP"),
                ips, Objects.requireNonNullElse(spec.ipFamilyPolicy(), ""));
    }

    private static <T> Map<String, T> index(List<T> items, Function<T, String> key) {
        Map<String, T> m = new LinkedHashMap<>();
        for (T t : items) {
            m.put(key.apply(t), t);
        }
        return m;
    }

    /** Builds a row. */
    @FunctionalInterface
    private interface RowMaker<T, R> {
        R make(Change change, T item);
    }

    /** Whether two versions of an object read the same in the tables. */
    @FunctionalInterface
    private interface Same<T> {
        boolean test(T before, T after);
    }

    /** The rows of {@code after} in its order, then what {@code before} had that is gone. */
    private static <T, R> List<R> rows(Map<String, T> before, Map<String, T> after, RowMaker<T, R> make,
            Same<T> same) {
        List<R> out = new ArrayList<>(after.size() + 4);
        after.forEach((k, now) -> {
            T was = before.get(k);
            Change c = was == null ? Change.CREATED : same.test(was, now) ? Change.NONE : Change.CHANGED;
            out.add(make.make(c, now));
        });
        before.forEach((k, was) -> {
            if (!after.containsKey(k)) {
                out.add(make.make(Change.DELETED, was));
            }
        });
        return out;
    }
}
