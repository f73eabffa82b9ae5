package dev.cidrstudio.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cidrstudio.model.allocator.AllocationException;
import dev.cidrstudio.model.allocator.AllocatorError;
import dev.cidrstudio.model.allocator.CidrAllocator;
import dev.cidrstudio.model.allocator.MetaAllocator;
import dev.cidrstudio.model.allocator.RandomSource;
import dev.cidrstudio.model.allocator.RangeMath;
import dev.cidrstudio.model.allocator.UsedAddressSet;
import dev.cidrstudio.model.api.Condition;
import dev.cidrstudio.model.api.IpAddressObject;
import dev.cidrstudio.model.api.KubeObject;
import dev.cidrstudio.model.api.ObjectMeta;
import dev.cidrstudio.model.api.ParentReference;
import dev.cidrstudio.model.api.ServiceCidr;
import dev.cidrstudio.model.cluster.KubeVersion;
import dev.cidrstudio.model.cluster.ServiceIpRangeFlag;
import dev.cidrstudio.model.controller.ControllerContext;
import dev.cidrstudio.model.controller.ServiceCidrController;
import dev.cidrstudio.model.field.FieldError;
import dev.cidrstudio.model.net.Cidr;
import dev.cidrstudio.model.net.IpAddress;
import dev.cidrstudio.model.net.IpFamily;
import dev.cidrstudio.model.net.IpParsing;
import dev.cidrstudio.model.validation.IpAddressValidation;
import dev.cidrstudio.model.validation.ServiceCidrValidation;
import dev.cidrstudio.testutil.Vectors;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every vector of vectors/servicecidr.json, one dynamic test each, grouped by category. */
class ServiceCidrVectorsTest {

    private static final String FILE = "servicecidr.json";

    private static Stream<DynamicTest> category(String category, java.util.function.Consumer<JsonNode> check) {
        List<JsonNode> vectors = Vectors.load(FILE, category);
        assertFalse(vectors.isEmpty(), "no vectors in category " + category);
        return vectors.stream().map(v -> dynamicTest(v.get("name").asText(), () -> check.accept(v)));
    }

    static void assertErrors(JsonNode expected, List<FieldError> actual) {
        if (expected.path("valid").asBoolean(false)) {
            assertEquals(List.of(), actual);
            return;
        }
        assertFalse(actual.isEmpty(), "expected errors");
        if (expected.has("errorCount")) {
            assertEquals(expected.get("errorCount").asInt(), actual.size(), actual.toString());
        }
        JsonNode errs = expected.path("errors");
        for (int i = 0; i < errs.size(); i++) {
            JsonNode e = errs.get(i);
            FieldError a = actual.get(i);
            assertEquals(e.get("field").asText(), a.field());
            if (e.has("type")) {
                assertEquals(e.get("type").asText(), a.type().text());
            }
            if (e.has("detail")) {
                assertEquals(e.get("detail").asText(), a.detail());
            }
        }
        for (String rendered : Vectors.strings(expected.get("rendered"))) {
            // The vectors were written against Go's %#v rendering of values (Kubernetes 1.33).
            assertTrue(actual.stream().anyMatch(a -> a.styled(false).toString().equals(rendered)),
                    rendered + " in " + actual);
        }
    }

    @TestFactory
    Stream<DynamicTest> createValidation() {
        return category("servicecidr-validation-create", v -> {
            List<String> cidrs = Vectors.strings(v.get("input").get("cidrs"));
            assertErrors(v.get("expected"), ServiceCidrValidation.validateServiceCIDRSpec(cidrs));
            JsonNode allocatorError = v.get("expected").get("allocatorError");
            if (allocatorError != null) {
                Cidr c = IpParsing.parseCidr(cidrs.get(0)).orElseThrow();
                assertEquals(allocatorError.asText(), CidrAllocator.creationError(c));
                assertNull(CidrAllocator.forCidr(c));
            }
        });
    }

    private static ServiceCidr sc(String name, List<String> cidrs) {
        return new ServiceCidr(ObjectMeta.named(name), cidrs, List.of());
    }

    @TestFactory
    Stream<DynamicTest> updateValidation() {
        return category("servicecidr-validation-update", v -> {
            ServiceCidr old = sc("x", Vectors.strings(v.get("input").get("old")));
            ServiceCidr updated = sc("x", Vectors.strings(v.get("input").get("new")));
            assertErrors(v.get("expected"), ServiceCidrValidation.validateServiceCIDRUpdate(updated, old));
        });
    }

