package io.imdsguard.collect;

import io.imdsguard.inventory.CollectionGap;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Runs the API calls of one service in one account and region, turning each failure into a
 * {@link CollectionGap} so that the rest of the collection goes on. Paginated calls must be drained
 * inside the supplier, so that a page failing half-way is a gap too. Mapping the response belongs
 * inside the supplier as well: a record the mapping cannot handle (a bug, or data AWS sends that we
 * did not expect) then costs that one call's list as an {@code InternalError} gap, not the region.
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
