package io.imdsguard.collect;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Account ids and role names as IAM has them; the external id never shows in a printed selection. */
class AccountSelectionTest {
    @Test
    void idsAreSortedAndCheckedRoleNamesFollowIam() {
        AccountSelection s = new AccountSelection(List.of("222222222222", " 011111111111"), false, "path/Scan", null);
        assertThat(s.accounts()).containsExactly("011111111111", "222222222222");
        assertThat(s.roleArn("011111111111")).isEqualTo("arn:aws:iam::011111111111:role/path/Scan");
        assertThatThrownBy(() -> new AccountSelection(List.of("1111111111111"), false, "R", null))
                .hasMessage("not an AWS account id (12 digits): '1111111111111'");
        assertThat(AccountSelection.validRoleName("a".repeat(64))).isTrue();
        assertThat(AccountSelection.validRoleName("a".repeat(65))).isFalse();
        assertThat(AccountSelection.validRoleName("bad name")).isFalse();
    }

    @Test
    void theExternalIdIsNotPrinted() {
        AccountSelection s = new AccountSelection(List.of("222222222222"), false, "Scan", "s3cr3t-id");
        assertThat(s.externalId()).isEqualTo("s3cr3t-id");
        assertThat(s.toString()).doesNotContain("s3cr3t-id").contains("externalId=(set)").contains("222222222222");
    }
}
