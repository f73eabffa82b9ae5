package dev.cidrstudio.model.policy;

import dev.cidrstudio.model.field.GoValue;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * A semantic version as {@code github.com/blang/semver/v4} parses and orders it (the library behind Kubernetes'
 * CEL {@code semver()}), with its error texts; {@link #parseNormalized} is the library's {@code normalize} option.
 */
record KubeSemver(long major, long minor, long patch, List<Object> pre, List<String> build)
        implements Comparable<KubeSemver> {

    static final class SemverException extends Exception {
        private static final long serialVersionUID = 1L;

        SemverException(String message) {
            super(message);
        }
    }

    private static final String NUMBERS = "0123456789";
    private static final String ALPHANUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-" + NUMBERS;
    private static final BigInteger MAX_UINT64 = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private static boolean only(String s, String set) {
        for (int i = 0; i < s.length(); i++) {
            if (set.indexOf(s.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean leadingZero(String s) {
        return s.length() > 1 && s.charAt(0) == '0';
    }

    /** Go's strconv.ParseUint(s, 10, 64) on a string of digits. */
    private static long uint(String s) throws SemverException {
        if (s.isEmpty()) {
            throw new SemverException("strconv.ParseUint: parsing \"\": invalid syntax");
        }
        BigInteger v = new BigInteger(s);
        if (v.compareTo(MAX_UINT64) > 0) {
            throw new SemverException("strconv.ParseUint: parsing " + GoValue.quote(s) + ": value out of range");
        }
        return v.longValue();
    }

    private static long number(String part, String what) throws SemverException {
        if (!only(part, NUMBERS)) {
            throw new SemverException("Invalid character(s) found in " + what.toLowerCase(java.util.Locale.ROOT)
                    + " number " + GoValue.quote(part));
        }
        if (leadingZero(part)) {
            throw new SemverException(what + " number must not contain leading zeroes " + GoValue.quote(part));
        }
        return uint(part);
    }

    /** blang/semver's {@code Parse}. */
    static KubeSemver parse(String s) throws SemverException {
        if (s.isEmpty()) {
            throw new SemverException("Version string empty");
        }
        String[] parts = s.split("\\.", 3);
        if (parts.length != 3) {
            throw new SemverException("No Major.Minor.Patch elements found");
        }
        long major = number(parts[0], "Major");
        long minor = number(parts[1], "Minor");
        String patchStr = parts[2];
        List<String> build = new ArrayList<>();
        List<String> preStrs = new ArrayList<>();
        int plus = patchStr.indexOf('+');
        if (plus >= 0) {
            build.addAll(List.of(patchStr.substring(plus + 1).split("\\.", -1)));
            patchStr = patchStr.substring(0, plus);
        }
        int dash = patchStr.indexOf('-');
        if (dash >= 0) {
            preStrs.addAll(List.of(patchStr.substring(dash + 1).split("\\.", -1)));
            patchStr = patchStr.substring(0, dash);
        }
        long patch = number(patchStr, "Patch");
        List<Object> pre = new ArrayList<>();
        for (String p : preStrs) {
            if (p.isEmpty()) {
                throw new SemverException("Prerelease is empty");
            }
            if (only(p, NUMBERS)) {
                if (leadingZero(p)) {
                    throw new SemverException("Numeric PreRelease version must not contain leading zeroes "
                            + GoValue.quote(p));
                }
                pre.add(uint(p));
            } else if (only(p, ALPHANUM)) {
                pre.add(p);
            } else {
                throw new SemverException("Invalid character(s) found in prerelease " + GoValue.quote(p));
            }
        }
        for (String b : build) {
            if (b.isEmpty()) {
                throw new SemverException("Build meta data is empty");
            }
            if (!only(b, ALPHANUM)) {
                throw new SemverException("Invalid character(s) found in build meta data " + GoValue.quote(b));
            }
        }
        return new KubeSemver(major, minor, patch, List.copyOf(pre), List.copyOf(build));
    }

    /** Kubernetes' {@code normalizeAndParse}: no leading "v", missing minor/patch as 0, no leading zeros. */
    static KubeSemver parseNormalized(String s) throws SemverException {
        String t = s.startsWith("v") ? s.substring(1) : s;
        List<String> parts = new ArrayList<>(List.of(t.split("\\.", 3)));
        if (t.isEmpty()) {
            parts = new ArrayList<>(List.of(""));
        }
        for (int i = 0; i < parts.size(); i++) {
            String p = parts.get(i);
            if (p.length() > 1) {
                p = p.replaceFirst("^0+", "");
                if (p.isEmpty() || NUMBERS.indexOf(p.charAt(0)) < 0) {
                    p = "0" + p;
                }
                parts.set(i, p);
            }
        }
        if (parts.size() < 3) {
            String last = parts.get(parts.size() - 1);
            if (last.contains("+") || last.contains("-")) {
                throw new SemverException("short version cannot contain PreRelease/Build meta data");
            }
            while (parts.size() < 3) {
                parts.add("0");
            }
        }
        return parse(String.join(".", parts));
    }

    @Override
    public int compareTo(KubeSemver o) {
        int c = Long.compareUnsigned(major, o.major);
        if (c == 0) {
            c = Long.compareUnsigned(minor, o.minor);
        }
        if (c == 0) {
            c = Long.compareUnsigned(patch, o.patch);
        }
        if (c != 0) {
            return Integer.signum(c);
        }
        if (pre.isEmpty() && o.pre.isEmpty()) {
            return 0;
        }
        if (pre.isEmpty()) {
            return 1;
        }
        if (o.pre.isEmpty()) {
            return -1;
        }
        int i = 0;
        for (; i < pre.size() && i < o.pre.size(); i++) {
            Object a = pre.get(i);
            Object b = o.pre.get(i);
            int r;
            if (a instanceof Long x && b instanceof Long y) {
                r = Long.compareUnsigned(x, y);
            } else if (a instanceof Long) {
                r = -1;
            } else if (b instanceof Long) {
                r = 1;
            } else {
                r = ((String) a).compareTo((String) b);
            }
            if (r != 0) {
                return Integer.signum(r);
            }
        }
        return i == pre.size() && i == o.pre.size() ? 0 : i == pre.size() ? -1 : 1;
    }

    /** Versions are equal when they compare equal: build metadata does not count, as in blang/semver. */
    @Override
    public boolean equals(Object o) {
        return o instanceof KubeSemver v && compareTo(v) == 0;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(major, minor, patch, pre);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder().append(Long.toUnsignedString(major)).append('.')
                .append(Long.toUnsignedString(minor)).append('.').append(Long.toUnsignedString(patch));
        for (int i = 0; i < pre.size(); i++) {
            sb.append(i == 0 ? '-' : '.').append(pre.get(i) instanceof Long l ? Long.toUnsignedString(l) : pre.get(i));
        }
        for (int i = 0; i < build.size(); i++) {
            sb.append(i == 0 ? '+' : '.').append(build.get(i));
        }
        return sb.toString();
    }
}
