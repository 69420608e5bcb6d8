package io.imdsguard.collect;

import io.imdsguard.inventory.CollectionGap;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs the API calls of one service in one account and region, turning each failure into a
 * {@link CollectionGap} so that the rest of the collection goes on. Paginated calls must be drained
 * inside the supplier, so that a page failing half-way is a gap too. Listings are mapped record by
 * record ({@link #list}, {@link #mapEach}): a record the mapping cannot handle (a bug, or data AWS
 * sends that we did not expect) costs that one record, as an {@code InternalError} gap naming it,
 * and the rest of the list is kept.
 */
final class AwsCalls {
    private final String account;
    private final String region;
    private final String service;
    private final Gaps gaps;

    AwsCalls(String account, String region, String service, Gaps gaps) {
        this.account = account;
        this.region = region;
        this.service = service;
        this.gaps = gaps;
    }

    String region() {
        return region;
    }

    /** The call's result, or empty after recording a gap. */
    <T> Optional<T> call(String operation, Supplier<T> call) {
        try {
            return Optional.ofNullable(call.get());
        } catch (SdkException e) {
            return gap(operation, ErrorText.of(e));
        } catch (RuntimeException e) {
            return gap(operation, internal(e));
        }
    }

    /**
     * A listing, each record mapped on its own. If the call fails the list is empty (and a gap says why).
     *
     * @param kind what one record is, for the gap ("load balancer")
     * @param id   the record's identifier, for the gap (an ARN or id)
     */
    <R, T> List<T> list(String operation, String kind, Supplier<List<R>> call, Function<R, String> id,
                        Function<R, T> mapping) {
        return mapEach(operation, kind, call(operation, call).orElse(List.of()), id, mapping);
    }

    /**
     * Maps records one by one; one that fails to map, or has no identifier, is left out with a gap
     * under {@code operation} naming it. A null mapping means "nothing to keep" and is dropped silently.
     */
    <R, T> List<T> mapEach(String operation, String kind, Collection<R> records, Function<R, String> id,
                           Function<R, T> mapping) {
        List<T> out = new ArrayList<>(records.size());
        for (R record : records) {
            String name = idOf(record, id);
            try {
                if (name == null) {
                    // Every record is reported and sorted by its id; one without is unusable, and must say so.
                    throw new IllegalArgumentException("the record has no identifier");
                }
                T mapped = mapping.apply(record);
                if (mapped != null) {
                    out.add(mapped);
                }
            } catch (RuntimeException e) {
                gap(operation, "InternalError: cannot read " + kind + (name == null ? "" : " " + name) + ": "
                        + ErrorText.of(e));
            }
        }
        return out;
    }

    private static <R> String idOf(R record, Function<R, String> id) {
        try {
            return record == null ? null : id.apply(record);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * A call about one resource listed moments before. If that resource has gone meanwhile
     * (deleted mid-run: a "...NotFound"/"NoSuch..." error) it is skipped without a gap, since
     * nothing that exists was missed; any other failure is a gap.
     */
    <T> Optional<T> callIfExists(String operation, Supplier<T> call) {
        try {
            return Optional.ofNullable(call.get());
        } catch (AwsServiceException e) {
            return vanished(e) ? Optional.empty() : gap(operation, ErrorText.of(e));
        } catch (SdkException e) {
            return gap(operation, ErrorText.of(e));
        } catch (RuntimeException e) {
            return gap(operation, internal(e));
        }
    }

    /**
     * Like {@link #call}, for a call about one named resource: a failure's gap starts with
     * {@code subject} ("bucket logs: AccessDenied: ..."), so a reader knows which resource is unknown.
     */
    <T> Optional<T> callAbout(String operation, String subject, Supplier<T> call) {
        try {
            return Optional.ofNullable(call.get());
        } catch (SdkException e) {
            return gap(operation, subject + ": " + ErrorText.of(e));
        } catch (RuntimeException e) {
            return gap(operation, subject + ": " + internal(e));
        }
    }

    private <T> Optional<T> gap(String operation, String error) {
        gaps.add(new CollectionGap(account, region, service, operation, error));
        return Optional.empty();
    }

    /** Our own failure, not AWS's: the prefix tells a reader that no permission or retry will fix it. */
    static String internal(RuntimeException e) {
        return "InternalError: " + ErrorText.of(e);
    }

    private static boolean vanished(AwsServiceException e) {
        String code = e.awsErrorDetails() == null || e.awsErrorDetails().errorCode() == null
                ? "" : e.awsErrorDetails().errorCode().toLowerCase(Locale.ROOT);
        return code.contains("notfound") || code.startsWith("nosuch") || code.contains("nonexistent");
    }
}
