package io.imdsguard.collect;

/** A requested region that is not among the account's enabled regions (a usage error). */
public class UnknownRegionException extends CollectionFailedException {
    public UnknownRegionException(String message) {
        super(message, null);
    }
}
