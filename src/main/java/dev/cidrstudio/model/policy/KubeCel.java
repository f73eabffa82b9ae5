package dev.cidrstudio.model.policy;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.CelType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.OpaqueType;
import dev.cel.common.types.SimpleType;
import dev.cel.common.types.TypeType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CEL as kube-apiserver configures it for admission policies: homogeneous literals, cross-type numeric comparisons,
 * optional syntax, the standard macros, the strings/sets/lists/optional/comprehension extensions, and Kubernetes'
 * {@code ip} and {@code cidr} libraries on the opaque types {@code net.IP} and {@code net.CIDR}.
 */
public final class KubeCel {

    static final OpaqueType IP_T = KubeIpCidrLibrary.IP_T;
    static final OpaqueType CIDR_T = KubeIpCidrLibrary.CIDR_T;

    /** The outcome of one expression: a value, a runtime error, or a compile error (cel-go's text). */
    public record Outcome(Object value, String error, String compileError) {
        public boolean ok() {
            return error == null && compileError == null;
        }
    }

    private final CelCompiler compiler;
    private final CelRuntime runtime;
    private final CelOptions options;
    private final boolean withParams;
    private final Map<CelType, CelCompiler> typedCompilers;
    private final Map<String, Compiled> cache;
    /** The Kubernetes minor version whose CEL libraries this view offers ({@link CelLibraryVersions}). */
    private final int libraryMinor;

    /** @param containsCidrBefore1324 the {@code containsCIDR} rule of Kubernetes 1.30.x-1.32.3 */
    public KubeCel(boolean containsCidrBefore1324) {
        this(containsCidrBefore1324, true);
    }

    /**
     * The admission environment of every modelled release (1.33 and later: the fixed containsCIDR, params
     * declared), built once and shared: building a CEL environment costs far more than using one.
     */
    public static KubeCel shared() {
        return WithParams.CEL;
    }

    /** The same without {@code params}, for policies that declare no paramKind. */
    public static KubeCel sharedWithoutParams() {
        return WithoutParams.CEL;
    }

    /** Holders, so each environment is built on first use, once, and the two can be built in parallel. */
    private static final class WithParams {
        static final KubeCel CEL = new KubeCel(false, true);
    }

    private static final class WithoutParams {
        static final KubeCel CEL = new KubeCel(false, false);
    }

    /**
     * Builds the shared environments and compiles a first expression on a background thread, so the cost of
     * loading CEL overlaps the window's own start-up instead of following it.
     */
    public static void warmUpInBackground() {
        // The environment admission uses is warmed here; the one policy validation uses is built by whoever
        // loads the first plan, at the same time.
        Thread t = new Thread(() -> shared().evaluate(
                "[1].all(x, x > 0) && cidr('10.0.0.0/8').containsIP('10.1.2.3')", Map.of()), "cel-warm-up");
        t.setDaemon(true);
        t.start();
    }

    /**
     * @param containsCidrBefore1324 the {@code containsCIDR} rule of Kubernetes 1.30.x-1.32.3
     * @param withParams whether {@code params} is declared (only for policies with a paramKind)
     */
    public KubeCel(boolean containsCidrBefore1324, boolean withParams) {
        CelOptions opts = CelOptions.current().enableHomogeneousLiterals(true)
                .enableHeterogeneousNumericComparisons(true).enableOptionalSyntax(true).build();
        this.options = opts;
        this.withParams = withParams;
        this.typedCompilers = new HashMap<>();
        this.cache = newCache();
        this.libraryMinor = CelLibraryVersions.ALL;
        compiler = compilerFor(SimpleType.DYN, null);
        runtime = CelRuntimeFactory.standardCelRuntimeBuilder().setOptions(opts)
                .setStandardEnvironmentEnabled(false)
                .setStandardFunctions(dev.cel.runtime.CelStandardFunctions.newBuilder().excludeFunctions(
                        dev.cel.runtime.CelStandardFunctions.StandardFunction.EQUALS,
                        dev.cel.runtime.CelStandardFunctions.StandardFunction.NOT_EQUALS).build())
                .addLibraries(CelExtensions.strings(), CelExtensions.sets(opts), CelExtensions.lists(),
                        CelExtensions.optional(), CelExtensions.comprehensions())
                .addFunctionBindings(KubeIpCidrLibrary.bindings(containsCidrBefore1324))
                .addFunctionBindings(KubeListsLibrary.bindings())
                .addFunctionBindings(MeteredLibraryFunctions.bindings())
                .addFunctionBindings(KubeRegexLibrary.bindings())
                .addFunctionBindings(KubeStringFormat.bindings())
                .addFunctionBindings(KubeExtraLibraries.bindings())
                .addFunctionBindings(KubeAuthz.bindings())
                .addFunctionBindings(KubeIpCidrLibrary.equalityBindings(opts)).build();
    }

