package io.imdsguard.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** S3 REST request shapes and the operation names the journal gives them. */
class S3OperationNamesTest {

    @ParameterizedTest(name = "{0} {1} ?{2} -> {3}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        "GET    | /                  | -                   | ListBuckets",
        "PUT    | /bucket            | -                   | CreateBucket",
        "HEAD   | /bucket            | -                   | HeadBucket",
        "DELETE | /bucket            | -                   | DeleteBucket",
        "GET    | /bucket            | -                   | ListObjects",
        "GET    | /bucket            | list-type           | ListObjectsV2",
        "GET    | /bucket/           | location            | GetBucketLocation",
        "GET    | /bucket            | policy              | GetBucketPolicy",
        "GET    | /bucket            | policyStatus        | GetBucketPolicyStatus",
        "PUT    | /bucket            | policy              | PutBucketPolicy",
        "DELETE | /bucket            | publicAccessBlock   | DeleteBucketPublicAccessBlock",
        "GET    | /bucket            | acl                 | GetBucketAcl",
        "POST   | /bucket            | delete              | DeleteObjects",
        "GET    | /bucket/key.txt    | -                   | GetObject",
        "PUT    | /bucket/a/b/c.txt  | -                   | PutObject",
        "HEAD   | /bucket/key        | -                   | HeadObject",
        "GET    | /bucket/key        | tagging             | GetObjectTagging",
    })
    void namesTheOperation(String method, String path, String query, String expected) {
        Set<String> params = query == null ? Set.of()
                : Arrays.stream(query.split(",")).collect(Collectors.toSet());
        assertThat(S3OperationNames.of(method, path, params)).isEqualTo(expected);
    }
}
