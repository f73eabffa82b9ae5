package dev.cidrstudio.io.manifest;

import dev.cidrstudio.io.yaml.GoTime;
import dev.cidrstudio.io.yaml.PNode;
import dev.cidrstudio.io.yaml.PNode.PList;
import dev.cidrstudio.io.yaml.PNode.PMap;
import dev.cidrstudio.io.yaml.PNode.PScalar;
import dev.cidrstudio.io.yaml.YamlFormatException;
import dev.cidrstudio.io.yaml.YamlReader;
import dev.cidrstudio.model.api.Condition;
import dev.cidrstudio.model.api.Event;
import dev.cidrstudio.model.api.IpAddressObject;
import dev.cidrstudio.model.api.Kind;
import dev.cidrstudio.model.api.KubeObject;
import dev.cidrstudio.model.api.Namespace;
import dev.cidrstudio.model.api.ObjectMeta;
import dev.cidrstudio.model.api.ObjectReference;
import dev.cidrstudio.model.api.ParentReference;
import dev.cidrstudio.model.api.Service;
import dev.cidrstudio.model.api.ServiceCidr;
import dev.cidrstudio.model.api.ServicePort;
import dev.cidrstudio.model.api.ServiceSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns positioned YAML/JSON documents into model objects, strictly: unknown fields and wrong types are problems
 * with file, line, column and field path, plus the text kube-apiserver would answer. {@code kind: List} and
 * {@code *List} documents (what {@code kubectl get -o yaml} writes) are unpacked.
 */
public final class ManifestDecoder {

    static final Set<String> META_FIELDS = Set.of("name", "generateName", "namespace", "selfLink", "uid",
            "resourceVersion", "generation", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds",
            "labels", "annotations", "ownerReferences", "finalizers", "managedFields");
    static final Set<String> SERVICE_SPEC_FIELDS = Set.of("allocateLoadBalancerNodePorts", "clusterIP", "clusterIPs",
            "externalIPs", "externalName", "externalTrafficPolicy", "healthCheckNodePort", "internalTrafficPolicy",
            "ipFamilies", "ipFamilyPolicy", "loadBalancerClass", "loadBalancerIP", "loadBalancerSourceRanges",
            "ports", "publishNotReadyAddresses", "selector", "sessionAffinity", "sessionAffinityConfig",
            "trafficDistribution", "type");
    /** Service spec fields that are kept and written back but play no part in IP allocation. */
    static final Set<String> SERVICE_SPEC_PASSTHROUGH = Set.of("healthCheckNodePort", "loadBalancerClass",
            "loadBalancerSourceRanges", "publishNotReadyAddresses", "sessionAffinityConfig", "trafficDistribution");
    static final Set<String> PORT_FIELDS = Set.of("appProtocol", "name", "nodePort", "port", "protocol",
            "targetPort");

    private ManifestDecoder() {
    }

    /** Reads every document of a file. Problems of all documents are reported together. */
    public static List<Decoded> decodeAll(String source, String text) throws ManifestException {
        List<YamlReader.Document> docs;
        try {
            docs = new YamlReader().read(source, text);
        } catch (YamlFormatException e) {
            throw new ManifestException(new Problem(source, e.mark(), "", e.problem(), kubectlWords(e)));
        }
        List<Decoded> out = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        for (YamlReader.Document d : docs) {
            try {
                out.addAll(decode(source, d.root()));
            } catch (ManifestException e) {
                problems.addAll(e.problems());
            }
        }
        if (!problems.isEmpty()) {
            throw new ManifestException(problems);
        }
        return out;
    }

    /**
     * What kubectl says of a file it cannot turn into JSON: go-yaml's scanner and parser errors name a line, the
     * errors of its resolver ({@code failf}: a tag the text contradicts, bad {@code !!binary}) do not, and Go's JSON
     * encoder refuses NaN and infinities in its own words.
     */
    static String kubectlWords(YamlFormatException e) {
        String problem = e.problem();
        if (problem.startsWith("malformed JSON: ")) {
            return "json: offset " + e.offset() + ": " + problem.substring("malformed JSON: ".length());
        }
        if (problem.startsWith("cannot decode !!") || problem.equals("!!binary value contains invalid base64 data")) {
            return "error converting YAML to JSON: yaml: " + problem;
        }
        if (problem.startsWith("json: unsupported value: ")) {
            return "error converting YAML to JSON: " + problem.replace(" (JSON has no NaN or infinity)", "");
        }
        return "error converting YAML to JSON: yaml: line " + e.mark().line() + ": "
                + problem.replaceFirst("^malformed YAML: ", "");
    }

