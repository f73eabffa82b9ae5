package dev.cidrstudio.console.kubectl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Command-line flags parsed the way kubectl's pflag does: {@code --name=value}, {@code --name value},
 * {@code -n value}, {@code -nvalue}, {@code -o=json}, booleans with optional {@code =true/false}, {@code --}
 * ending flags, and flags anywhere among the arguments. Errors carry pflag's wording.
 */
public final class KubectlFlags {

    /** The namespace a command works in when no {@code -n} says otherwise. */
    static final String DEFAULT_NAMESPACE = "default";

    enum Type { BOOL, STRING, STRINGS, INT, DURATION }

    /** {@code noOptDefault}: the value a flag takes when it is given without one (pflag's NoOptDefVal). */
    record Flag(String name, String shorthand, Type type, String defaultValue, String noOptDefault) {
    }

    /** A flag error, worded as pflag words it, and the command path cobra names in its usage hint. */
    public static final class FlagException extends Exception {
        private static final long serialVersionUID = 1L;
        private final String command;

        FlagException(String message) {
            this(message, null);
        }

        FlagException(String message, String command) {
            super(message);
            this.command = command;
        }

        /** The command whose flags refused this ("create service clusterip"), or null when not known. */
        public String command() {
            return command;
        }
    }

    /**
     * {@code argsLenAtDash}: how many arguments came before {@code --}, or -1 without one (cobra's
     * {@code ArgsLenAtDash}).
     */
    record Parsed(List<String> args, Map<String, List<String>> values, int argsLenAtDash) {
        String string(String name, String def) {
            List<String> v = values.get(name);
            return v == null || v.isEmpty() ? def : v.get(v.size() - 1);
        }

        boolean bool(String name, boolean def) {
            String v = string(name, null);
            return v == null ? def : Boolean.parseBoolean(v);
        }

        boolean has(String name) {
            return values.containsKey(name);
        }

        List<String> strings(String name) {
            List<String> out = new ArrayList<>();
            for (String v : values.getOrDefault(name, List.of())) {
                for (String part : v.split(",")) {
                    if (!part.isEmpty()) {
                        out.add(part);
                    }
                }
            }
            return out;
        }

        List<String> raw(String name) {
            return values.getOrDefault(name, List.of());
        }

        /** The {@code -n/--namespace} flag, or the default namespace. */
        String namespace() {
            return string("namespace", DEFAULT_NAMESPACE);
        }
    }

    /** The flags every resource command has: {@code -n/--namespace}. */
    static KubectlFlags common() {
        return new KubectlFlags().add("namespace", "n", Type.STRING, null);
    }

    private final Map<String, Flag> byName = new LinkedHashMap<>();
    private final Map<String, Flag> byShort = new LinkedHashMap<>();
    private final String command;

    KubectlFlags() {
        this(null);
    }

    /** The flags of {@code command} (its path after "kubectl"), named in the usage hint of a flag error. */
    KubectlFlags(String command) {
        this.command = command;
    }

    KubectlFlags add(String name, String shorthand, Type type, String def) {
        return add(name, shorthand, type, def, type == Type.BOOL ? "true" : null);
    }

    /** A flag that may be given without a value, and then takes {@code noOptDefault}. */
    KubectlFlags add(String name, String shorthand, Type type, String def, String noOptDefault) {
        Flag f = new Flag(name, shorthand, type, def, noOptDefault);
        byName.put(name, f);
        if (shorthand != null) {
            byShort.put(shorthand, f);
        }
        return this;
    }

