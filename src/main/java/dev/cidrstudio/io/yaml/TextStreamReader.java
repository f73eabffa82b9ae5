package dev.cidrstudio.io.yaml;

import java.io.StringReader;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.reader.ReaderException;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.scanner.Constant;

/**
 * SnakeYAML's character source over text already in memory. SnakeYAML's own reader refills its window 1024
 * characters at a time and copies the whole window on each refill, so a scalar of n characters costs n²/1024
 * copies (minutes for 50 MB); this one indexes the text directly, so every look-ahead is constant time.
 * Positions are counted as SnakeYAML counts them (code points; a byte order mark takes no column).
 */
final class TextStreamReader extends StreamReader {

    /** Marks carry no snippet: messages are built from their line and column alone. */
    private static final int[] NO_SNIPPET = {0};

    private final String name;
    private final String text;
    /** The code points, only when the text has surrogate pairs (otherwise a char is a code point). */
    private final int[] codePoints;
    private final int length;
    private int pointer;
    private int index;
    private int documentIndex;
    private int line;
    private int column;

    TextStreamReader(String name, String text) {
        super(new StringReader(""));
        this.name = name;
        this.text = text;
        boolean pairs = false;
        for (int i = 0; i < text.length(); i++) {
            if (Character.isSurrogate(text.charAt(i))) {
                pairs = true;
                break;
            }
        }
        this.codePoints = pairs ? text.codePoints().toArray() : null;
        this.length = pairs ? codePoints.length : text.length();
        for (int i = 0; i < length; i++) {
            int c = at(i);
            if (!isPrintable(c)) {
                throw new ReaderException(name, i, c, "special characters are not allowed");
            }
        }
    }

    private int at(int i) {
        return codePoints != null ? codePoints[i] : text.charAt(i);
    }

    @Override
    public Mark getMark() {
        return new Mark(name, index, line, column, NO_SNIPPET, 0);
    }

    @Override
    public void forward() {
        forward(1);
    }

    @Override
    public void forward(int n) {
        for (int i = 0; i < n && pointer < length; i++) {
            int c = at(pointer++);
            index++;
            documentIndex++;
            if (Constant.LINEBR.has(c) || (c == '\r' && pointer < length && at(pointer) != '\n')) {
                line++;
                column = 0;
            } else if (c != 0xFEFF) {
                column++;
            }
        }
    }

    @Override
    public int peek() {
        return peek(0);
    }

    @Override
    public int peek(int ahead) {
        int i = pointer + ahead;
        return i < length ? at(i) : 0;
    }

    @Override
    public String prefix(int n) {
        int end = Math.min(length, pointer + n);
        if (end <= pointer) {
            return "";
        }
        return codePoints != null ? new String(codePoints, pointer, end - pointer) : text.substring(pointer, end);
    }

    @Override
    public String prefixForward(int n) {
        String s = prefix(n);
        pointer += n;
        index += n;
        documentIndex += n;
        column += n;
        return s;
    }

    @Override
    public int getColumn() {
        return column;
    }

    @Override
    public int getDocumentIndex() {
        return documentIndex;
    }

    @Override
    public void resetDocumentIndex() {
        documentIndex = 0;
    }

    @Override
    public int getIndex() {
        return index;
    }

    @Override
    public int getLine() {
        return line;
    }
}