    private static ParentReference parentRef(JsonNode n) {
        if (n == null || n.isNull()) {
            return null;
        }
        return new ParentReference(n.path("group").asText(""), n.path("resource").asText(""),
                n.path("namespace").asText(""), n.path("name").asText(""));
    }

    @TestFactory
    Stream<DynamicTest> ipAddressValidation() {
        return category("ipaddress-validation", v -> {
            JsonNode in = v.get("input");
            List<FieldError> errs;
            if (in.has("old")) {
                String name = in.get("old").get("name").asText();
                IpAddressObject old = new IpAddressObject(ObjectMeta.named(name), parentRef(in.get("old").get("parentRef")));
                IpAddressObject updated = new IpAddressObject(ObjectMeta.named(name),
                        parentRef(in.get("new").get("parentRef")));
                errs = IpAddressValidation.validateIPAddressUpdate(updated, old);
            } else {
                errs = IpAddressValidation.validateIPAddress(new IpAddressObject(
                        ObjectMeta.named(in.get("name").asText()), parentRef(in.get("parentRef"))));
            }
            assertErrors(v.get("expected"), errs);
        });
    }

    @TestFactory
    Stream<DynamicTest> canonicalNames() {
        return category("ipaddress-canonical-name", v -> {
            String ip = v.get("input").get("ip").asText();
            IpAddress parsed = IpParsing.parseIpSloppy(ip).orElseThrow();
            assertEquals(v.get("expected").get("canonicalName").asText(), parsed.toString());
            assertEquals(v.get("expected").get("nameValid").asBoolean(),
                    IpAddressValidation.validateIPAddressName(ip).isEmpty());
        });
    }

    private static Cidr sloppyCidr(String text) {
        return IpParsing.parseCidrSloppy(text).orElseThrow().masked();
    }

    @TestFactory
    Stream<DynamicTest> usableSize() {
        return category("usable-size", v -> {
            Cidr c = sloppyCidr(v.get("input").get("cidr").asText());
            JsonNode e = v.get("expected");
            assertEquals(e.get("legacyBitmapUsable").asLong(), RangeMath.legacyBitmapSize(c));
            if (e.get("ipAddressAllocatorUsable").isNull()) {
                assertEquals(e.get("ipAddressAllocatorError").asText(), CidrAllocator.creationError(c));
            } else {
                assertEquals(e.get("ipAddressAllocatorUsable").asText(),
                        Long.toUnsignedString(CidrAllocator.forCidr(c).usableSize()));
            }
        });
    }

    @TestFactory
    Stream<DynamicTest> bandSplit() {
        return category("band-split", v -> {
            Cidr c = sloppyCidr(v.get("input").get("cidr").asText());
            JsonNode e = v.get("expected");
            assertEquals(e.get("rangeOffset").asLong(), RangeMath.calculateRangeOffset(c));
            if (e.has("first")) {
                CidrAllocator a = CidrAllocator.forCidr(c);
                assertEquals(e.get("first").asText(), a.firstAddress().toString());
                assertEquals(e.get("last").asText(), a.lastAddress().toString());
                assertEquals(e.get("usable").asLong(), a.usableSize());
                assertEquals(e.get("dynamicBandSize").asLong(), a.usableSize() - a.staticBandSize());
                assertEquals(e.get("dynamicBand").get(0).asText(), a.dynamicBandStart().toString());
                if (e.get("staticBand").isNull()) {
                    assertEquals(0, a.staticBandSize());
                } else {
                    assertEquals(e.get("staticBand").get(1).asText(),
                            a.firstAddress().plus(a.staticBandSize() - 1).toString());
                }
            }
        });
    }

    @TestFactory
    Stream<DynamicTest> apiserverFlag() {
        return category("apiserver-flag", v -> {
            JsonNode in = v.get("input");
            KubeVersion version = in.path("gatesMultiCIDRAndDisableDualWrite").asBoolean(true) ? KubeVersion.V1_34
                    : KubeVersion.V1_33;
            ServiceIpRangeFlag f = ServiceIpRangeFlag.parse(in.get("serviceClusterIPRange").asText(), version);
            assertEquals(Vectors.strings(v.get("expected").get("errors")), f.errors());
            if (v.get("expected").has("defaultFamily")) {
                assertEquals(v.get("expected").get("defaultFamily").asText(), f.families().get(0).name());
            }
        });
    }

