package io.imdsguard.collect;

import io.imdsguard.aws.ApiCallCounter;
import io.imdsguard.aws.AwsClients;
import io.imdsguard.aws.AwsSettings;
import io.imdsguard.testing.AwsEmulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which regions a run covers, decided from DescribeRegions' opt-in status. */
class RegionSelectionTest {
    @RegisterExtension
    static final AwsEmulator AWS = new AwsEmulator();

    static AwsClients clients;
    static AccountContext context;

    @BeforeAll
    static void clients() {
        clients = new AwsClients(new AwsSettings("eu-west-1", AWS.endpoint(), null), new ApiCallCounter(),
                AWS.credentials());
        context = new AccountContext(clients);
    }

    @AfterAll
    static void close() {
        clients.close();
    }

    @Test
    void allMeansEveryEnabledRegionSorted() throws Exception {
        List<String> regions = context.regions(new CollectRequest(List.of("all")));
        assertThat(regions).contains("us-east-1", "eu-west-1").isSorted()
                // moto reports ap-east-1 as not-opted-in.
                .doesNotContain("ap-east-1");
        assertThat(context.regions(CollectRequest.ALL_REGIONS)).isEqualTo(regions);
    }

    @Test
    void requestedRegionsAreCheckedAndSorted() throws Exception {
        assertThat(context.regions(new CollectRequest(List.of("us-west-2", "EU-WEST-1")))).containsExactly("eu-west-1", "us-west-2");
        assertThatThrownBy(() -> context.regions(new CollectRequest(List.of("ap-east-1"))))
                .isInstanceOf(UnknownRegionException.class)
                .hasMessageStartingWith("region 'ap-east-1' is not enabled in this account (enabled: ");
        assertThatThrownBy(() -> context.regions(new CollectRequest(List.of("mars-north-1"))))
                .hasMessageStartingWith("unknown region 'mars-north-1' (enabled: ");
    }

    @Test
    void accountIdComesFromSts() throws Exception {
        assertThat(context.accountId()).isEqualTo(AwsEmulator.ACCOUNT_ID);
        assertThat(clients.counter().byOperation()).containsKey("Sts:GetCallerIdentity");
    }
}
