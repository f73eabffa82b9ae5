package dev.cidrstudio.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.cidrstudio.app.DumpFixturesAccess;
import dev.cidrstudio.io.yaml.PNode;
import dev.cidrstudio.io.yaml.YamlReaderAccess;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** The fast reader and the full YAML parser give the same positioned tree for every input both accept. */
class FastYamlTest {

    static String resource(String path) throws Exception {
        try (InputStream in = FastYamlTest.class.getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** A canonical text of a tree: order, types, values and marks. */
    static String dump(PNode n) {
        StringBuilder sb = new StringBuilder();
        dump(n, sb);
        return sb.toString();
    }

    private static void dump(PNode n, StringBuilder sb) {
        sb.append('@').append(n.mark());
        if (n instanceof PNode.PMap m) {
            sb.append('{');
            for (Map.Entry<String, PNode> e : m.entries().entrySet()) {
                sb.append(e.getKey()).append('@').append(m.keyMark(e.getKey())).append('=');
                dump(e.getValue(), sb);
                sb.append(',');
            }
            sb.append('}');
        } else if (n instanceof PNode.PList l) {
            sb.append('[');
            for (PNode i : l.items()) {
                dump(i, sb);
                sb.append(',');
            }
            sb.append(']');
        } else {
            PNode.PScalar s = (PNode.PScalar) n;
            sb.append(s.type()).append(':').append(s.value().replace("\n", "\\n"));
        }
    }

    static List<String> inputs() throws Exception {
        List<String> in = new ArrayList<>();
        in.add(DumpFixturesAccess.smallDump());
        in.add(resource("/fidelity/tricky-annotations.yaml"));
        in.add(resource("/fidelity/tricky-annotations.kubectl-1.32.yaml"));
        in.add(resource("/dev/cidrstudio/demo/demo.cidrplan.yaml"));
        in.add("""
                # comment
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: x # trailing comment
                  labels:
                    "quoted key": 'single ''quoted'''
                    empty:
                data:
                  script: |
                    #!/bin/sh
                    echo "hi"

                    exit 0
                  keep: |+
                    a

                  strip: |-
                    b
                  long: There are still IPAddresses referencing the ServiceCIDR, please remove
                    them or create a new ServiceCIDR
                  esc: "tab\\there \\u00e9 \\x41"
                list:
                - a
                - b
                ---
                - name: a
                  value: 1
                -
                  name: b
                - 3.5
                - ~
                - yes
                ...
                ---
                plain scalar document
                """);
        in.add("a:\n- 1\n- 2\nb: {}\nc: []\nd:\n  - x: 1\n    y: 2\n  - z\n");
        in.add("k: v\r\nl:\r\n  - m\r\n");
        in.add("- - nested\n  - seq\n");
        return in;
    }

    /**
     * Inputs the fast reader declines are shown as skipped; the last test checks that enough inputs took the fast
     * path for the comparison to mean something.
     */
    @TestFactory
    Stream<DynamicTest> sameTreeAsTheFullParser() throws Exception {
        AtomicInteger compared = new AtomicInteger();
        List<DynamicTest> tests = new ArrayList<>();
        int i = 0;
        for (String text : inputs()) {
            int n = i++;
            tests.add(dynamicTest("input " + n, () -> {
                List<PNode> fast = YamlReaderAccess.fastOrNull(text);
                assumeTrue(fast != null, "the fast reader declines this input");
                List<String> full = YamlReaderAccess.full(text).stream().map(FastYamlTest::dump).toList();
                assertEquals(full, fast.stream().map(FastYamlTest::dump).toList());
                compared.incrementAndGet();
            }));
        }
        tests.add(dynamicTest("enough inputs were compared", () ->
                assertTrue(compared.get() >= 6, "inputs compared: " + compared.get())));
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> kubectlStyleInputsTakeTheFastPath() throws Exception {
        List<String> in = inputs();
        return Stream.of(0, 1, 2, 4, 5, 6).map(i -> dynamicTest("input " + i, () ->
                assertEquals(true, YamlReaderAccess.fastOrNull(in.get(i)) != null)));
    }
}
