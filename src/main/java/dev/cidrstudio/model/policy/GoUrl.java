package dev.cidrstudio.model.policy;

import dev.cidrstudio.model.field.GoValue;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A URL as Go's {@code net/url} parses it ({@code ParseRequestURI} to check, then {@code Parse}), with the accessors
 * Kubernetes' CEL URL library exposes and Go's error texts ({@code parse "x": invalid URI for request}).
 */
record GoUrl(String scheme, String opaque, String host, String path, String rawPath, String rawQuery,
        String fragment) {

    /** A parse failure; the message is Go's {@code url.Error} text. */
    static final class UrlException extends Exception {
        private static final long serialVersionUID = 1L;

        UrlException(String raw, String detail) {
            super("parse " + GoValue.quote(raw) + ": " + detail);
        }
    }

    private static final class Bad extends Exception {
        private static final long serialVersionUID = 1L;

        Bad(String message) {
            super(message, null, false, false);
        }
    }

    private enum Mode { PATH, HOST, USER, QUERY, FRAGMENT }

    /** {@code url.ParseRequestURI}: an absolute URI or an absolute path, no fragment split. */
    static GoUrl parseRequestUri(String raw) throws UrlException {
        try {
            return parse(raw, true, null);
        } catch (Bad e) {
            throw new UrlException(raw, e.getMessage());
        }
    }

    /** {@code url.Parse}: the fragment is split off first. */
    static GoUrl parse(String raw) throws UrlException {
        int hash = raw.indexOf('#');
        String u = hash < 0 ? raw : raw.substring(0, hash);
        try {
            String frag = hash < 0 ? "" : unescape(raw.substring(hash + 1), Mode.FRAGMENT);
            return parse(u, false, frag);
        } catch (Bad e) {
            throw new UrlException(raw, e.getMessage());
        }
    }

    private static GoUrl parse(String raw, boolean viaRequest, String fragment) throws Bad {
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw new Bad("net/url: invalid control character in URL");
            }
        }
        if (raw.isEmpty() && viaRequest) {
            throw new Bad("empty url");
        }
        String frag = fragment == null ? "" : fragment;
        if (raw.equals("*")) {
            return new GoUrl("", "", "", "*", "", "", frag);
        }
        String scheme = "";
        String rest = raw;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
                continue;
            }
            if (c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.') {
                if (i == 0) {
                    break;
                }
                continue;
            }
            if (c == ':') {
                if (i == 0) {
                    throw new Bad("missing protocol scheme");
                }
                scheme = raw.substring(0, i).toLowerCase(Locale.ROOT);
                rest = raw.substring(i + 1);
            }
            break;
        }
        String rawQuery = "";
        if (rest.endsWith("?") && rest.indexOf('?') == rest.length() - 1) {
            rest = rest.substring(0, rest.length() - 1);
        } else {
            int q = rest.indexOf('?');
            if (q >= 0) {
                rawQuery = rest.substring(q + 1);
                rest = rest.substring(0, q);
            }
        }
        if (!rest.startsWith("/")) {
            if (!scheme.isEmpty()) {
                return new GoUrl(scheme, rest, "", "", "", rawQuery, frag);
            }
            if (viaRequest) {
                throw new Bad("invalid URI for request");
            }
            int slash = rest.indexOf('/');
            String segment = slash < 0 ? rest : rest.substring(0, slash);
            if (segment.contains(":")) {
                throw new Bad("first path segment in URL cannot contain colon");
            }
        }
        String host = "";
        if ((!scheme.isEmpty() || !viaRequest && !rest.startsWith("///")) && rest.startsWith("//")) {
            String authority = rest.substring(2);
            rest = "";
            int slash = authority.indexOf('/');
            if (slash >= 0) {
                rest = authority.substring(slash);
                authority = authority.substring(0, slash);
            }
            host = authority(authority);
        }
        String path = unescape(rest, Mode.PATH);
        String rawPath = escape(path, Mode.PATH).equals(rest) ? "" : rest;
        return new GoUrl(scheme, "", host, path, rawPath, rawQuery, frag);
    }

    private static String authority(String authority) throws Bad {
        int at = authority.lastIndexOf('@');
        String host = parseHost(at < 0 ? authority : authority.substring(at + 1));
        if (at >= 0) {
            String userinfo = authority.substring(0, at);
            for (int i = 0; i < userinfo.length(); i++) {
                char c = userinfo.charAt(i);
                boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                        || "-._:~!$&'()*+,;=%@".indexOf(c) >= 0;
                if (!ok) {
                    throw new Bad("net/url: invalid userinfo");
                }
            }
            int colon = userinfo.indexOf(':');
            unescape(colon < 0 ? userinfo : userinfo.substring(0, colon), Mode.USER);
            if (colon >= 0) {
                unescape(userinfo.substring(colon + 1), Mode.USER);
            }
        }
        return host;
    }

    private static String parseHost(String host) throws Bad {
        if (host.startsWith("[")) {
            int close = host.lastIndexOf(']');
            if (close < 0) {
                throw new Bad("missing ']' in host");
            }
            String colonPort = host.substring(close + 1);
            if (!validOptionalPort(colonPort)) {
                throw new Bad("invalid port " + GoValue.quote(colonPort) + " after host");
            }
        } else {
            int colon = host.lastIndexOf(':');
            if (colon >= 0) {
                String colonPort = host.substring(colon);
                if (!validOptionalPort(colonPort)) {
                    throw new Bad("invalid port " + GoValue.quote(colonPort) + " after host");
                }
            }
        }
        return unescape(host, Mode.HOST);
    }

    private static boolean validOptionalPort(String port) {
        if (port.isEmpty()) {
            return true;
        }
        if (port.charAt(0) != ':') {
            return false;
        }
        for (int i = 1; i < port.length(); i++) {
            if (port.charAt(i) < '0' || port.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean isHex(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }

    private static String unescape(String s, Mode mode) throws Bad {
        byte[] in = s.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < in.length;) {
            int b = in[i] & 0xff;
            if (b == '%') {
                if (i + 2 >= in.length || !isHex((char) in[i + 1]) || !isHex((char) in[i + 2])) {
                    String bad = new String(in, i, Math.min(3, in.length - i), StandardCharsets.UTF_8);
                    throw new Bad("invalid URL escape " + GoValue.quote(bad));
                }
                if (mode == Mode.HOST && Character.digit(in[i + 1], 16) < 8
                        && !new String(in, i, 3, StandardCharsets.UTF_8).equals("%25")) {
                    throw new Bad("invalid URL escape " + GoValue.quote(new String(in, i, 3, StandardCharsets.UTF_8)));
                }
                i += 3;
            } else {
                if (mode == Mode.HOST && b < 0x80 && shouldEscape((char) b, mode)) {
                    throw new Bad("invalid character " + GoValue.quote(String.valueOf((char) b)) + " in host name");
                }
                i++;
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
        for (int i = 0; i < in.length; i++) {
            if (in[i] == '%') {
                out.write(Character.digit(in[i + 1], 16) << 4 | Character.digit(in[i + 2], 16));
                i += 2;
            } else if (in[i] == '+' && mode == Mode.QUERY) {
                out.write(' ');
            } else {
                out.write(in[i]);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static boolean shouldEscape(char c, Mode mode) {
        if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
            return false;
        }
        if (mode == Mode.HOST && "!$&'()*+,;=:[]<>\"".indexOf(c) >= 0) {
            return false;
        }
        if ("-_.~".indexOf(c) >= 0) {
            return false;
        }
        if ("$&+,/:;=?@".indexOf(c) >= 0) {
            return switch (mode) {
                case PATH -> c == '?';
                case USER -> c == '@' || c == '/' || c == '?' || c == ':';
                case QUERY -> true;
                case FRAGMENT -> false;
                default -> true;
            };
        }
        if (mode == Mode.FRAGMENT && "!()*".indexOf(c) >= 0) {
            return false;
        }
        return true;
    }

    private static String escape(String s, Mode mode) {
        StringBuilder sb = new StringBuilder();
        for (byte x : s.getBytes(StandardCharsets.UTF_8)) {
            int b = x & 0xff;
            if (b < 0x80 && !shouldEscape((char) b, mode)) {
                sb.append((char) b);
            } else if (b == ' ' && mode == Mode.QUERY) {
                sb.append('+');
            } else {
                sb.append('%').append("0123456789ABCDEF".charAt(b >> 4)).append("0123456789ABCDEF".charAt(b & 15));
            }
        }
        return sb.toString();
    }

    private static boolean validEncoded(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ("!$&'()*+,;=:@[]%".indexOf(c) >= 0) {
                continue;
            }
            if (c >= 0x80 || shouldEscape(c, Mode.PATH)) {
                return false;
            }
        }
        return true;
    }

    /** The URL written out again (Go's {@code URL.String()} for the parts CEL sees). */
    String toUrlString() {
        StringBuilder sb = new StringBuilder();
        if (!scheme.isEmpty()) {
            sb.append(scheme).append(':');
        }
        if (!opaque.isEmpty()) {
            sb.append(opaque);
        } else {
            if (!host.isEmpty()) {
                sb.append("//").append(host);
            }
            sb.append(escapedPath());
        }
        if (!rawQuery.isEmpty()) {
            sb.append('?').append(rawQuery);
        }
        if (!fragment.isEmpty()) {
            sb.append('#').append(escape(fragment, Mode.FRAGMENT));
        }
        return sb.toString();
    }

    /** {@code URL.Hostname()}: the host without port and brackets. */
    String hostname() {
        return splitHostPort()[0];
    }

    /** {@code URL.Port()}: the port, or "". */
    String port() {
        return splitHostPort()[1];
    }

    private String[] splitHostPort() {
        String h = host;
        String p = "";
        int colon = h.lastIndexOf(':');
        if (colon >= 0 && validOptionalPort(h.substring(colon))) {
            p = h.substring(colon + 1);
            h = h.substring(0, colon);
        }
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return new String[] {h, p};
    }

    /** {@code URL.EscapedPath()}. */
    String escapedPath() {
        if (!rawPath.isEmpty() && validEncoded(rawPath)) {
            try {
                if (unescape(rawPath, Mode.PATH).equals(path)) {
                    return rawPath;
                }
            } catch (Bad e) {
                // fall through to escaping the path
            }
        }
        if (path.equals("*")) {
            return "*";
        }
        return escape(path, Mode.PATH);
    }

    /** {@code URL.Query()}: pairs that do not decode (or hold a ';') are dropped, as Go does. */
    Map<String, List<String>> query() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String pair : rawQuery.split("&", -1)) {
            if (pair.contains(";") || pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            try {
                String k = unescape(eq < 0 ? pair : pair.substring(0, eq), Mode.QUERY);
                String v = eq < 0 ? "" : unescape(pair.substring(eq + 1), Mode.QUERY);
                out.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
            } catch (Bad e) {
                // skipped, as url.ParseQuery does
            }
        }
        return out;
    }
}
