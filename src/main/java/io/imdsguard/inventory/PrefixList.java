package io.imdsguard.inventory;

import java.util.List;

/** A managed prefix list with its entries resolved to CIDRs. */
public record PrefixList(String prefixListId, String name, String addressFamily, List<String> cidrs) {
    public PrefixList {
        cidrs = Lists.copy(cidrs);
    }
}
