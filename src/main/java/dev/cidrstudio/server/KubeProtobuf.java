package dev.cidrstudio.server;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Kubernetes protobuf encoding ({@code application/vnd.kubernetes.protobuf}) of the bodies kubectl's typed clients
 * send ({@code kubectl create service}, {@code create namespace}): the {@code k8s\0} magic, a {@code runtime.Unknown}
 * envelope, and the object's message, read with protobuf-java into the object's JSON form. Field numbers are those
 * of {@code k8s.io/api/core/v1/generated.proto} and apimachinery's; what kube-apiserver would read as an omitted field
 * (gogo-protobuf writes empty strings and zeros of non-pointer fields) is left out, as JSON's {@code omitempty} does.
 */
final class KubeProtobuf {

    static final String MEDIA_TYPE = "application/vnd.kubernetes.protobuf";
    private static final byte[] MAGIC = {'k', '8', 's', 0};
    private static final long GO_ZERO_TIME = -62135596800L;

    private enum Type { STRING, INT32, INT64, BOOL, MESSAGE, STRING_MAP, INT_OR_STRING, TIME }

    /** One field of a message: its JSON name, type, whether it repeats, and whether a zero value is kept. */
    private record Field(String name, Type type, boolean repeated, boolean pointer, Map<Integer, Field> message) {
    }

    private static Field f(String name, Type type) {
        return new Field(name, type, false, false, null);
    }

    private static Field pointer(String name, Type type) {
        return new Field(name, type, false, true, null);
    }

    private static Field list(String name, Type type) {
        return new Field(name, type, true, false, null);
    }

    private static Field message(String name, Map<Integer, Field> fields) {
        return new Field(name, Type.MESSAGE, false, false, fields);
    }

    private static Field messages(String name, Map<Integer, Field> fields) {
        return new Field(name, Type.MESSAGE, true, false, fields);
    }

    /** meta/v1 ObjectMeta (owner references and managed fields are not read: kubectl's generators send none). */
    private static final Map<Integer, Field> OBJECT_META = Map.ofEntries(Map.entry(1, f("name", Type.STRING)),
            Map.entry(2, f("generateName", Type.STRING)), Map.entry(3, f("namespace", Type.STRING)),
            Map.entry(5, f("uid", Type.STRING)), Map.entry(6, f("resourceVersion", Type.STRING)),
            Map.entry(7, f("generation", Type.INT64)), Map.entry(8, f("creationTimestamp", Type.TIME)),
            Map.entry(9, f("deletionTimestamp", Type.TIME)),
            Map.entry(10, pointer("deletionGracePeriodSeconds", Type.INT64)),
            Map.entry(11, f("labels", Type.STRING_MAP)), Map.entry(12, f("annotations", Type.STRING_MAP)),
            Map.entry(14, list("finalizers", Type.STRING)));

    private static final Map<Integer, Field> SERVICE_PORT = Map.of(1, f("name", Type.STRING),
            2, f("protocol", Type.STRING), 6, pointer("appProtocol", Type.STRING), 3, f("port", Type.INT32),
            4, f("targetPort", Type.INT_OR_STRING), 5, f("nodePort", Type.INT32));

    private static final Map<Integer, Field> SESSION_AFFINITY_CONFIG = Map.of(1, message("clientIP",
            Map.of(1, pointer("timeoutSeconds", Type.INT32))));

