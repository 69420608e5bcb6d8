package io.imdsguard.enforce.instances;

import io.imdsguard.collect.ErrorText;
import io.imdsguard.enforce.MetadataSettings;
import software.amazon.awssdk.core.exception.SdkException;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Waits until changed instances report MetadataOptions.State {@code applied}: one DescribeInstances per
 * region a round for all that are still pending, with a back-off from 1s doubling to 15s, until the
 * timeout. A failed read is tried again next round; only the timeout ends the wait.
 */
public final class AppliedWait {
    private static final Duration FIRST = Duration.ofSeconds(1);
    private static final Duration LONGEST = Duration.ofSeconds(15);

    private final InstanceDescriber describer;
    private final Duration timeout;

    public AppliedWait(InstanceDescriber describer, Duration timeout) {
        this.describer = describer;
        this.timeout = timeout;
    }

    /**
     * What the wait saw last for one instance: its state (null if never read) and, if reading failed, why.
     *
     * @param missing a read that answered did not list it
     */
    public record Seen(InstanceState state, String readError, boolean missing) {
        public boolean applied() {
            return state != null && !MetadataSettings.PENDING.equals(state.settings().state());
        }

        /**
         * Gone for sure: not listed, or terminated. A read that failed until the timeout says nothing of the
         * sort; the call was taken, so the change must stay one a rollback undoes.
         */
        public boolean vanished() {
            return missing || state != null && state.gone();
        }
    }

    /** {@code ids} of {@code region}, each with what was last read: applied, or still pending at the timeout. */
    public Map<String, Seen> await(String region, Set<String> ids) throws InterruptedException {
        Map<String, Seen> seen = new HashMap<>();
        Set<String> pending = new LinkedHashSet<>(ids);
        long deadline = System.nanoTime() + timeout.toNanos();
        Duration pause = FIRST;
        while (!pending.isEmpty()) {
            try {
                Map<String, InstanceState> read = describer.byIds(region, pending);
                for (String id : Set.copyOf(pending)) {
                    Seen s = new Seen(read.get(id), null, !read.containsKey(id));
                    seen.put(id, s);
                    if (s.applied() || s.vanished()) {
                        pending.remove(id);
                    }
                }
            } catch (SdkException e) {
                for (String id : pending) {
                    Seen before = seen.get(id);
                    seen.put(id, new Seen(before == null ? null : before.state(), ErrorText.of(e), false));
                }
            }
            long left = deadline - System.nanoTime();
            if (pending.isEmpty() || left <= 0) {
                break;
            }
            Thread.sleep(Math.min(pause.toMillis(), Math.max(1, left / 1_000_000)));
            pause = pause.multipliedBy(2).compareTo(LONGEST) > 0 ? LONGEST : pause.multipliedBy(2);
        }
        return seen;
    }
}
