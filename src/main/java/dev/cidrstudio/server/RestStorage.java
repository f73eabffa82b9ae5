package dev.cidrstudio.server;

import dev.cidrstudio.app.PlanCommand;
import dev.cidrstudio.app.PlanSession;
import dev.cidrstudio.console.kubectl.JsonPatch;
import dev.cidrstudio.console.kubectl.TableColumns;
import dev.cidrstudio.io.manifest.Decoded;
import dev.cidrstudio.io.manifest.GoJson;
import dev.cidrstudio.io.manifest.ManifestDecoder;
import dev.cidrstudio.io.manifest.ManifestEncoder;
import dev.cidrstudio.io.manifest.ManifestException;
import dev.cidrstudio.io.manifest.Problem;
import dev.cidrstudio.io.manifest.Plain;
import dev.cidrstudio.io.yaml.YamlFormatException;
import dev.cidrstudio.io.yaml.YamlReader;
import dev.cidrstudio.model.api.KeptObject;
import dev.cidrstudio.model.api.KubeObject;
import dev.cidrstudio.model.cluster.ApiException;
import dev.cidrstudio.model.cluster.ApiServer;
import dev.cidrstudio.model.cluster.ClusterState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The REST verbs on the served resources, over the open plan: reads from its published snapshot, every write through
 * {@link PlanSession#submit} (one transaction, one undo step when the plan changed, nothing left when refused).
 */
final class RestStorage {

    /** One object as the served API sees it: where it lives, its labels, and its wire form. */
    record Item(String namespace, String name, Map<String, String> labels, Map<String, Object> json,
            KubeObject model) {
        String key() {
            return (namespace == null ? "" : namespace) + "/" + name;
        }
    }

    /** The body of a PATCH and how to read it. */
    enum PatchType {
        JSON("application/json-patch+json"), MERGE("application/merge-patch+json"),
        STRATEGIC("application/strategic-merge-patch+json");

        final String mediaType;

        PatchType(String mediaType) {
            this.mediaType = mediaType;
        }

        static Optional<PatchType> of(String contentType) {
            String base = contentType == null ? "" : contentType.split(";")[0].trim();
            for (PatchType t : values()) {
                if (t.mediaType.equals(base)) {
                    return Optional.of(t);
                }
            }
            return Optional.empty();
        }
    }

    private final PlanSession session;

    RestStorage(PlanSession session) {
        this.session = session;
    }

    // ---- reads ----

    Reply get(ServedResource r, String namespace, String name, TableRequest table) throws ApiException {
        ClusterState state = session.current();
        Item item = find(state, r, namespace, name).orElseThrow(() -> new ApiException(Statuses.notFound(r, name)));
        if (table != null) {
            return Reply.ok(table(r, List.of(item), state, table, null, null));
        }
        return Reply.ok(item.json());
    }

    Reply list(ServedResource r, String namespace, ListOptions options, TableRequest table) {
        ClusterState state = session.current();
        List<Item> all = items(state, r, namespace).stream()
                .filter(i -> options.matches(i.labels(), fields(i))).toList();
        List<Item> page = all;
        String next = null;
        long remaining = 0;
        if (options.start() != null) {
            page = page.stream().filter(i -> i.key().compareTo(options.start()) >= 0).toList();
        }
        if (options.limit() > 0 && page.size() > options.limit()) {
            next = ListOptions.continueAt(page.get((int) options.limit()).key());
            remaining = page.size() - options.limit();
            page = page.subList(0, (int) options.limit());
        }
        String rv = Long.toString(state.resourceVersionCounter());
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("resourceVersion", rv);
        if (next != null) {
            meta.put("continue", next);
            meta.put("remainingItemCount", remaining);
        }
        if (table != null) {
            return Reply.ok(table(r, page, state, table, next, remaining));
        }
        Map<String, Object> list = new LinkedHashMap<>();
        list.put("kind", r.kind() + "List");
        list.put("apiVersion", r.apiVersion());
        list.put("metadata", meta);
        list.put("items", page.stream().map(Item::json).toList());
        return Reply.ok(list);
    }

    /** What a watch sees of a state: the objects its namespace and selectors take, by key, in key order. */
    static Map<String, Item> selected(ClusterState state, ServedResource r, String namespace, ListOptions options) {
        Map<String, Item> out = new java.util.TreeMap<>();
        for (Item i : items(state, r, namespace)) {
            if (options.matches(i.labels(), fields(i))) {
                out.put(i.key(), i);
            }
        }
        return out;
    }

    /**
     * The object of one watch event: the object's wire form, or a Table of one row when the watch asked for tables
     * (with the column definitions on the first event only, as kube-apiserver sends them).
     */
    static Map<String, Object> watchObject(ServedResource r, Item item, ClusterState state, TableRequest table,
            boolean columns) {
        if (table == null) {
            return item.json();
        }
        Map<String, Object> t = table(r, List.of(item), state, table, null, null);
        if (!columns) {
            t.remove("columnDefinitions");
        }
        return t;
    }

    /** The values a field selector can name: every object's name and namespace, and an Event's own fields. */
    private static Map<String, String> fields(Item i) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("metadata.name", i.name());
        values.put("metadata.namespace", i.namespace() == null ? "" : i.namespace());
        if (i.model() instanceof dev.cidrstudio.model.api.Event ev) {
            dev.cidrstudio.model.api.ObjectReference ref = ev.involvedObject();
            values.put("involvedObject.kind", ref == null || ref.kind() == null ? "" : ref.kind());
            values.put("involvedObject.namespace", ref == null || ref.namespace() == null ? "" : ref.namespace());
            values.put("involvedObject.name", ref == null || ref.name() == null ? "" : ref.name());
            values.put("involvedObject.uid", ref == null || ref.uid() == null ? "" : ref.uid());
            values.put("involvedObject.apiVersion", ref == null || ref.apiVersion() == null ? "" : ref.apiVersion());
            values.put("reason", ev.reason() == null ? "" : ev.reason());
            values.put("source", ev.sourceComponent() == null ? "" : ev.sourceComponent());
            values.put("type", ev.type() == null ? "" : ev.type());
        }
        return values;
    }

    private static Optional<Item> find(ClusterState state, ServedResource r, String namespace, String name) {
        if (r.modelled()) {
            return state.<KubeObject>get(r.model(), r.namespaced() ? namespace : null, name).map(RestStorage::item);
        }
        return items(state, r, namespace).stream().filter(i -> i.name().equals(name)).findFirst();
    }

    private static List<Item> items(ClusterState state, ServedResource r, String namespace) {
        List<Item> out = new ArrayList<>();
        if (r.modelled()) {
            for (KubeObject o : state.<KubeObject>list(r.model(), r.namespaced() ? namespace : null)) {
                out.add(item(o));
            }
            return out;
        }
        for (KeptObject k : state.kept()) {
            if (k.apiVersion().equals(r.apiVersion()) && k.kind().equals(r.kind())
                    && (!r.namespaced() || namespace == null || namespace.equals(k.namespace()))) {
                out.add(new Item(r.namespaced() ? k.namespace() : null, k.name(), labels(k.content()), k.content(),
                        null));
            }
        }
        out.sort((a, b) -> a.key().compareTo(b.key()));
        return out;
    }

    private static Item item(KubeObject o) {
        return new Item(o.namespace(), o.name(), o.meta().labels(), ManifestEncoder.encode(o), o);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> labels(Map<String, Object> content) {
        Object meta = content.get("metadata");
        if (meta instanceof Map<?, ?> m && m.get("labels") instanceof Map<?, ?> l) {
            Map<String, String> out = new LinkedHashMap<>();
            ((Map<String, Object>) l).forEach((k, v) -> out.put(k, String.valueOf(v)));
            return out;
        }
        return Map.of();
    }

    // ---- tables ----

    /** What a request asked of a Table: the object in each row as metadata (the default), whole, or not at all. */
    enum TableRequest { NONE, METADATA, OBJECT }

    private static Map<String, Object> table(ServedResource r, List<Item> items, ClusterState state,
            TableRequest include, String next, Long remaining) {
        Instant now = state.now();
        List<Object> columns = new ArrayList<>();
        List<Object> rows = new ArrayList<>();
        if (r.modelled()) {
            for (TableColumns.Column c : TableColumns.of(r.model())) {
                columns.add(column(c.name(), c.type(), c.format(), c.description(), c.priority()));
            }
        } else {
            columns.add(column("Name", "string", "name", "Name of the resource", 0));
            columns.add(column("Age", "string", "", "Time since the resource was created", 0));
        }
        for (Item i : items) {
            List<Object> cells = i.model() != null ? TableColumns.cells(i.model(), now) : List.of(i.name(),
                    age(i.json(), now));
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("cells", cells);
            switch (include) {
                case OBJECT -> row.put("object", i.json());
                case METADATA -> {
                    Map<String, Object> partial = new LinkedHashMap<>();
                    partial.put("kind", "PartialObjectMetadata");
                    partial.put("apiVersion", "meta.k8s.io/v1");
                    partial.put("metadata", i.json().getOrDefault("metadata", Map.of()));
                    row.put("object", partial);
                }
                case NONE -> { }
            }
            rows.add(row);
        }
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("resourceVersion", Long.toString(state.resourceVersionCounter()));
        if (next != null) {
            meta.put("continue", next);
            meta.put("remainingItemCount", remaining);
        }
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("kind", "Table");
        t.put("apiVersion", "meta.k8s.io/v1");
        t.put("metadata", meta);
        t.put("columnDefinitions", columns);
        t.put("rows", rows);
        return t;
    }

    private static Map<String, Object> column(String name, String type, String format, String description,
            int priority) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("type", type);
        m.put("format", format);
        m.put("description", description);
        m.put("priority", priority);
        return m;
    }

    private static String age(Map<String, Object> json, Instant now) {
        Object meta = json.get("metadata");
        Object created = meta instanceof Map<?, ?> m ? m.get("creationTimestamp") : null;
        if (created == null) {
            return "<unknown>";
        }
        try {
            return dev.cidrstudio.console.kubectl.TableColumns.humanDuration(
                    Duration.between(Instant.parse(String.valueOf(created)), now));
        } catch (java.time.format.DateTimeParseException e) {
            return "<unknown>";
        }
    }

    // ---- writes ----

    Reply create(ServedResource r, String namespace, String body, ApiServer.DryRun dryRun) throws ApiException {
        requireModelled(r, "create");
        KubeObject given = decode(r, body, namespace);
        if (given.name() == null || given.name().isEmpty()) {
            // generateName is not modelled: the name is required.
            throw new ApiException(Statuses.badRequest("name or generateName is required"));
        }
        KubeObject[] result = new KubeObject[1];
        PlanSession.Outcome outcome = submit("Create " + r.kind() + " " + describe(given.namespace(), given.name()),
                api -> result[0] = api.create(given, dryRun));
        return Reply.of(201, ManifestEncoder.encode(result[0]), outcome.warnings());
    }

    Reply update(ServedResource r, String namespace, String name, String body, ApiServer.DryRun dryRun)
            throws ApiException {
        requireModelled(r, "update");
        KubeObject given = decode(r, body, namespace);
        if (!name.equals(given.name())) {
            throw new ApiException(Statuses.badRequest("the name of the object (" + given.name()
                    + ") does not match the name on the URL (" + name + ")"));
        }
        KubeObject[] result = new KubeObject[1];
        PlanSession.Outcome outcome = submit("Update " + r.kind() + " " + describe(given.namespace(), name), api -> {
            KubeObject current = api.get(r.model(), given.namespace(), name);
            requireVersion(r, name, given.meta().resourceVersion(), current);
            result[0] = api.update(given, dryRun);
        });
        return Reply.of(200, ManifestEncoder.encode(result[0]), outcome.warnings());
    }

    Reply patch(ServedResource r, String namespace, String name, PatchType type, String body, ApiServer.DryRun dryRun)
            throws ApiException {
        requireModelled(r, "patch");
        Object patch = parsePatch(body);
        KubeObject[] result = new KubeObject[1];
        PlanSession.Outcome outcome = submit("Patch " + r.kind() + " " + describe(namespace, name), api -> {
            KubeObject current = api.get(r.model(), r.namespaced() ? namespace : null, name);
            Map<String, Object> before = ManifestEncoder.encode(current);
            Map<String, Object> after;
            try {
                after = switch (type) {
                    case JSON -> JsonPatch.apply(before, patch);
                    case MERGE -> JsonPatch.mergePatch(before, patch);
                    case STRATEGIC -> JsonPatch.strategicMergePatch(before, patch);
                };
            } catch (JsonPatch.PatchException e) {
                throw new ApiException(new dev.cidrstudio.model.cluster.Status(422, dev.cidrstudio.model.cluster
                        .Status.INVALID, e.getMessage(), r.plural(), r.group(), name, List.of()));
            }
            KubeObject patched = decode(r, GoJson.compact(after), current.namespace());
            if (!name.equals(patched.name())) {
                throw new ApiException(Statuses.badRequest("the name of the object (" + patched.name()
                        + ") does not match the name on the URL (" + name + ")"));
            }
            requireVersion(r, name, patched.meta().resourceVersion(), current);
            result[0] = before.equals(after) ? current : api.update(patched, dryRun);
        });
        return Reply.of(200, ManifestEncoder.encode(result[0]), outcome.warnings());
    }

    Reply delete(ServedResource r, String namespace, String name, String body, ApiServer.DryRun dryRun)
            throws ApiException {
        requireModelled(r, "delete");
        Map<String, Object> options = body == null || body.isBlank() ? Map.of() : asMap(parseJson(body));
        ApiServer.DryRun effective = dryRun;
        if (options.get("dryRun") instanceof List<?> l && l.contains("All")) {
            effective = ApiServer.DryRun.ALL;
        }
        Map<String, Object> preconditions = options.get("preconditions") instanceof Map<?, ?> m ? asMap(m) : Map.of();
        ApiServer.DryRun run = effective;
        KubeObject[] result = new KubeObject[1];
        boolean[] gone = new boolean[1];
        PlanSession.Outcome outcome = submit("Delete " + r.kind() + " " + describe(namespace, name), api -> {
            KubeObject current = api.get(r.model(), r.namespaced() ? namespace : null, name);
            Object uid = preconditions.get("uid");
            if (uid != null && !Objects.equals(uid, current.meta().uid())) {
                throw new ApiException(Statuses.conflict(r, name, "Precondition failed: UID in precondition: " + uid
                        + ", UID in object meta: " + current.meta().uid()));
            }
            Object rv = preconditions.get("resourceVersion");
            if (rv != null && !Objects.equals(rv, current.meta().resourceVersion())) {
                throw new ApiException(Statuses.conflict(r, name, "Precondition failed: ResourceVersion in "
                        + "precondition: " + rv + ", ResourceVersion in object meta: "
                        + current.meta().resourceVersion()));
            }
            result[0] = api.delete(r.model(), current.namespace(), name, run);
            gone[0] = run == ApiServer.DryRun.ALL ? result[0].meta().finalizers().isEmpty()
                    : api.find(r.model(), current.namespace(), name).isEmpty();
        });
        if (gone[0]) {
            return Reply.of(200, Statuses.success(r, name, result[0].meta().uid()), outcome.warnings());
        }
        return Reply.of(200, ManifestEncoder.encode(result[0]), outcome.warnings());
    }

    private PlanSession.Outcome submit(String description, PlanSession.Change work) throws ApiException {
        return session.submit(PlanCommand.of(description + " (kubectl)", work));
    }

    private static void requireVersion(ServedResource r, String name, String given, KubeObject current)
            throws ApiException {
        if (given != null && !given.isEmpty() && !given.equals(current.meta().resourceVersion())) {
            throw new ApiException(Statuses.conflict(r, name, Statuses.OBJECT_MODIFIED));
        }
    }

    private static void requireModelled(ServedResource r, String verb) throws ApiException {
        if (!r.modelled()) {
            throw new ApiException(Statuses.methodNotAllowed(verb, r));
        }
    }

    private static String describe(String namespace, String name) {
        return namespace == null || namespace.isEmpty() ? name : namespace + "/" + name;
    }

    /** The request body as one object of the resource's kind, in the URL's namespace. */
    private static KubeObject decode(ServedResource r, String body, String namespace) throws ApiException {
        if (body == null || body.isBlank()) {
            throw new ApiException(Statuses.badRequest("Object 'Kind' is missing in '" + (body == null ? "" : body)
                    + "'"));
        }
        List<Decoded> docs;
        try {
            docs = ManifestDecoder.decodeAll("request body", body);
        } catch (ManifestException e) {
            throw new ApiException(Statuses.badRequest(e.problems().stream().map(Problem::kubeMessage)
                    .collect(Collectors.joining("; "))));
        }
        if (docs.size() != 1 || !(docs.get(0) instanceof Decoded.Object o) || o.object().kind() != r.model()) {
            String what = docs.size() == 1 ? describeDoc(docs.get(0)) : docs.size() + " objects";
            throw new ApiException(Statuses.badRequest(what + " cannot be handled as a " + r.kind()));
        }
        KubeObject obj = o.object();
        if (r.namespaced()) {
            String given = obj.namespace();
            if (given != null && !given.isEmpty() && !given.equals(namespace)) {
                throw new ApiException(Statuses.badRequest("the namespace of the provided object does not match "
                        + "the namespace sent on the request"));
            }
            obj = obj.withMeta(obj.meta().withNamespace(namespace));
        }
        return obj;
    }

    private static String describeDoc(Decoded d) {
        if (d instanceof Decoded.Object o) {
            return o.object().kind().kindName() + " in version \"" + o.object().kind().apiVersion() + "\"";
        }
        if (d instanceof Decoded.Other o) {
            return o.kind() + " in version \"" + o.apiVersion() + "\"";
        }
        return "a Cluster document";
    }

    private static Object parsePatch(String body) throws ApiException {
        if (body == null || body.isBlank()) {
            throw new ApiException(Statuses.badRequest("the body of the request was empty"));
        }
        return parseJson(body);
    }

    private static Object parseJson(String body) throws ApiException {
        try {
            List<YamlReader.Document> docs = new YamlReader().read("request body", body);
            if (docs.size() != 1) {
                throw new ApiException(Statuses.badRequest("the request body must hold one JSON document"));
            }
            return Plain.toPlain(docs.get(0).root());
        } catch (YamlFormatException e) {
            throw new ApiException(Statuses.badRequest("error decoding the request body: " + e.getMessage()));
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object o) throws ApiException {
        if (o instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        throw new ApiException(Statuses.badRequest("the request body must be a JSON object"));
    }
}