    private static final Map<Integer, Field> SERVICE_SPEC = Map.ofEntries(Map.entry(1, messages("ports",
            SERVICE_PORT)), Map.entry(2, f("selector", Type.STRING_MAP)), Map.entry(3, f("clusterIP", Type.STRING)),
            Map.entry(18, list("clusterIPs", Type.STRING)), Map.entry(4, f("type", Type.STRING)),
            Map.entry(5, list("externalIPs", Type.STRING)), Map.entry(7, f("sessionAffinity", Type.STRING)),
            Map.entry(8, f("loadBalancerIP", Type.STRING)),
            Map.entry(9, list("loadBalancerSourceRanges", Type.STRING)),
            Map.entry(10, f("externalName", Type.STRING)), Map.entry(11, f("externalTrafficPolicy", Type.STRING)),
            Map.entry(12, f("healthCheckNodePort", Type.INT32)),
            Map.entry(13, f("publishNotReadyAddresses", Type.BOOL)),
            Map.entry(14, message("sessionAffinityConfig", SESSION_AFFINITY_CONFIG)),
            Map.entry(19, list("ipFamilies", Type.STRING)), Map.entry(17, pointer("ipFamilyPolicy", Type.STRING)),
            Map.entry(20, pointer("allocateLoadBalancerNodePorts", Type.BOOL)),
            Map.entry(21, pointer("loadBalancerClass", Type.STRING)),
            Map.entry(22, pointer("internalTrafficPolicy", Type.STRING)),
            Map.entry(23, pointer("trafficDistribution", Type.STRING)));

    /** The kinds read, by apiVersion and kind: their status is not read (a client cannot set it on create). */
    private static final Map<String, Map<Integer, Field>> KINDS = Map.of(
            "v1/Service", Map.of(1, message("metadata", OBJECT_META), 2, message("spec", SERVICE_SPEC)),
            "v1/Namespace", Map.of(1, message("metadata", OBJECT_META), 2, message("spec",
                    Map.of(1, list("finalizers", Type.STRING)))));

    /** A body that cannot be read. */
    static final class BodyException extends Exception {
        private static final long serialVersionUID = 1L;

        BodyException(String message) {
            super(message);
        }
    }

    private KubeProtobuf() {
    }

