package io.imdsguard.inventory;

import java.util.List;

public record InstanceProfile(String arn, String name, List<String> roleArns) {
    public InstanceProfile {
        roleArns = Lists.copy(roleArns);
    }
}