    /** Decodes one document; a List yields its items. */
    public static List<Decoded> decode(String source, PNode root) throws ManifestException {
        if (!(root instanceof PMap doc)) {
            throw new ManifestException(new Problem(source, root.mark(), "", "a manifest must be a mapping with "
                    + "apiVersion and kind, not " + PNode.goTypeName(root),
                    "error unmarshaling JSON: json: cannot unmarshal " + PNode.goTypeName(root)
                            + " into Go value of type map[string]interface {}"));
        }
        List<Problem> problems = new ArrayList<>();
        String kind = typeString(source, doc, "kind", null, problems);
        String apiVersion = typeString(source, doc, "apiVersion", kind, problems);
        if (!problems.isEmpty()) {
            throw new ManifestException(problems);
        }
        if (kind == null || kind.isEmpty()) {
            problems.add(new Problem(source, doc.mark(), "kind", "missing kind",
                    "error validating data: kind not set"));
        }
        if (apiVersion == null || apiVersion.isEmpty()) {
            problems.add(new Problem(source, doc.mark(), "apiVersion", "missing apiVersion",
                    "error validating data: apiVersion not set"));
        }
        if (!problems.isEmpty()) {
            throw new ManifestException(problems);
        }
        if (kind.endsWith("List") && doc.get("items") != null) {
            return decodeList(source, doc);
        }
        if (ClusterDocuments.KIND.equals(kind) && apiVersion.startsWith(ClusterDocuments.GROUP + "/")) {
            return List.of(ClusterDocuments.decode(source, doc, apiVersion));
        }
        Kind k = Kind.fromKindName(apiVersion, kind);
        if (k == null || k == Kind.EVENT) {
            checkGoTypes(source, doc, apiVersion, kind);
        }
        if (k == null) {
            PMap meta = doc.get("metadata") instanceof PMap m ? m : null;
            return List.of(new Decoded.Other(apiVersion, kind, meta == null ? null : scalar(meta, "namespace"),
                    meta == null ? null : scalar(meta, "name"), doc, source, doc.mark()));
        }
        return List.of(new Decoded.Object(decodeObject(source, doc, k), doc, source, doc.mark()));
    }

    /**
     * A kept kind that Kubernetes knows is decoded into its Go type, as kube-apiserver decodes it: a wrong JSON type
     * or an unknown field is refused in its words. Kinds no release knows stay untyped.
     */
    private static void checkGoTypes(String source, PMap doc, String apiVersion, String kind) throws ManifestException {
        GoTypes.Struct type = GoTypes.kind(apiVersion, kind);
        if (type != null) {
            List<Problem> problems = GoTypeCheck.check(source, doc, type, kind,
                    apiVersion.substring(apiVersion.indexOf('/') + 1), null);
            if (!problems.isEmpty()) {
                throw new ManifestException(problems);
            }
        }
    }

    /**
     * The fields of a kept document that {@code release} ("1.33") does not have yet: a later release added them, and
     * that release's kube-apiserver refuses them as unknown (the decoder accepts every release's fields).
     */
    public static List<Problem> unknownInRelease(Decoded.Other d, String release) {
        GoTypes.Struct type = d.raw() == null ? null : GoTypes.kind(d.apiVersion(), d.kind());
        if (type == null) {
            return List.of();
        }
        return GoTypeCheck.check(d.source(), d.raw(), type, d.kind(),
                d.apiVersion().substring(d.apiVersion().indexOf('/') + 1), release);
    }