    private static List<ServiceCidr> serviceCidrs(JsonNode list) {
        List<ServiceCidr> out = new ArrayList<>();
        if (list != null) {
            int i = 0;
            for (JsonNode n : list) {
                out.add(sc(n.path("name").asText("sc" + i++), Vectors.strings(n.get("cidrs"))));
            }
        }
        return out;
    }

    private static List<IpAddressObject> managed(List<String> ips) {
        return ips.stream().map(ip -> {
            String family = IpParsing.parseIpSloppy(ip).orElseThrow().family().name();
            return new IpAddressObject(ObjectMeta.named(ip).withLabels(IpAddressObject.allocatorLabels(family)),
                    ParentReference.service("default", "svc"));
        }).toList();
    }

    @TestFactory
    Stream<DynamicTest> finalizer() {
        return category("servicecidr-finalizer", v -> {
            JsonNode in = v.get("input");
            ServiceCidr x = sc(in.get("deleting").get("name").asText(),
                    Vectors.strings(in.get("deleting").get("cidrs")));
            boolean can = ServiceCidrController.canDeleteCIDR(serviceCidrs(in.get("serviceCIDRsInStore")),
                    managed(Vectors.strings(in.get("managedIPAddresses"))), x);
            assertEquals(v.get("expected").get("canDelete").asBoolean(), can);
        });
    }

    /** A controller context that records what the controller writes. */
    private static final class RecordingContext implements ControllerContext {
        final List<ServiceCidr> cidrs;
        final List<IpAddressObject> ips;
        final Instant now = Instant.parse("2026-01-01T00:00:00Z");
        List<Condition> written;
        List<String> finalizers;

        RecordingContext(List<ServiceCidr> cidrs, List<IpAddressObject> ips) {
            this.cidrs = cidrs;
            this.ips = ips;
        }

        @Override
        public Instant now() {
            return now;
        }

        @Override
        public List<ServiceCidr> serviceCidrs() {
            return cidrs;
        }

        @Override
        public List<IpAddressObject> ipAddresses() {
            return ips;
        }

        @Override
        public void patchFinalizers(ServiceCidr sc, List<String> f) {
            finalizers = f;
        }

        @Override
        public void updateStatus(ServiceCidr sc, List<Condition> conditions) {
            written = conditions;
        }

        @Override
        public void recordEvent(KubeObject involved, String type, String reason, String message, String c) {
        }

        @Override
        public void requeueAt(Instant when) {
        }
    }

    @TestFactory
    Stream<DynamicTest> controllerSync() {
        return category("servicecidr-controller-sync", v -> {
            JsonNode in = v.get("input");
            JsonNode scNode = in.get("serviceCIDR");
            ServiceCidr x = sc(scNode.get("name").asText(), Vectors.strings(scNode.get("cidrs")));
            RecordingContext ctx = new RecordingContext(new ArrayList<>(), managed(Vectors.strings(in.get("ips"))));
            if (scNode.has("deletionAgeSeconds")) {
                Instant deleted = ctx.now.minus(Duration.ofSeconds(scNode.get("deletionAgeSeconds").asLong()));
                x = x.withMeta(x.meta().withFinalizers(List.of(ServiceCidr.FINALIZER)).withDeletion(deleted, 0L));
            }
            ctx.cidrs.add(x);
            ctx.cidrs.addAll(serviceCidrs(in.get("otherServiceCIDRs")));
            List<String> actions = ServiceCidrController.sync(ctx, x);
            assertEquals(Vectors.strings(v.get("expected").get("actions")), actions);
            JsonNode cond = v.get("expected").get("condition");
            if (cond != null) {
                Condition c = ctx.written.get(0);
                assertEquals(cond.path("type").asText("Ready"), c.type());
                assertEquals(cond.path("status").asText("False"), c.status());
                assertEquals(cond.get("reason").asText(), c.reason());
                if (cond.has("message")) {
                    assertEquals(cond.get("message").asText(), c.message());
                }
            }
        });
    }

    @TestFactory
    Stream<DynamicTest> ipParentage() {
        return category("ip-parentage", v -> {
            List<ServiceCidr> all = serviceCidrs(v.get("input").get("serviceCIDRs"));
            IpAddress ip = IpParsing.parseIp(v.get("input").get("ip").asText()).orElseThrow();
            assertEquals(Vectors.strings(v.get("expected").get("containingServiceCIDRs")),
                    MetaAllocator.containingServiceCidrs(all, ip));
        });
    }

