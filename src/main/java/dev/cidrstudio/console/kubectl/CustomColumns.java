package dev.cidrstudio.console.kubectl;

import dev.cidrstudio.io.manifest.GoJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code -o custom-columns=HEADER:JSONPATH,...}: one column per spec, its cells what the (relaxed) JSONPath finds,
 * joined by commas, or {@code <none>}.
 */
final class CustomColumns {

    private record Column(String header, JsonPathTemplate path) {
    }

    private final List<Column> columns;

    private CustomColumns(List<Column> columns) {
        this.columns = columns;
    }

    /** {@code NewCustomColumnsPrinterFromSpec}. */
    static CustomColumns parse(String spec) throws UsageException {
        List<Column> columns = new ArrayList<>();
        for (String part : spec.split(",")) {
            String[] colSpec = part.split(":", 2);
            if (colSpec.length != 2) {
                throw new UsageException("error: unexpected custom-columns spec: " + part
                        + ", expected <header>:<json-path-expr>");
            }
            String expr = relaxed(colSpec[1]);
            try {
                columns.add(new Column(colSpec[0], JsonPathTemplate.parse(expr)));
            } catch (JsonPathTemplate.TemplateException e) {
                throw new UsageException("error: " + e.getMessage());
            }
        }
        return new CustomColumns(columns);
    }

    /** {@code RelaxedJSONPathExpression}: {@code .a.b}, {@code a.b} and {@code {.a.b}} are one expression. */
    private static String relaxed(String expr) {
        String e = expr;
        if (e.startsWith("{") && e.endsWith("}")) {
            e = e.substring(1, e.length() - 1);
        }
        if (!e.startsWith(".")) {
            e = "." + e;
        }
        return "{" + e + "}";
    }

    String print(List<Map<String, Object>> objects, boolean noHeaders) {
        StringBuilder sb = new StringBuilder();
        if (!noHeaders) {
            List<String> headers = new ArrayList<>();
            columns.forEach(c -> headers.add(c.header()));
            sb.append(String.join("\t", headers)).append('\n');
        }
        for (Map<String, Object> o : objects) {
            List<String> cells = new ArrayList<>();
            for (Column c : columns) {
                List<String> values = new ArrayList<>();
                for (List<Object> set : c.path().resultSets(o)) {
                    for (Object v : set) {
                        values.add(v instanceof Map || v instanceof List ? GoJson.compact(v) : String.valueOf(v));
                    }
                }
                cells.add(values.isEmpty() ? "<none>" : String.join(",", values));
            }
            sb.append(String.join("\t", cells)).append('\n');
        }
        return TabWriter.KUBECTL_TABLE.format(sb.toString());
    }
}
