package io.imdsguard.testing;

import java.util.List;
import java.util.Set;

/** Maps an S3 REST request (method, path shape, sub-resource) to the S3 API operation name. */
final class S3OperationNames {

    /** Bucket sub-resources whose operation is named Get/Put/Delete + Bucket + the sub-resource. */
    private static final List<String[]> BUCKET_SUBRESOURCES = List.of(
            new String[] {"policyStatus", "PolicyStatus"},
            new String[] {"policy", "Policy"},
            new String[] {"acl", "Acl"},
            new String[] {"location", "Location"},
            new String[] {"publicAccessBlock", "PublicAccessBlock"},
            new String[] {"ownershipControls", "OwnershipControls"},
            new String[] {"tagging", "Tagging"},
            new String[] {"versioning", "Versioning"},
            new String[] {"encryption", "Encryption"},
            new String[] {"logging", "Logging"},
            new String[] {"website", "Website"},
            new String[] {"cors", "Cors"},
            new String[] {"lifecycle", "LifecycleConfiguration"},
            new String[] {"notification", "NotificationConfiguration"},
            new String[] {"replication", "Replication"});

    private S3OperationNames() {}

    static String of(String method, String path, Set<String> query) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        boolean root = trimmed.isEmpty();
        boolean object = trimmed.indexOf('/') > 0 && trimmed.indexOf('/') < trimmed.length() - 1;
        String verb = switch (method) {
            case "GET" -> "Get";
            case "PUT" -> "Put";
            case "DELETE" -> "Delete";
            case "HEAD" -> "Head";
            default -> method.charAt(0) + method.substring(1).toLowerCase();
        };
        if (root) {
            return "GET".equals(method) ? "ListBuckets" : verb + "Service";
        }
        if (object) {
            if (query.contains("tagging")) {
                return verb + "ObjectTagging";
            }
            if (query.contains("acl")) {
                return verb + "ObjectAcl";
            }
            return verb + "Object";
        }
        if ("POST".equals(method) && query.contains("delete")) {
            return "DeleteObjects";
        }
        for (String[] sub : BUCKET_SUBRESOURCES) {
            if (query.contains(sub[0])) {
                return verb + "Bucket" + sub[1];
            }
        }
        return switch (method) {
            case "GET" -> query.contains("list-type") ? "ListObjectsV2"
                    : query.contains("versions") ? "ListObjectVersions" : "ListObjects";
            case "PUT" -> "CreateBucket";
            case "DELETE" -> "DeleteBucket";
            case "HEAD" -> "HeadBucket";
            default -> verb + "Bucket";
        };
    }
}
