package dev.cidrstudio.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
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

    @TestFactory
    Stream<DynamicTest> literalParsingVectors() {
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
            tests.add(dynamicTest(v.path("name").asText(), () -> check(m.group(1), literal, v.get("expected"))));
        }
        assertTrue(tests.size() >= 15, "vectors found: " + tests.size());
        return tests.stream();
    }

    private static void check(String fn, String literal, JsonNode expected) throws Exception {
        switch (fn) {
            case "isIP" -> assertEquals(expected.get("value").asBoolean(), KubeNetParsing.isIp(literal));
            case "isCIDR" -> assertEquals(expected.get("value").asBoolean(), KubeNetParsing.isCidr(literal));
            default -> {
                String text;
                try {
                    text = "ip".equals(fn) ? KubeNetParsing.ip(literal).toString()
                            : KubeNetParsing.cidr(literal).toString();
                } catch (NetIp.ParseException e) {
                    assertTrue(expected.has("error"), "unexpected error " + e.getMessage());
                    assertEquals(expected.get("error").asText(), e.getMessage());
                    return;
                }
                assertFalse(expected.has("error"), "expected error " + expected);
                assertEquals(expected.get("value").get("string").asText(), text);
            }
        }
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