    /** The same environment, programs and cache, offering only the libraries of another Kubernetes minor. */
    private KubeCel(KubeCel base, int libraryMinor) {
        this.compiler = base.compiler;
        this.runtime = base.runtime;
        this.options = base.options;
        this.withParams = base.withParams;
        this.typedCompilers = base.typedCompilers;
        this.cache = base.cache;
        this.libraryMinor = libraryMinor;
    }

    /**
     * This environment as kube-apiserver 1.{@code minor} has it: a library that release does not have is an
     * undeclared reference. Admission uses the release's own libraries for stored expressions; new or changed
     * expressions get those of the release before it ({@link CelLibraryVersions#forNewExpressions}).
     */
    public KubeCel at(int minor) {
        return minor == libraryMinor ? this : new KubeCel(this, minor);
    }

    /** The admission environment with {@code object} and {@code oldObject} of the given type. */
    private CelCompiler compilerFor(CelType objectType, dev.cel.common.types.CelTypeProvider types) {
        var cb = CelCompilerFactory.standardCelCompilerBuilder().setOptions(options)
                .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
                .addLibraries(CelExtensions.strings(), CelExtensions.sets(options), CelExtensions.lists(),
                        CelExtensions.optional(), CelExtensions.comprehensions())
                .addFunctionDeclarations(KubeIpCidrLibrary.declarations())
                .addFunctionDeclarations(KubeListsLibrary.declarations())
                .addFunctionDeclarations(KubeRegexLibrary.declarations())
                .addFunctionDeclarations(KubeStringFormat.declarations())
                .addFunctionDeclarations(KubeExtraLibraries.declarations())
                .addFunctionDeclarations(KubeAuthz.declarations());
        if (types != null) {
            cb.setTypeProvider(types);
        }
        for (String v : List.of("object", "oldObject", "request", "params", "namespaceObject")) {
            if (withParams || !"params".equals(v)) {
                cb.addVar(v, "object".equals(v) || "oldObject".equals(v) ? objectType : SimpleType.DYN);
            }
        }
        cb.addVar("variables", MapType.create(SimpleType.STRING, SimpleType.DYN));
        cb.addVar("authorizer", KubeAuthz.AUTHORIZER_T);
        cb.addVar("authorizer.requestResource", KubeAuthz.RESOURCE_T);
        cb.addVar("net.IP", TypeType.create(IP_T));
        cb.addVar("net.CIDR", TypeType.create(CIDR_T));
        return cb.build();
    }

    /**
     * Type-checks an expression with {@code object} and {@code oldObject} typed by a kind's schema, as
     * kube-apiserver's type-checking controller does; cel-go's issues text, or null when it checks.
     */
    public String typeCheck(String expression, KindSchemas.Schema schema) {
        CelCompiler typed;
        synchronized (typedCompilers) {
            typed = typedCompilers.computeIfAbsent(schema.type(), t -> compilerFor(t, schema.provider()));
        }
        CelValidationResult r = typed.compile(expression);
        return r.hasError() ? syntaxErrors(selectPositions(r.getErrorString().replaceAll(
                " \\(candidates: [^\n]*\\)", ""))) : null;
    }

    private static final Pattern ANTLR_ISSUE = Pattern.compile("(ERROR: <input>:\\d+:\\d+: )(no viable alternative"
            + "|mismatched input|extraneous input|token recognition error|missing )");

    /** cel-go reports the grammar's (ANTLR's) errors as {@code Syntax error: ...}; cel-java leaves the prefix out. */
    static String syntaxErrors(String issues) {
        return ANTLR_ISSUE.matcher(issues).replaceAll("$1Syntax error: $2");
    }

    private static final Pattern UNDEFINED_FIELD = Pattern.compile(
            "ERROR: <input>:(\\d+):(\\d+): undefined field '([^']*)'\n( \\| [^\n]*)\n \\| (\\.*)\\^");

    /**
     * cel-java places a field selection at its dot, cel-go at the field's first character: an "undefined field"
     * issue is moved one column right, caret included.
     */
    static String selectPositions(String issues) {
        Matcher m = UNDEFINED_FIELD.matcher(issues);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement("ERROR: <input>:" + m.group(1) + ":"
                    + (Integer.parseInt(m.group(2)) + 1) + ": undefined field '" + m.group(3) + "'\n" + m.group(4)
                    + "\n | " + m.group(5) + ".^"));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /** Kubernetes' per-expression runtime cost limit ({@code PerCallLimit}). */
    public static final long PER_CALL_LIMIT = 1_000_000L;
    /** The runtime cost budget of one policy binding's validations ({@code RuntimeCELCostBudget}). */
    public static final long RUNTIME_BUDGET = 10_000_000L;
    /** cel-go's text when an expression goes over its cost limit. */
    public static final String COST_EXCEEDED = "operation cancelled: actual cost limit exceeded";

