package io.imdsguard.inventory;

public record Bucket(String name, String region) {
    public String arn() {
        return "arn:aws:s3:::" + name;
    }
}