    /**
     * The arguments that are not flags, as cobra's {@code stripFlags} finds them to pick a subcommand: a flag given
     * as {@code --name value} or {@code -x value} takes the next word unless it needs no value.
     */
    List<String> positionals(List<String> argv) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < argv.size(); i++) {
            String a = argv.get(i);
            if (a.equals("--")) {
                break;
            }
            if (a.startsWith("--") && !a.contains("=")) {
                Flag f = byName.get(a.substring(2));
                if (f == null || f.noOptDefault() == null) {
                    i++;
                }
            } else if (a.startsWith("-") && a.length() == 2) {
                Flag f = byShort.get(a.substring(1));
                if (f == null || f.noOptDefault() == null) {
                    i++;
                }
            } else if (!a.startsWith("-") || a.length() == 1) {
                out.add(a);
            }
        }
        return out;
    }

    Parsed parse(List<String> argv) throws FlagException {
        try {
            return parseFlags(argv);
        } catch (FlagException e) {
            throw e.command() == null && command != null ? new FlagException(e.getMessage(), command) : e;
        }
    }

    private Parsed parseFlags(List<String> argv) throws FlagException {
        List<String> args = new ArrayList<>();
        Map<String, List<String>> values = new LinkedHashMap<>();
        int argsLenAtDash = -1;
        for (int i = 0; i < argv.size(); i++) {
            String a = argv.get(i);
            if (a.equals("--")) {
                argsLenAtDash = args.size();
                args.addAll(argv.subList(i + 1, argv.size()));
                break;
            }
            if (a.startsWith("--") && a.length() > 2) {
                String body = a.substring(2);
                String name = body;
                String value = null;
                int eq = body.indexOf('=');
                if (eq >= 0) {
                    name = body.substring(0, eq);
                    value = body.substring(eq + 1);
                }
                Flag f = byName.get(name);
                if (f == null) {
                    throw new FlagException("unknown flag: --" + name);
                }
                if (value == null) {
                    if (f.noOptDefault() != null) {
                        value = f.noOptDefault();
                    } else if (i + 1 < argv.size()) {
                        value = argv.get(++i);
                    } else {
                        throw new FlagException("flag needs an argument: --" + name);
                    }
                }
                put(values, f, value, "--" + name);
            } else if (a.startsWith("-") && a.length() > 1) {
                String body = a.substring(1);
                for (int j = 0; j < body.length(); j++) {
                    String s = body.substring(j, j + 1);
                    Flag f = byShort.get(s);
                    if (f == null) {
                        throw new FlagException("unknown shorthand flag: '" + s + "' in " + a);
                    }
                    if (f.noOptDefault() != null) {
                        if (j + 1 < body.length() && body.charAt(j + 1) == '=') {
                            put(values, f, body.substring(j + 2), "-" + s);
                            break;
                        }
                        put(values, f, f.noOptDefault(), "-" + s);
                        continue;
                    }
                    String rest = body.substring(j + 1);
                    String value;
                    if (rest.startsWith("=")) {
                        value = rest.substring(1);
                    } else if (!rest.isEmpty()) {
                        value = rest;
                    } else if (i + 1 < argv.size()) {
                        value = argv.get(++i);
                    } else {
                        throw new FlagException("flag needs an argument: '" + s + "' in -" + s);
                    }
                    put(values, f, value, "-" + s);
                    break;
                }
            } else {
                args.add(a);
            }
        }
        return new Parsed(args, values, argsLenAtDash);
    }

    private static void put(Map<String, List<String>> values, Flag f, String value, String given)
            throws FlagException {
        // pflag's Set names a flag with its shorthand too, however it was written
        String as = f.shorthand() != null && !f.shorthand().isEmpty() ? "-" + f.shorthand() + ", --" + f.name()
                : "--" + f.name();
        if (f.type() == Type.BOOL && !value.matches("true|false|1|0|t|f|TRUE|FALSE|True|False|T|F")) {
            throw new FlagException("invalid argument \"" + value + "\" for \"" + as + "\" flag: strconv.ParseBool: "
                    + "parsing \"" + value + "\": invalid syntax");
        }
        if (f.type() == Type.INT && !value.matches("-?[0-9]+")) {
            throw new FlagException("invalid argument \"" + value + "\" for \"" + as + "\" flag: strconv.ParseInt: "
                    + "parsing \"" + value + "\": invalid syntax");
        }
        if (f.type() == Type.DURATION) {
            try {
                GoDuration.parse(value);
            } catch (IllegalArgumentException e) {
                throw new FlagException("invalid argument \"" + value + "\" for \"" + as + "\" flag: "
                        + e.getMessage());
            }
        }
        String normalized = f.type() == Type.BOOL ? Boolean.toString(value.matches("true|1|t|TRUE|True|T")) : value;
        values.computeIfAbsent(f.name(), k -> new ArrayList<>()).add(normalized);
    }
}
