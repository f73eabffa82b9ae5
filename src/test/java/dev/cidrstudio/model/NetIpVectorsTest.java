package dev.cidrstudio.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cidrstudio.model.net.KubeNetLibrary;
import dev.cidrstudio.model.net.KubeNetParsing;
import dev.cidrstudio.model.net.NetIp;
import dev.cidrstudio.testutil.Vectors;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The parsing half of vectors/cel.json: every vector that is just {@code ip("X")}, {@code cidr("X")}, {@code isIP}
 * or {@code isCIDR} of a literal, checked against the netip port and Kubernetes' wrappers (value or exact error).
 */
class NetIpVectorsTest {

    private static final Pattern CALL = Pattern.compile("^(ip|cidr|isIP|isCIDR)\\((\"[^\"]*\"|'[^']*')\\)$");

    /** What a call gave: its value, or the text of the error it raised. */
    private record Outcome(Object value, String error) {
    }

    private interface Call {
        Object run() throws NetIp.ParseException;
    }

    private static Outcome outcome(Call call) {
        try {
            return new Outcome(call.run(), null);
        } catch (NetIp.ParseException e) {
            return new Outcome(null, e.getMessage());
        }
    }

    /** Vectors checked, by what they expect: a value or an error. */
    private static final class Checked {
        int values;
        int errors;
    }

    /**
     * Compares an outcome with the vector's {@code expected}: the exact error text, or the value (a string form, a
     * boolean or a number). Either way, the vector is counted.
     */
    private static void compare(JsonNode expected, Outcome got, Checked checked) {
        if (expected.has("error")) {
            assertEquals(expected.get("error").asText(), got.error(), "expected an error, got " + got.value());
            checked.errors++;
            return;
        }
        assertNull(got.error(), "unexpected error");
        JsonNode value = expected.get("value");
        if (value.isObject()) {
            assertEquals(value.get("string").asText(), got.value().toString());
        } else if (value.isBoolean()) {
            assertEquals(value.asBoolean(), got.value());
        } else {
            assertEquals(value.asLong(), ((Number) got.value()).longValue());
        }
        checked.values++;
    }

    /** The last test of a table: enough of both kinds of vector were checked for the table to mean something. */
    private static DynamicTest enoughChecked(Checked checked, int values, int errors) {
        return dynamicTest("enough vectors were checked", () -> {
            assertTrue(checked.values >= values, "vectors with a value checked: " + checked.values);
            assertTrue(checked.errors >= errors, "vectors with an error checked: " + checked.errors);
        });
    }

