package dev.cidrstudio.app.map;

import dev.cidrstudio.model.net.Cidr;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A prefix cut into equal subnets, as a subnet calculator lists them, with the plan's allocations in each. */
public final class PrefixSplit {

    /** The most subnets listed at once. */
    public static final int MAX_SUBNETS = 256;

    /** One subnet: its prefix, first and last address, size and how many of its addresses are allocated. */
    public record Subnet(String cidr, String first, String last, String size, long allocated) {
    }

    private PrefixSplit() {
    }

    /** Why a split into {@code /newPrefix} cannot be listed, or null when it can. */
    public static String refusal(MapSpace space, int newPrefix) {
        Cidr c = space.layout().cidr();
        if (newPrefix <= c.prefixLength()) {
            return "/" + newPrefix + " is not longer than " + c;
        }
        if (newPrefix > c.family().bits()) {
            return "/" + newPrefix + " is longer than an " + c.family() + " address";
        }
        if (newPrefix - c.prefixLength() > 8) {
            return c + " has " + (1L << Math.min(62, newPrefix - c.prefixLength())) + " /" + newPrefix
                    + " subnets; at most " + MAX_SUBNETS + " are listed (choose /" + (c.prefixLength() + 8)
                    + " or shorter)";
        }
        if (!space.layout().complete() && newPrefix < c.family().bits() - 64) {
            return "the map holds the first /64 of " + c + " (the allocator serves no more); split into /"
                    + (c.family().bits() - 64) + " or longer";
        }
        return null;
    }

    public static List<Subnet> split(MapSpace space, int newPrefix) {
        String why = refusal(space, newPrefix);
        if (why != null) {
            throw new IllegalArgumentException(why);
        }
        Cidr c = space.layout().cidr();
        int bits = c.family().bits() - newPrefix;
        List<Subnet> out = new ArrayList<>();
        long count = 1L << (newPrefix - c.prefixLength());
        if (!space.layout().complete()) {
            count = Math.min(count, 1L << (64 - bits));
        }
        long step = bits >= 64 ? 0 : 1L << bits;
        for (long i = 0; i < count && out.size() < MAX_SUBNETS; i++) {
            long from = i * step;
            long to = bits >= 64 ? -1L : from + step - 1;
            String size = bits >= 63 ? "2^" + bits : String.format(Locale.ROOT, "%,d", step);
            out.add(new Subnet(space.address(from) + "/" + newPrefix, space.address(from).toString(),
                    space.address(to).toString(), size, space.countRange(from, to)));
        }
        return out;
    }

    /** The lengths a split can list: one to eight bits longer, within what the map holds. */
    public static List<Integer> choices(MapSpace space) {
        Cidr c = space.layout().cidr();
        List<Integer> out = new ArrayList<>();
        for (int p = c.prefixLength() + 1; p <= Math.min(c.family().bits(), c.prefixLength() + 8); p++) {
            if (refusal(space, p) == null) {
                out.add(p);
            }
        }
        return out;
    }
}