    private static final int CACHE_SIZE = 512;

    /**
     * A compiled expression: the program and its result type, or cel-go's compile error text; and the calls it
     * makes to libraries some releases lack.
     */
    private record Compiled(CelRuntime.Program program, CelType resultType, String error,
            List<CelLibraryVersions.Use> versioned, String authorizerError) {

        /** The compile error on a release with the given libraries, or null. */
        String errorAt(int minor) {
            return error != null ? error : CelLibraryVersions.errors(versioned, minor);
        }
    }

    private static Map<String, Compiled> newCache() {
        return new java.util.LinkedHashMap<>(64, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Compiled> eldest) {
                return size() > CACHE_SIZE;
            }
        };
    }

    private Compiled compiled(String expression) {
        synchronized (cache) {
            Compiled c = cache.get(expression);
            if (c != null) {
                return c;
            }
        }
        Compiled c;
        CelValidationResult r = compiler.compile(expression);
        if (r.hasError()) {
            // cel-java lists the candidate overloads; cel-go (kube-apiserver) does not.
            c = new Compiled(null, null, syntaxErrors(r.getErrorString().replaceAll(" \\(candidates: [^\n]*\\)",
                    "")), List.of(), null);
        } else {
            try {
                CelAbstractSyntaxTree ast = r.getAst();
                String formatIssues = StringFormatCheck.check(ast);
                c = formatIssues != null ? new Compiled(null, null, formatIssues, List.of(), null)
                        : new Compiled(runtime.createProgram(ast), ast.getResultType(), null,
                                CelLibraryVersions.uses(ast), authorizerReferences(ast));
            } catch (CelEvaluationException | dev.cel.common.CelValidationException e) {
                c = new Compiled(null, null, e.getMessage(), List.of(), null);
            }
        }
        synchronized (cache) {
            cache.put(expression, c);
        }
        return c;
    }

    /**
     * cel-go's compile error for an expression that uses {@code authorizer} where it is not declared (a
     * messageExpression), or null when it does not use it (or does not compile for another reason).
     */
    public String authorizerError(String expression) {
        return compiled(expression).authorizerError();
    }

    private static String authorizerReferences(CelAbstractSyntaxTree ast) {
        List<Integer> offsets = new ArrayList<>();
        ast.getReferenceMap().forEach((id, ref) -> {
            int offset = ast.getSource().getPositionsMap().getOrDefault(id, 0);
            if ("authorizer".equals(ref.name())) {
                offsets.add(offset);
            } else if ("authorizer.requestResource".equals(ref.name())) {
                // A qualified name sits at its dot; cel-go reports the undeclared root at its first character.
                offsets.add(Math.max(0, offset - "authorizer".length()));
            }
        });
        if (offsets.isEmpty()) {
            return null;
        }
        offsets.sort(null);
        StringBuilder sb = new StringBuilder();
        for (int offset : offsets) {
            var loc = ast.getSource().getOffsetLocation(offset).orElse(dev.cel.common.CelSourceLocation.of(1, 0));
            if (sb.length() > 0) {
                sb.append('\n');
            }
            sb.append("ERROR: <input>:").append(loc.getLine()).append(':').append(loc.getColumn() + 1)
                    .append(": undeclared reference to 'authorizer' (in container '')\n | ")
                    .append(ast.getSource().getSnippet(loc.getLine()).orElse("")).append("\n | ")
                    .append(".".repeat(loc.getColumn())).append('^');
        }
        return sb.toString();
    }

    /** The compile error of an expression in cel-go's text, or null when it compiles. */
    public String compileError(String expression) {
        return compiled(expression).errorAt(libraryMinor);
    }

    /** The type cel-go would give the expression's result ("bool", "dyn", "list(int)", ...), or null. */
    public String resultType(String expression) {
        Compiled c = compiled(expression);
        return c.resultType() == null || c.errorAt(libraryMinor) != null ? null : typeName(c.resultType());
    }

    static String typeName(CelType t) {
        if (t instanceof dev.cel.common.types.ListType l) {
            return "list(" + typeName(l.elemType()) + ")";
        }
        if (t instanceof MapType m) {
            return "map(" + typeName(m.keyType()) + ", " + typeName(m.valueType()) + ")";
        }
        if (t instanceof dev.cel.common.types.OptionalType o) {
            return "optional_type(" + typeName(o.parameters().get(0)) + ")";
        }
        return t.name();
    }

    /** Compiles (once per expression) and runs one expression within the per-expression cost limit. */
    public Outcome evaluate(String expression, Map<String, Object> variables) {
        return evaluate(expression, variables, PER_CALL_LIMIT).outcome();
    }

    /** An outcome and the cost the evaluation used. */
    public record Costed(Outcome outcome, long cost) {
    }

    /**
     * Runs one expression, stopping with cel-go's {@code actual cost limit exceeded} once its cost passes
     * {@code limit}. The cost is one per evaluated step plus one per ten characters or elements a step produces,
     * close to cel-go's tracker for the expressions policies hold; functions whose result size their arguments
     * choose charge it before building it ({@link EvaluationCost}).
     */
    public Costed evaluate(String expression, Map<String, Object> variables, long limit) {
        Compiled c = compiled(expression);
        String error = c.errorAt(libraryMinor);
        if (error != null) {
            return new Costed(new Outcome(null, null, error), 0);
        }
        Map<String, Object> in = new HashMap<>();
        for (String v : List.of("object", "oldObject", "request", "params", "namespaceObject")) {
            in.put(v, dev.cel.common.values.NullValue.NULL_VALUE);
        }
        in.put("variables", Map.of());
        in.put("authorizer", KubeAuthz.REQUESTER);
        in.put("authorizer.requestResource", KubeAuthz.requestResource("", "unknown", "", "", ""));
        in.putAll(variables);
        in.put("net.IP", TypeType.create(IP_T));
        in.put("net.CIDR", TypeType.create(CIDR_T));
        EvaluationCost cost = EvaluationCost.start(limit);
        try {
            Object value = c.program().trace(in, (expr, result) -> cost.charge(1 + sizeCost(result)));
            if (cost.exceeded()) {
                return new Costed(new Outcome(null, COST_EXCEEDED, null), cost.used());
            }
            return new Costed(new Outcome(value, null, null), cost.used());
        } catch (EvaluationCost.Exceeded e) {
            return new Costed(new Outcome(null, COST_EXCEEDED, null), cost.used());
        } catch (CelEvaluationException e) {
            if (cost.exceeded() || hasCause(e, EvaluationCost.Exceeded.class)) {
                return new Costed(new Outcome(null, COST_EXCEEDED, null), cost.used());
            }
            return new Costed(new Outcome(null, message(e), null), cost.used());
        } catch (RuntimeException e) {
            if (cost.exceeded() || hasCause(e, EvaluationCost.Exceeded.class)) {
                return new Costed(new Outcome(null, COST_EXCEEDED, null), cost.used());
            }
            // A library failing in a way cel-go would not is still only this expression's error, never the
            // planner's: the policy's failurePolicy decides, as for any runtime error.
            System.getLogger(KubeCel.class.getName()).log(System.Logger.Level.DEBUG,
                    "a CEL library failed unexpectedly", e);
            return new Costed(new Outcome(null, e.getMessage() == null ? e.getClass().getSimpleName()
                    : e.getMessage(), null), cost.used());
        } finally {
            cost.close();
        }
    }

    private static long sizeCost(Object v) {
        if (v instanceof String s) {
            return s.length() / 10;
        }
        if (v instanceof java.util.Collection<?> l) {
            return l.size() / 10;
        }
        if (v instanceof Map<?, ?> m) {
            return m.size() / 10;
        }
        return 0;
    }

    private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
        for (Throwable x = t; x != null; x = x.getCause()) {
            if (type.isInstance(x)) {
                return true;
            }
        }
        return false;
    }

    private static final Pattern MISSING_KEY = Pattern.compile(
            "key '(.*)' is not present in map\\.?");

    /** The Go-style text of a runtime error: the binding's own message without cel-java's wrapping. */
    static String message(CelEvaluationException e) {
        Throwable t = e;
        while (t.getCause() instanceof CelEvaluationException c) {
            t = c;
        }
        String m = t.getMessage() == null ? "" : t.getMessage();
        int colon = m.indexOf("evaluation error");
        if (colon >= 0 && t.getCause() != null && t.getCause().getMessage() != null) {
            m = t.getCause().getMessage();
        }
        m = m.replaceFirst("^evaluation error(?: at [^:]*)?: ", "");
        // cel-java's text for a missing map key or field; cel-go (kube-apiserver) says "no such key: K".
        Matcher missing = MISSING_KEY.matcher(m);
        return missing.matches() ? "no such key: " + missing.group(1) : m;
    }
}