    private static List<Decoded> decodeList(String source, PMap doc) throws ManifestException {
        PNode items = doc.get("items");
        List<Decoded> out = new ArrayList<>();
        if (Fields.absent(items)) {
            return out;
        }
        if (!(items instanceof PList list)) {
            throw new ManifestException(new Problem(source, items.mark(), "items", "expected a list",
                    "json: cannot unmarshal " + PNode.goTypeName(items) + " into Go value of type []interface {}"));
        }
        // A big dump's items are decoded in chunks on every core (decoding is pure), then joined in order.
        List<PNode> all = list.items();
        int chunks = all.size() < PARALLEL_ITEMS ? 1 : Math.min(64, Runtime.getRuntime().availableProcessors() * 4);
        int per = (all.size() + chunks - 1) / chunks;
        List<Chunk> done = java.util.stream.IntStream.range(0, chunks).parallel()
                .mapToObj(c -> decodeItems(source, all, c * per, Math.min(all.size(), (c + 1) * per))).toList();
        List<Problem> problems = new ArrayList<>();
        for (Chunk c : done) {
            out.addAll(c.decoded());
            problems.addAll(c.problems());
        }
        if (!problems.isEmpty()) {
            throw new ManifestException(problems);
        }
        return out;
    }

    /** Lists of at least this many items are decoded in parallel. */
    private static final int PARALLEL_ITEMS = 2048;

    /** The decoded objects and the problems of a run of list items. */
    private record Chunk(List<Decoded> decoded, List<Problem> problems) {
    }

    private static Chunk decodeItems(String source, List<PNode> items, int from, int to) {
        List<Decoded> out = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        for (int i = from; i < to; i++) {
            try {
                out.addAll(decode(source, items.get(i)));
            } catch (ManifestException e) {
                for (Problem p : e.problems()) {
                    problems.add(new Problem(p.source(), p.mark(), "items[" + i + "]"
                            + (p.field() == null || p.field().isEmpty() ? "" : "." + p.field()), p.message(),
                            p.kubeMessage()));
                }
            }
        }
        return new Chunk(out, problems);
    }

    /**
     * {@code apiVersion} or {@code kind}, which must be strings: Go's unstructured reader finds no kind in
     * {@code kind: no} (YAML's false) and refuses the object as having none; a number for {@code apiVersion} leaves
     * it without a version, which no kind is served at. {@code kind} is the kind read already, for the message.
     */
    private static String typeString(String source, PMap doc, String key, String kind, List<Problem> problems) {
        PNode n = doc.get(key);
        if (n == null || n instanceof PScalar s && (s.isNull() || s.type() == PNode.ScalarType.STRING)) {
            return scalar(doc, key);
        }
        String got = PNode.goTypeName(n);
        String value = n instanceof PScalar s ? " (" + (s.value().length() > 40 ? s.value().substring(0, 40) + "..."
                : s.value()) + ")" : "";
        String kube = key.equals("kind") ? "Object 'Kind' is missing in '" + GoJson.compact(Plain.toPlain(doc)) + "'"
                : "no matches for kind \"" + (kind == null ? "" : kind) + "\" in version \"\"";
        problems.add(new Problem(source, n.mark(), key, key + " must be a string, not " + got + value + "; quote it",
                kube));
        return null;
    }

    static String scalar(PMap m, String key) {
        return m.get(key) instanceof PScalar s && !s.isNull() ? s.value() : null;
    }

    private static final java.util.Map<Kind, String> PREFIXES = new java.util.EnumMap<>(Kind.class);

    static {
        for (Kind k : Kind.values()) {
            String version = k.apiVersion().substring(k.apiVersion().indexOf('/') + 1);
            PREFIXES.put(k, k.kindName() + " in version \"" + version + "\" cannot be handled as a " + k.kindName()
                    + ": ");
        }
    }

    static String prefix(Kind k) {
        return PREFIXES.get(k);
    }

