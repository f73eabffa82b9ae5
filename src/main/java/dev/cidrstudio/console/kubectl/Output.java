package dev.cidrstudio.console.kubectl;

import dev.cidrstudio.model.api.KubeObject;

/** A parsed {@code -o/--output} value. */
record Output(Kind kind, boolean wide, String argument) {

    enum Kind { TABLE, YAML, JSON, NAME, JSONPATH, JSONPATH_JSON, GO_TEMPLATE, CUSTOM_COLUMNS }

    /** The formats kubectl lists when it does not know the one asked for. */
    static final String OUTPUT_FORMATS = "custom-columns,custom-columns-file,go-template,go-template-file,json,"
            + "jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml";

    /** The formats of kubectl's PrintFlags, which the writing commands (create, label, patch, ...) offer. */
    static final String PRINT_FLAG_FORMATS = "go-template,go-template-file,json,jsonpath,jsonpath-as-json,"
            + "jsonpath-file,name,template,templatefile,yaml";

    static Output parse(String value) throws UsageException {
        return parse(value, null);
    }

    /** An {@code -o} of a writing command: no table formats ({@code wide}, {@code custom-columns}). */
    static Output parseForWrite(String value, String template, dev.cidrstudio.model.cluster.KubeVersion client)
            throws UsageException {
        // kubectl 1.35 lists its KYAML printer among them; the console does not print KYAML.
        String formats = client == dev.cidrstudio.model.cluster.KubeVersion.V1_35
                ? PRINT_FLAG_FORMATS.replace("jsonpath-file,", "jsonpath-file,kyaml,") : PRINT_FLAG_FORMATS;
        if (value != null && (value.equals("wide") || value.startsWith("custom-columns"))) {
            throw noPrinter(value, formats);
        }
        return parse(value, template, formats);
    }

    private static UsageException noPrinter(String value, String formats) {
        return new UsageException("error: unable to match a printer suitable for the output format \"" + value
                + "\", allowed formats are: " + formats);
    }

    /** {@code template} is the {@code --template} flag, used by {@code -o go-template} and {@code -o template}. */
    static Output parse(String value, String template) throws UsageException {
        return parse(value, template, OUTPUT_FORMATS);
    }

    /** {@code kubectl get}'s {@code -o}: kubectl 1.35 lists its KYAML printer among the formats too. */
    static Output parseForGet(String value, String template, dev.cidrstudio.model.cluster.KubeVersion client)
            throws UsageException {
        return parse(value, template, client == dev.cidrstudio.model.cluster.KubeVersion.V1_35
                ? OUTPUT_FORMATS.replace("jsonpath-file,", "jsonpath-file,kyaml,") : OUTPUT_FORMATS);
    }

    private static Output parse(String value, String template, String formats) throws UsageException {
        if (value != null && (value.equals("go-template") || value.equals("template")
                || value.startsWith("go-template=") || value.startsWith("template="))) {
            String t = value.contains("=") ? value.substring(value.indexOf('=') + 1) : template;
            if (t == null || t.isEmpty()) {
                throw new UsageException("error: template format specified but no template given");
            }
            try {
                GoTemplate.parse(t);
            } catch (GoTemplate.TemplateException e) {
                throw new UsageException("error: error parsing template " + t + ", " + e.getMessage());
            }
            return new Output(Kind.GO_TEMPLATE, false, t);
        }
        if (value == null || value.isEmpty()) {
            return new Output(Kind.TABLE, false, null);
        }
        if (value.equals("custom-columns") || value.startsWith("custom-columns=")) {
            String spec = value.substring(Math.min(value.length(), "custom-columns=".length()));
            if (spec.isEmpty()) {
                throw new UsageException("error: custom-columns format specified but no custom columns given");
            }
            CustomColumns.parse(spec);
            return new Output(Kind.CUSTOM_COLUMNS, false, spec);
        }
        if (value.equals("wide")) {
            return new Output(Kind.TABLE, true, null);
        }
        if (value.equals("yaml")) {
            return new Output(Kind.YAML, false, null);
        }
        if (value.equals("json")) {
            return new Output(Kind.JSON, false, null);
        }
        if (value.equals("name")) {
            return new Output(Kind.NAME, false, null);
        }
        for (String prefix : new String[] {"jsonpath=", "jsonpath-as-json="}) {
            if (value.startsWith(prefix)) {
                String path = value.substring(prefix.length());
                if (path.isEmpty()) {
                    throw new UsageException("error: template format specified but no template given");
                }
                try {
                    JsonPathTemplate.parse(path);
                } catch (JsonPathTemplate.TemplateException e) {
                    throw new UsageException("error: error parsing jsonpath " + path + ", "
                            + e.getMessage());
                }
                return new Output(prefix.startsWith("jsonpath-as") ? Kind.JSONPATH_JSON : Kind.JSONPATH, false,
                        path);
            }
        }
        if (value.equals("jsonpath") || value.equals("jsonpath-as-json")) {
            throw new UsageException("error: template format specified but no template given");
        }
        throw noPrinter(value, formats);
    }

