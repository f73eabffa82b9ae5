package dev.cidrstudio.console.kubectl;

import dev.cidrstudio.model.api.Kind;
import dev.cidrstudio.model.api.KubeObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The server-side printing of each kind, as kube-apiserver's printers define it ({@code metav1.TableColumnDefinition}):
 * the console's tables and the served {@code Table} responses both come from here, so they cannot drift apart. A
 * column of priority 1 is shown by {@code -o wide} only; kubectl prints a column's name in upper case.
 */
public final class TableColumns {

    /** {@code metav1.TableColumnDefinition}. */
    public record Column(String name, String type, String format, String description, int priority) {

        /** The header kubectl prints for it. */
        public String header() {
            return name.toUpperCase(Locale.ROOT);
        }
    }

    private static final String NAME_DOC = "Name must be unique within a namespace. Is required when creating "
            + "resources, although some resources may allow a client to request the generation of an appropriate "
            + "name automatically. Name is primarily intended for creation idempotence and configuration definition. "
            + "Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names";
    private static final String AGE_DOC = "CreationTimestamp is a timestamp representing the server time when this "
            + "object was created. It is not guaranteed to be set in happens-before order across separate operations. "
            + "Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the "
            + "system. Read-only. Null for lists. More info: "
            + "https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata";

    private TableColumns() {
    }

    private static Column name() {
        return new Column("Name", "string", "name", NAME_DOC, 0);
    }

    private static Column age() {
        return new Column("Age", "string", "", AGE_DOC, 0);
    }

    private static Column text(String name, String description, int priority) {
        return new Column(name, "string", "", description, priority);
    }

    /** The columns of a kind, in kube-apiserver's order, wide ones included. */
    public static List<Column> of(Kind kind) {
        return switch (kind) {
            case SERVICE -> List.of(name(), text("Type", "The type of the service.", 0),
                    text("Cluster-IP", "The IP address of the service.", 0),
                    text("External-IP", "The external IP address of the service.", 0),
                    text("Port(s)", "The ports of the service.", 0), age(),
                    text("Selector", "Route service traffic to pods with label keys and values matching this "
                            + "selector.", 1));
            case SERVICE_CIDR -> List.of(name(), text("CIDRs", "CIDRs defines the IP blocks in CIDR notation (e.g. "
                    + "\"192.168.0.0/24\" or \"2001:db8::/64\") from which to assign service cluster IPs. Max of "
                    + "two CIDRs is allowed, one of each IP family. This field is immutable.", 0), age());
            case IP_ADDRESS -> List.of(name(), text("ParentRef", "ParentRef references the resource that an "
                    + "IPAddress is attached to. An IPAddress must reference a parent object.", 0));
            case NAMESPACE -> List.of(name(), text("Status", "The status of the namespace", 0), age());
            case EVENT -> List.of(text("Last Seen", "The last time the event was seen", 0),
                    text("Type", "The type of the event", 0), text("Reason", "The reason of the event", 0),
                    text("Object", "The object this event is about", 0),
                    text("Subobject", "The subobject this event is about", 1),
                    text("Source", "The source of the event", 1), text("Message", "The message of the event", 0),
                    text("First Seen", "The first time the event was seen", 1),
                    new Column("Count", "integer", "", "The number of times the event was seen", 1),
                    new Column("Name", "string", "name", NAME_DOC, 1));
        };
    }

    /** One row's cells for every column of {@link #of}, as the server sends them; {@code now} ages objects. */
    public static List<Object> cells(KubeObject obj, Instant now) {
        List<String> text = Printers.row(obj, new Printers.TableOptions(false, true, false, false, false), now);
        List<Column> columns = of(obj.kind());
        List<Object> cells = new ArrayList<>(text.size());
        for (int i = 0; i < text.size(); i++) {
            cells.add("integer".equals(columns.get(i).type()) ? Long.valueOf(text.get(i)) : text.get(i));
        }
        return cells;
    }

    /** An age as kubectl and kube-apiserver print it ({@code duration.HumanDuration}): "5m", "3d2h". */
    public static String humanDuration(java.time.Duration d) {
        return HumanDuration.format(d);
    }
}