    /** The object a protobuf body holds, in its JSON form (apiVersion and kind included). */
    static Map<String, Object> decode(byte[] body) throws BodyException {
        if (body.length < MAGIC.length || body[0] != MAGIC[0] || body[1] != MAGIC[1] || body[2] != MAGIC[2]
                || body[3] != MAGIC[3]) {
            throw new BodyException("provided object is not a Kubernetes protobuf message (no k8s prefix)");
        }
        try {
            CodedInputStream in = CodedInputStream.newInstance(body, MAGIC.length, body.length - MAGIC.length);
            String apiVersion = "";
            String kind = "";
            ByteString raw = ByteString.EMPTY;
            int tag;
            while ((tag = in.readTag()) != 0) {
                switch (WireFormat.getTagFieldNumber(tag)) {
                    case 1 -> {
                        CodedInputStream typeMeta = in.readBytes().newCodedInput();
                        int t;
                        while ((t = typeMeta.readTag()) != 0) {
                            switch (WireFormat.getTagFieldNumber(t)) {
                                case 1 -> apiVersion = typeMeta.readString();
                                case 2 -> kind = typeMeta.readString();
                                default -> typeMeta.skipField(t);
                            }
                        }
                    }
                    case 2 -> raw = in.readBytes();
                    default -> in.skipField(tag);
                }
            }
            Map<Integer, Field> schema = KINDS.get(apiVersion + "/" + kind);
            if (schema == null) {
                throw new BodyException("the protobuf body holds a " + kind + " of " + apiVersion
                        + ", which is only read as JSON or YAML");
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("apiVersion", apiVersion);
            out.put("kind", kind);
            out.putAll(read(raw.newCodedInput(), schema, 0));
            return out;
        } catch (InvalidProtocolBufferException e) {
            throw new BodyException("malformed protobuf body: " + e.getMessage());
        } catch (IOException e) {
            throw new BodyException("malformed protobuf body: " + e.getMessage());
        }
    }

    private static Map<String, Object> read(CodedInputStream in, Map<Integer, Field> schema, int depth)
            throws IOException, BodyException {
        if (depth > 16) {
            throw new BodyException("malformed protobuf body: nested too deep");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        int tag;
        while ((tag = in.readTag()) != 0) {
            Field field = schema.get(WireFormat.getTagFieldNumber(tag));
            if (field == null) {
                in.skipField(tag);
                continue;
            }
            Optional<Object> value = value(in, field, depth);
            if (field.repeated()) {
                @SuppressWarnings("unchecked")
                List<Object> l = (List<Object>) out.computeIfAbsent(field.name(), k -> new ArrayList<>());
                value.ifPresent(l::add);
            } else if (field.type() == Type.STRING_MAP) {
                @SuppressWarnings("unchecked")
                Map<String, Object> m = (Map<String, Object>) out.computeIfAbsent(field.name(),
                        k -> new LinkedHashMap<>());
                @SuppressWarnings("unchecked")
                Map<String, Object> entry = (Map<String, Object>) value.orElseThrow();
                m.putAll(entry);
            } else {
                out.remove(field.name());
                value.ifPresent(v -> out.put(field.name(), v));
            }
        }
        return out;
    }

    /** One value; empty when JSON would omit it (a zero value of a non-pointer field). */
    private static Optional<Object> value(CodedInputStream in, Field field, int depth)
            throws IOException, BodyException {
        boolean keepZero = field.pointer() || field.repeated();
        switch (field.type()) {
            case STRING -> {
                String s = in.readString();
                return s.isEmpty() && !keepZero ? Optional.empty() : Optional.of(s);
            }
            case INT32 -> {
                long v = in.readInt32();
                return v == 0 && !keepZero ? Optional.empty() : Optional.of(v);
            }
            case INT64 -> {
                long v = in.readInt64();
                return v == 0 && !keepZero ? Optional.empty() : Optional.of(v);
            }
            case BOOL -> {
                boolean v = in.readBool();
                return !v && !keepZero ? Optional.empty() : Optional.of(v);
            }
            case MESSAGE -> {
                return Optional.of(read(in.readBytes().newCodedInput(), field.message(), depth + 1));
            }
            case STRING_MAP -> {
                CodedInputStream entry = in.readBytes().newCodedInput();
                String key = "";
                String value = "";
                int t;
                while ((t = entry.readTag()) != 0) {
                    switch (WireFormat.getTagFieldNumber(t)) {
                        case 1 -> key = entry.readString();
                        case 2 -> value = entry.readString();
                        default -> entry.skipField(t);
                    }
                }
                Map<String, Object> m = new LinkedHashMap<>();
                m.put(key, value);
                return Optional.of(m);
            }
            case INT_OR_STRING -> {
                CodedInputStream ios = in.readBytes().newCodedInput();
                long type = 0;
                long intVal = 0;
                String strVal = "";
                int t;
                while ((t = ios.readTag()) != 0) {
                    switch (WireFormat.getTagFieldNumber(t)) {
                        case 1 -> type = ios.readInt64();
                        case 2 -> intVal = ios.readInt32();
                        case 3 -> strVal = ios.readString();
                        default -> ios.skipField(t);
                    }
                }
                if (type == 1) {
                    return strVal.isEmpty() ? Optional.empty() : Optional.of(strVal);
                }
                return intVal == 0 ? Optional.empty() : Optional.of(intVal);
            }
            case TIME -> {
                CodedInputStream time = in.readBytes().newCodedInput();
                long seconds = 0;
                int t;
                while ((t = time.readTag()) != 0) {
                    if (WireFormat.getTagFieldNumber(t) == 1) {
                        seconds = time.readInt64();
                    } else {
                        time.skipField(t);
                    }
                }
                // A zero metav1.Time marshals as an empty message; Go's zero instant is year 1.
                return seconds == 0 || seconds == GO_ZERO_TIME ? Optional.empty() : Optional.of(Instant.ofEpochSecond(seconds).toString());
            }
            default -> throw new IllegalStateException(field.type().name());
        }
    }
}