    boolean isDefault() {
        return kind == Kind.TABLE;
    }

    String render(Object doc) {
        return switch (kind) {
            case YAML -> Printers.yaml(doc);
            case JSON -> Printers.json(doc);
            case JSONPATH, JSONPATH_JSON -> {
                try {
                    JsonPathTemplate template = JsonPathTemplate.parse(argument);
                    yield kind == Kind.JSONPATH_JSON ? template.executeAsJson(doc) : template.execute(doc);
                } catch (JsonPathTemplate.TemplateException e) {
                    yield "";
                }
            }
            case GO_TEMPLATE -> {
                try {
                    yield GoTemplate.parse(argument).execute(doc);
                } catch (GoTemplate.TemplateException e) {
                    yield "";
                }
            }
            default -> Printers.json(doc);
        };
    }

    String renderObject(KubeObject o) {
        if (kind == Kind.NAME) {
            return ResourceTypes.prefix(o.kind()) + "/" + o.name() + "\n";
        }
        return render(Printers.encode(o));
    }

    /**
     * A typed object (what {@code kubectl create service|namespace} prints): JSON keeps Go's struct order. An object
     * the client built has no creation time: kubectl 1.33 prints it as {@code creationTimestamp: null}, 1.34 and later
     * leave it out.
     */
    String renderTyped(KubeObject o, boolean keepNamespace, dev.cidrstudio.model.cluster.KubeVersion client) {
        if (kind == Kind.NAME) {
            return ResourceTypes.prefix(o.kind()) + "/" + o.name() + "\n";
        }
        return renderTyped(typedDoc(o, keepNamespace, client));
    }

    /** A typed document already in its struct's order. */
    String renderTyped(java.util.Map<String, Object> doc) {
        if (kind == Kind.NAME) {
            String apiVersion = String.valueOf(doc.get("apiVersion"));
            String group = apiVersion.contains("/") ? "." + apiVersion.substring(0, apiVersion.indexOf('/')) : "";
            return String.valueOf(doc.get("kind")).toLowerCase(java.util.Locale.ROOT) + group + "/"
                    + ((java.util.Map<?, ?>) doc.get("metadata")).get("name") + "\n";
        }
        if (kind == Kind.JSON) {
            return dev.cidrstudio.io.manifest.GoJson.indentInOrder(doc);
        }
        return render(doc);
    }

    /** The object as its Go struct marshals, in the struct's field order. */
    static java.util.Map<String, Object> typedDoc(KubeObject o, boolean keepNamespace,
            dev.cidrstudio.model.cluster.KubeVersion client) {
        java.util.Map<String, Object> doc = Printers.encode(o);
        if (doc.get("metadata") instanceof java.util.Map<?, ?> m) {
            @SuppressWarnings("unchecked")
            java.util.Map<String, Object> meta = (java.util.Map<String, Object>) m;
            if (!keepNamespace) {
                meta.remove("namespace");
            }
            if (client.printsNullCreationTimestamp()) {
                meta.putIfAbsent("creationTimestamp", null);
            } else if (meta.get("creationTimestamp") == null) {
                meta.remove("creationTimestamp");
            }
        }
        return dev.cidrstudio.io.manifest.StructOrder.typed(doc);
    }
}