    @TestFactory
    Stream<DynamicTest> kubernetesDefaultService() {
        return category("kubernetes-default-service", v -> {
            ServiceIpRangeFlag f = ServiceIpRangeFlag.parse(v.get("input").get("primaryFlagRange").asText(),
                    KubeVersion.V1_34);
            assertEquals(v.get("expected").get("clusterIP").asText(), f.kubernetesServiceIp().toString());
            assertEquals(v.get("expected").get("inStaticBand").asBoolean(),
                    CidrAllocator.forCidr(f.primary()).inStaticBand(f.kubernetesServiceIp())
                            || RangeMath.calculateRangeOffset(f.primary()) == 0);
        });
    }

    @TestFactory
    Stream<DynamicTest> overlapChoice() {
        return category("overlap-choice", v -> {
            JsonNode in = v.get("input");
            JsonNode e = v.get("expected");
            List<ServiceCidr> all = new ArrayList<>();
            int i = 0;
            for (JsonNode n : in.get("serviceCIDRs")) {
                ServiceCidr s = sc(n.path("name").asText("sc" + i++), Vectors.strings(n.get("cidrs")));
                if (n.has("deletionTimestamp")) {
                    s = s.withMeta(s.meta().withDeletion(Instant.EPOCH, 0L));
                }
                if (n.has("conditions")) {
                    List<Condition> cs = new ArrayList<>();
                    for (JsonNode c : n.get("conditions")) {
                        cs.add(new Condition(c.get("type").asText(), c.get("status").asText(), null, null, null, null));
                    }
                    s = s.withConditions(cs);
                }
                all.add(s);
            }
            if (in.has("ipAddressCreate")) {
                String failure = in.get("ipAddressCreate").asText().replaceFirst("^fails with '(.*)'$", "$1");
                int[] calls = {0};
                MetaAllocator meta = MetaAllocator.build(IpFamily.IPv4, all);
                AllocationException ex = assertThrows(AllocationException.class, () -> meta.next(
                        new UsedAddressSet(IpFamily.IPv4), new RandomSource(1, 1), ip -> {
                            calls[0]++;
                            throw new AllocationException(AllocatorError.CREATE_FAILED, failure);
                        }));
                assertEquals(e.get("error").asText(), ex.getMessage());
                assertEquals(e.get("createCalls").asInt(), calls[0]);
                return;
            }
            UsedAddressSet used = new UsedAddressSet(IpFamily.IPv4);
            for (String ip : Vectors.strings(in.get("existingIPAddresses"))) {
                used.add(IpParsing.parseIp(ip).orElseThrow());
            }
            MetaAllocator meta = MetaAllocator.build(IpFamily.IPv4, all);
            for (int n = 0; n < in.path("existingServices").asInt(0); n++) {
                try {
                    used.add(meta.next(used, new RandomSource(1, n)));
                } catch (AllocationException ex) {
                    throw new AssertionError(ex);
                }
            }
            String requested = in.get("request").path("clusterIP").asText("");
            boolean ok = "allocated".equals(e.get("result").asText());
            if (requested.isEmpty()) {
                if (ok) {
                    try {
                        meta.next(used, new RandomSource(1, 99));
                    } catch (AllocationException ex) {
                        throw new AssertionError(ex);
                    }
                } else {
                    AllocationException ex = assertThrows(AllocationException.class,
                            () -> meta.next(used, new RandomSource(1, 99)));
                    assertTrue(e.get("apiError").asText().endsWith(ex.getMessage()));
                }
                return;
            }
            IpAddress ip = IpParsing.parseIp(requested).orElseThrow();
            if (ok) {
                try {
                    meta.checkStatic(ip, used);
                } catch (AllocationException ex) {
                    throw new AssertionError(ex);
                }
                List<String> eligible = meta.entries().stream()
                        .filter(en -> en.ready() && MetaAllocator.prefixContainsIp(en.cidr(), ip))
                        .map(en -> en.cidr().toString()).toList();
                assertEquals(Vectors.strings(e.get("eligibleAllocators")), eligible);
            } else {
                AllocationException ex = assertThrows(AllocationException.class, () -> meta.checkStatic(ip, used));
                assertEquals(e.get("allocatorError").asText(), ex.getMessage());
            }
        });
    }
}
