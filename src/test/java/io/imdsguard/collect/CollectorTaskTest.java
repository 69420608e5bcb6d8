package io.imdsguard.collect;

import io.imdsguard.inventory.CollectionGap;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** How the pool treats a task that dies: never silently, and never at another task's expense. */
class CollectorTaskTest {
    private static final String ACCOUNT = "111122223333";

    @Test
    void aTaskKilledByAnErrorIsAGapAndTheOthersKeepTheirResults() throws Exception {
        Gaps gaps = new Gaps();
        Collector.Task<List<String>> broken = new Collector.Task<>("ec2 eu-west-1", ACCOUNT, "eu-west-1", "ec2", gaps,
                List.of(), () -> {
                    throw new NoClassDefFoundError("software/amazon/awssdk/services/ec2/model/Instance");
                });
        Collector.Task<List<String>> fine = new Collector.Task<>("s3", ACCOUNT, Collector.GLOBAL, "s3", gaps,
                List.of(), () -> List.of("bucket"));

        Collector.run(List.of(broken, fine), 2, CollectProgress.NONE);

        assertThat(gaps.sorted()).containsExactly(new CollectionGap(ACCOUNT, "eu-west-1", "ec2", "*",
                "NoClassDefFoundError: software/amazon/awssdk/services/ec2/model/Instance"));
        assertThat(broken.result()).isEmpty();
        assertThat(fine.result()).containsExactly("bucket");
    }

    @Test
    void aFailingProgressCallbackCostsNoData() throws Exception {
        Gaps gaps = new Gaps();
        Collector.Task<String> task = new Collector.Task<>("iam", ACCOUNT, Collector.GLOBAL, "iam", gaps, "",
                () -> "roles");
        CollectProgress failing = new CollectProgress() {
            @Override
            public void started(int tasks) {
            }

            @Override
            public void finished(String label) {
                throw new IllegalStateException("terminal gone");
            }
        };

        Collector.run(List.of(task), 1, failing);

        assertThat(gaps.sorted()).isEmpty();
        assertThat(task.result()).isEqualTo("roles");
    }
}
