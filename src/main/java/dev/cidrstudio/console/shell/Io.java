package dev.cidrstudio.console.shell;

/** A command's standard input, output and error. */
public record Io(Input in, Sink out, Sink err) {

    /** Where a stream's text goes. */
    @FunctionalInterface
    public interface Sink {
        void write(String text) throws ShellError;
    }

    /** A sink that drops everything: {@code /dev/null}. */
    public static final Sink DISCARD = text -> {
    };

    /**
     * Standard input as one text read from the front: {@code read} takes a line, a filter takes the rest, so a
     * {@code while read} loop sees each line once.
     */
    public static final class Input {
        private final String text;
        private int position;

        public Input(String text) {
            this.text = text;
        }

        public static Input empty() {
            return new Input("");
        }

        /** The next line without its newline, or null at the end. */
        String readLine() {
            if (position >= text.length()) {
                return null;
            }
            int nl = text.indexOf('\n', position);
            String line = nl < 0 ? text.substring(position) : text.substring(position, nl);
            position = nl < 0 ? text.length() : nl + 1;
            return line;
        }

        /** Whether the last line read ended without a newline (the end of the input). */
        boolean endedWithoutNewline() {
            return position == text.length() && (text.isEmpty() || text.charAt(text.length() - 1) != '\n');
        }

        /** Takes all that is left. */
        public String readAll() {
            String rest = text.substring(position);
            position = text.length();
            return rest;
        }

        /** What is left, without taking it: a command that may or may not read its input. */
        public String peekAll() {
            return text.substring(position);
        }
    }

    /**
     * Writes a result in the order kubectl writes it, which shows when both streams go to one place ({@code 2>&1}):
     * warnings ({@code Warning: ...} and klog lines) are written while the request runs, so before the output; the
     * errors a command returns are printed when it ends, after what it printed for the objects that worked.
     */
    public int emit(ExecResult r) throws ShellError {
        String stderr = r.stderr();
        int split = leadingWarnings(stderr);
        if (split > 0) {
            err.write(stderr.substring(0, split));
        }
        if (!r.stdout().isEmpty()) {
            out.write(r.stdout());
        }
        if (split < stderr.length()) {
            err.write(stderr.substring(split));
        }
        return r.exitCode();
    }

    private static final java.util.regex.Pattern KLOG_LINE = java.util.regex.Pattern.compile(
            "[IWEF]\\d{4} \\d{2}:\\d{2}:\\d{2}\\.\\d{6} +\\d+ .*");

    /** How many characters of {@code stderr} are warning lines written before the output. */
    static int leadingWarnings(String stderr) {
        int at = 0;
        while (at < stderr.length()) {
            int end = stderr.indexOf('\n', at);
            String line = stderr.substring(at, end < 0 ? stderr.length() : end);
            if (!line.startsWith("Warning: ") && !KLOG_LINE.matcher(line).matches()) {
                break;
            }
            at = end < 0 ? stderr.length() : end + 1;
        }
        return at;
    }
}