    @TestFactory
    Stream<DynamicTest> literalParsingVectors() {
        Checked checked = new Checked();
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode v : Vectors.load("cel.json")) {
            if (!"cel".equals(v.path("kind").asText())) {
                continue;
            }
            Matcher m = CALL.matcher(v.path("expression").asText());
            if (!m.matches()) {
                continue;
            }
            String literal = m.group(2).substring(1, m.group(2).length() - 1);
            tests.add(dynamicTest(v.path("name").asText(),
                    () -> compare(v.get("expected"), outcome(() -> call(m.group(1), literal)), checked)));
        }
        tests.add(enoughChecked(checked, 8, 15));
        return tests.stream();
    }

    private static Object call(String fn, String literal) throws NetIp.ParseException {
        return switch (fn) {
            case "isIP" -> KubeNetParsing.isIp(literal);
            case "isCIDR" -> KubeNetParsing.isCidr(literal);
            case "ip" -> KubeNetParsing.ip(literal);
            case "cidr" -> KubeNetParsing.cidr(literal);
            default -> throw new AssertionError(fn);
        };
    }

    private static final Pattern MEMBER = Pattern.compile(
            "^(ip|cidr)\\((\"[^\"]*\"|'[^']*')\\)\\.(\\w+)\\((?:(ip|cidr)\\()?(\"[^\"]*\"|'[^']*')?\\)?\\)$");
    private static final Pattern CANONICAL = Pattern.compile("^ip\\.isCanonical\\((\"[^\"]*\"|'[^']*')\\)$");

    private static String unquote(String q) {
        return q.substring(1, q.length() - 1);
    }

    /** Member calls on literals: {@code ip("X").isLoopback()}, {@code cidr("X").containsCIDR("Y")}, ... */
    @TestFactory
    Stream<DynamicTest> memberFunctionVectors() {
        Checked checked = new Checked();
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode v : Vectors.load("cel.json")) {
            String expr = v.path("expression").asText();
            JsonNode expected = v.get("expected");
            Matcher c = CANONICAL.matcher(expr);
            Matcher m = MEMBER.matcher(expr);
            if (c.matches()) {
                tests.add(dynamicTest(v.path("name").asText(), () -> compare(expected,
                        outcome(() -> KubeNetLibrary.isCanonical(unquote(c.group(1)))), checked)));
            } else if (m.matches()) {
                tests.add(dynamicTest(v.path("name").asText(), () -> compare(expected,
                        outcome(() -> member(m.group(1), unquote(m.group(2)), m.group(3), m.group(4),
                                m.group(5) == null ? null : unquote(m.group(5)))), checked)));
            }
        }
        tests.add(enoughChecked(checked, 40, 5));
        return tests.stream();
    }

    private static Object member(String type, String receiver, String fn, String argType, String arg)
            throws NetIp.ParseException {
        if ("ip".equals(type)) {
            NetIp.Addr a = KubeNetParsing.ip(receiver);
            return switch (fn) {
                case "family" -> KubeNetLibrary.family(a);
                case "isUnspecified" -> KubeNetLibrary.isUnspecified(a);
                case "isLoopback" -> KubeNetLibrary.isLoopback(a);
                case "isLinkLocalMulticast" -> KubeNetLibrary.isLinkLocalMulticast(a);
                case "isLinkLocalUnicast" -> KubeNetLibrary.isLinkLocalUnicast(a);
                case "isGlobalUnicast" -> KubeNetLibrary.isGlobalUnicast(a);
                default -> throw new AssertionError(fn);
            };
        }
        NetIp.Prefix p = KubeNetParsing.cidr(receiver);
        return switch (fn) {
            case "ip" -> p.addr();
            case "masked" -> p.masked();
            case "prefixLength" -> (long) p.bits();
            case "containsIP" -> "ip".equals(argType)
                    ? KubeNetLibrary.containsIp(p, KubeNetParsing.ip(arg))
                    : KubeNetLibrary.containsIp(p, arg);
            case "containsCIDR" -> "cidr".equals(argType)
                    ? KubeNetLibrary.containsCidr(p, KubeNetParsing.cidr(arg))
                    : KubeNetLibrary.containsCidr(p, arg);
            default -> throw new AssertionError(fn);
        };
    }

    @Test
    void theOldContainsCidrRuleNeedsTheNetworkAddress() throws Exception {
        NetIp.Prefix p = KubeNetParsing.cidr("10.96.0.0/16");
        assertFalse(KubeNetLibrary.containsCidrBefore1324(p,
                KubeNetParsing.cidr("10.96.1.0/24")));
        assertTrue(KubeNetLibrary.containsCidrBefore1324(p,
                KubeNetParsing.cidr("10.96.0.0/24")));
        assertTrue(KubeNetLibrary.containsCidr(p, KubeNetParsing.cidr("10.96.1.0/24")));
    }

    @Test
    void netipRulesTheVectorsDoNotSpellOut() throws Exception {
        assertEquals("2001:db8::1", NetIp.parseAddr("2001:DB8:0:0::1").toString());
        assertEquals("::ffff:1.2.3.4", NetIp.parseAddr("::ffff:1.2.3.4").toString());
        assertEquals("1:2:3:4:5:6:7:0", NetIp.parseAddr("1:2:3:4:5:6:7:0").toString());
        assertEquals("ParseAddr(\"1:2:3:4:5:6:7::8\"): the :: must expand to at least one field of zeros",
                message(() -> NetIp.parseAddr("1:2:3:4:5:6:7::8")));
        assertEquals("ParseAddr(\"1::2::3\"): multiple :: in address (at \":3\")", message(() -> NetIp.parseAddr("1::2::3")));
        assertEquals("ParseAddr(\"1:2\"): address string too short", message(() -> NetIp.parseAddr("1:2")));
        assertEquals("ParseAddr(\"%eth0\"): missing IPv6 address", message(() -> NetIp.parseAddr("%eth0")));
        assertEquals("ParseAddr(\"1.2.3.4:5\"): unexpected character (at \":5\")",
                message(() -> NetIp.parseAddr("1.2.3.4:5")));
        assertEquals("ParseAddr(\"1:2:3:4:5:6:1.2.3.4.5\"): IPv4 address too long",
                message(() -> NetIp.parseAddr("1:2:3:4:5:6:1.2.3.4.5")));
        assertEquals("netip.ParsePrefix(\"10.0.0.0/-1\"): bad bits after slash: \"-1\"",
                message(() -> NetIp.parsePrefix("10.0.0.0/-1")));
        assertEquals("10.96.5.5/16", NetIp.parsePrefix("10.96.5.5/16").toString());
        assertEquals("10.96.0.0/16", NetIp.parsePrefix("10.96.5.5/16").masked().toString());
    }

    private interface Parse {
        Object run() throws NetIp.ParseException;
    }

    private static String message(Parse p) {
        try {
            return "parsed: " + p.run();
        } catch (NetIp.ParseException e) {
            return e.getMessage();
        }
    }
}