    /** Decodes one object of a known kind. */
    public static KubeObject decodeObject(String source, PMap doc, Kind k) throws ManifestException {
        Fields f = new Fields(source, prefix(k));
        Set<String> top = switch (k) {
            case EVENT -> Set.of("apiVersion", "kind", "metadata", "involvedObject", "reason", "message", "type",
                    "source", "firstTimestamp", "lastTimestamp", "count", "eventTime", "reportingComponent",
                    "reportingInstance", "action", "related", "series");
            default -> Set.of("apiVersion", "kind", "metadata", "spec", "status");
        };
        f.knownKeys(doc, "", top);
        ObjectMeta meta = decodeMeta(f, doc);
        KubeObject obj = switch (k) {
            case NAMESPACE -> decodeNamespace(f, doc, meta);
            case SERVICE -> decodeService(f, doc, meta);
            case SERVICE_CIDR -> decodeServiceCidr(f, doc, meta);
            case IP_ADDRESS -> decodeIpAddress(f, doc, meta);
            case EVENT -> decodeEvent(f, doc, meta);
        };
        f.flushUnknown();
        if (!f.problems.isEmpty()) {
            throw new ManifestException(f.inGoOrder());
        }
        return obj;
    }

    private static Instant time(Fields f, PMap m, String key, String path) {
        String s = f.str(m, key, path, "ObjectMeta");
        if (s == null) {
            return null;
        }
        // metav1.Time reads RFC 3339 as Go's time.Parse does; its error stops Go's decoder.
        String error = GoTime.parseError(GoTime.RFC3339, s);
        if (error != null) {
            f.abort(m.get(key).mark(), Fields.join(path, key), "not an RFC 3339 time (" + GoTime.RFC3339 + "): "
                    + (s.length() > 40 ? s.substring(0, 40) + "..." : s), error);
            return null;
        }
        return GoTime.instant(GoTime.RFC3339, s);
    }

    private static ObjectMeta decodeMeta(Fields f, PMap doc) {
        PMap m = f.map(doc, "metadata", "", "ObjectMeta");
        if (m == null) {
            return ObjectMeta.named(null);
        }
        f.knownKeys(m, "metadata", META_FIELDS);
        String p = "metadata";
        Long generation = f.integer(m, "generation", p, "ObjectMeta", "int64");
        Long grace = f.integer(m, "deletionGracePeriodSeconds", p, "ObjectMeta", "int64");
        return new ObjectMeta(f.str(m, "name", p, "ObjectMeta"), f.str(m, "namespace", p, "ObjectMeta"),
                f.str(m, "uid", p, "ObjectMeta"), f.str(m, "resourceVersion", p, "ObjectMeta"),
                time(f, m, "creationTimestamp", p), time(f, m, "deletionTimestamp", p), grace,
                f.strMap(m, "labels", p, "ObjectMeta"), f.strMap(m, "annotations", p, "ObjectMeta"),
                f.strList(m, "finalizers", p, "ObjectMeta"), f.str(m, "generateName", p, "ObjectMeta"),
                generation == null ? 0 : generation);
    }

    private static Namespace decodeNamespace(Fields f, PMap doc, ObjectMeta meta) {
        PMap spec = f.map(doc, "spec", "", "Namespace");
        if (spec != null) {
            f.knownKeys(spec, "spec", Set.of("finalizers"));
        }
        PMap status = f.map(doc, "status", "", "Namespace");
        String phase = null;
        if (status != null) {
            f.knownKeys(status, "status", Set.of("phase", "conditions"));
            phase = f.str(status, "phase", "status", "NamespaceStatus");
        }
        return new Namespace(meta, phase);
    }

    private static ServiceCidr decodeServiceCidr(Fields f, PMap doc, ObjectMeta meta) {
        PMap spec = f.map(doc, "spec", "", "ServiceCIDR");
        List<String> cidrs = null;
        if (spec != null) {
            f.knownKeys(spec, "spec", Set.of("cidrs"));
            cidrs = f.strList(spec, "cidrs", "spec", "ServiceCIDRSpec");
        }
        List<Condition> conditions = new ArrayList<>();
        PMap status = f.map(doc, "status", "", "ServiceCIDR");
        if (status != null) {
            f.knownKeys(status, "status", Set.of("conditions"));
            PList list = f.list(status, "conditions", "status", "ServiceCIDRStatus", "[]v1.Condition");
            if (list != null) {
                for (int i = 0; i < list.items().size(); i++) {
                    String p = "status.conditions[" + i + "]";
                    if (!(list.items().get(i) instanceof PMap c)) {
                        f.problem(list.items().get(i).mark(), p, "expected a mapping", null);
                        continue;
                    }
                    f.knownKeys(c, p, Set.of("type", "status", "reason", "message", "lastTransitionTime",
                            "observedGeneration"));
                    Long og = f.integer(c, "observedGeneration", p, "Condition", "int64");
                    conditions.add(new Condition(f.str(c, "type", p, "Condition"), f.str(c, "status", p, "Condition"),
                            f.str(c, "reason", p, "Condition"), f.str(c, "message", p, "Condition"),
                            time(f, c, "lastTransitionTime", p), og));
                }
            }
        }
        return new ServiceCidr(meta, cidrs, conditions);
    }

    private static IpAddressObject decodeIpAddress(Fields f, PMap doc, ObjectMeta meta) {
        PMap spec = f.map(doc, "spec", "", "IPAddress");
        ParentReference ref = null;
        if (spec != null) {
            f.knownKeys(spec, "spec", Set.of("parentRef"));
            PMap r = f.map(spec, "parentRef", "spec", "IPAddressSpec");
            if (r != null) {
                String p = "spec.parentRef";
                f.knownKeys(r, p, Set.of("group", "resource", "namespace", "name"));
                ref = new ParentReference(nz(f.str(r, "group", p, "ParentReference")),
                        nz(f.str(r, "resource", p, "ParentReference")),
                        nz(f.str(r, "namespace", p, "ParentReference")), nz(f.str(r, "name", p, "ParentReference")));
            }
        }
        PMap status = f.map(doc, "status", "", "IPAddress");
        if (status != null) {
            f.knownKeys(status, "status", Set.of());
        }
        return new IpAddressObject(meta, ref);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static Service decodeService(Fields f, PMap doc, ObjectMeta meta) {
        PMap spec = f.map(doc, "spec", "", "Service");
        ServiceSpec s = ServiceSpec.empty();
        if (spec != null) {
            String p = "spec";
            f.knownKeys(spec, p, SERVICE_SPEC_FIELDS);
            List<ServicePort> ports = null;
            PList pl = f.list(spec, "ports", p, "ServiceSpec", "[]v1.ServicePort");
            if (pl != null) {
                ports = new ArrayList<>();
                for (int i = 0; i < pl.items().size(); i++) {
                    String pp = "spec.ports[" + i + "]";
                    if (!(pl.items().get(i) instanceof PMap pm)) {
                        f.problem(pl.items().get(i).mark(), pp, "expected a mapping", null);
                        continue;
                    }
                    ports.add(decodePort(f, pm, pp));
                }
            }
            Map<String, java.lang.Object> other = new LinkedHashMap<>();
            for (String key : SERVICE_SPEC_PASSTHROUGH) {
                PNode n = spec.get(key);
                if (!Fields.absent(n)) {
                    other.put(key, Plain.toPlain(n));
                }
            }
            Long hc = f.integer(spec, "healthCheckNodePort", p, "ServiceSpec", "int32");
            if (hc != null) {
                other.put("healthCheckNodePort", hc);
            }
            s = new ServiceSpec(f.str(spec, "type", p, "ServiceSpec"), f.str(spec, "clusterIP", p, "ServiceSpec"),
                    f.strList(spec, "clusterIPs", p, "ServiceSpec"), f.strList(spec, "ipFamilies", p, "ServiceSpec"),
                    f.str(spec, "ipFamilyPolicy", p, "ServiceSpec"), ports, f.strMap(spec, "selector", p, "ServiceSpec"),
                    f.str(spec, "externalName", p, "ServiceSpec"), f.strList(spec, "externalIPs", p, "ServiceSpec"),
                    f.str(spec, "sessionAffinity", p, "ServiceSpec"),
                    f.str(spec, "internalTrafficPolicy", p, "ServiceSpec"),
                    f.str(spec, "externalTrafficPolicy", p, "ServiceSpec"),
                    f.bool(spec, "allocateLoadBalancerNodePorts", p, "ServiceSpec"),
                    f.str(spec, "loadBalancerIP", p, "ServiceSpec"), other);
        }
        List<Service.LoadBalancerIngress> ingress = new ArrayList<>();
        PMap status = f.map(doc, "status", "", "Service");
        if (status != null) {
            f.knownKeys(status, "status", Set.of("loadBalancer", "conditions"));
            PMap lb = f.map(status, "loadBalancer", "status", "ServiceStatus");
            if (lb != null) {
                f.knownKeys(lb, "status.loadBalancer", Set.of("ingress"));
                PList il = f.list(lb, "ingress", "status.loadBalancer", "LoadBalancerStatus",
                        "[]v1.LoadBalancerIngress");
                if (il != null) {
                    for (int i = 0; i < il.items().size(); i++) {
                        String ip = "status.loadBalancer.ingress[" + i + "]";
                        if (il.items().get(i) instanceof PMap im) {
                            f.knownKeys(im, ip, Set.of("ip", "hostname", "ipMode", "ports"));
                            ingress.add(new Service.LoadBalancerIngress(f.str(im, "ip", ip, "LoadBalancerIngress"),
                                    f.str(im, "hostname", ip, "LoadBalancerIngress")));
                        }
                    }
                }
            }
        }
        return new Service(meta, s, ingress);
    }

    private static ServicePort decodePort(Fields f, PMap pm, String pp) {
        f.knownKeys(pm, pp, PORT_FIELDS);
        Long port = f.integer(pm, "port", pp, "ServicePort", "int32");
        Long nodePort = f.integer(pm, "nodePort", pp, "ServicePort", "int32");
        String targetPort = null;
        boolean isNumber = true;
        PNode tp = pm.get("targetPort");
        if (tp instanceof PScalar ts && !ts.isNull()) {
            String number = GoNumbers.jsonNumber(ts);
            if (ts.type() == PNode.ScalarType.STRING) {
                targetPort = ts.value();
                isNumber = false;
            } else if (number != null && GoNumbers.fit(number, "int32") != null) {
                targetPort = number;
            } else if (number != null) {
                // IntOrString reads a number into its int32: Go's decoder names that type.
                f.numberError(ts.mark(), pp + ".targetPort", number, "ServicePort", "int32");
                f.abortsDecoding(pp + ".targetPort");
            } else {
                targetPortTypeError(f, tp, pp);
            }
        } else if (tp != null && !Fields.absent(tp)) {
            targetPortTypeError(f, tp, pp);
        }
        return new ServicePort(f.str(pm, "name", pp, "ServicePort"), f.str(pm, "protocol", pp, "ServicePort"),
                port == null ? 0 : port.intValue(), targetPort, isNumber,
                nodePort == null ? null : nodePort.intValue(), f.str(pm, "appProtocol", pp, "ServicePort"));
    }

    private static void targetPortTypeError(Fields f, PNode tp, String pp) {
        f.abort(tp.mark(), pp + ".targetPort", "expected a port number or name",
                "json: cannot unmarshal " + PNode.goTypeName(tp) + " into Go struct field ServicePort."
                        + pp.replaceAll("\\[\\d+\\]", "") + ".targetPort of type int32");
    }

    private static Event decodeEvent(Fields f, PMap doc, ObjectMeta meta) {
        PMap io = f.map(doc, "involvedObject", "", "Event");
        ObjectReference ref = null;
        if (io != null) {
            ref = new ObjectReference(f.str(io, "apiVersion", "involvedObject", "ObjectReference"),
                    f.str(io, "kind", "involvedObject", "ObjectReference"),
                    f.str(io, "namespace", "involvedObject", "ObjectReference"),
                    f.str(io, "name", "involvedObject", "ObjectReference"),
                    f.str(io, "uid", "involvedObject", "ObjectReference"));
        }
        PMap src = f.map(doc, "source", "", "Event");
        Long count = f.integer(doc, "count", "", "Event", "int32");
        return new Event(meta, ref, f.str(doc, "reason", "", "Event"), f.str(doc, "message", "", "Event"),
                f.str(doc, "type", "", "Event"), src == null ? null : f.str(src, "component", "source", "EventSource"),
                time(f, doc, "firstTimestamp", ""), time(f, doc, "lastTimestamp", ""),
                count == null ? 1 : count.intValue());
    }
}
