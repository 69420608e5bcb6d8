package io.imdsguard.report;

import io.imdsguard.findings.Finding;
import io.imdsguard.findings.evidence.InstanceEvidence;
import io.imdsguard.findings.evidence.PathEvidence;
import io.imdsguard.findings.evidence.S3ReadEvidence;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The attack path of one instance finding as a left-to-right graph: the internet, each way in (an internet
 * gateway, or a load balancer and its listener), the security groups that admit the traffic, the instance,
 * its role and the buckets the role can read. Read from the evidence only, so a recorded report draws the
 * same picture. Columns with nothing known are left out; an instance that nothing reaches and that has no
 * role has no picture.
 */
final class AttackPath {
    /** The kinds of node, in column order; each is also the node's CSS class. */
    enum Kind {
        INTERNET("internet"), ENTRY("entry"), GROUP("security group"), INSTANCE("instance"), ROLE("role"),
        BUCKET("bucket");

        final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    /**
     * A node before layout: its column, what it is ({@code caption}, e.g. "internet gateway"), its text, and its
     * full text for the tooltip (also its identity within the column).
     */
    record Node(Kind kind, String caption, String label, String detail, String full) {
    }

    /** An edge between two nodes, by their identity in the graph. */
    record Edge(String from, String to) {
    }

    /** Nodes by identity, per column, in the order they were found. */
    private final Map<Kind, Map<String, Node>> columns = new LinkedHashMap<>();
    private final Set<Edge> edges = new LinkedHashSet<>();

    private AttackPath() {
        for (Kind k : Kind.values()) {
            columns.put(k, new LinkedHashMap<>());
        }
    }

    /** The graph behind a finding, empty when the finding is not about an instance or there is nothing to draw. */
    static Optional<AttackPath> of(Finding f) {
        if (!(f.evidence() instanceof InstanceEvidence e)) {
            return Optional.empty();
        }
        if (e.exposurePaths().isEmpty() && e.roleArn() == null) {
            return Optional.empty();
        }
        AttackPath graph = new AttackPath();
        String name = f.resource().name();
        String instance = graph.add(Kind.INSTANCE, f.resource().id(), name == null ? "" : name,
                f.resource().id() + (name == null ? "" : " (" + name + ")"));
        if (!e.exposurePaths().isEmpty()) {
            String internet = graph.add(Kind.INTERNET, "Internet", admitted(e.exposurePaths().get(0)), "the internet");
            for (PathEvidence p : e.exposurePaths()) {
                graph.addPath(p, internet, instance);
            }
        }
        if (e.roleArn() != null) {
            String role = graph.add(Kind.ROLE, afterSlash(e.roleArn()), readDecision(e.s3Read()), e.roleArn());
            graph.edges.add(new Edge(instance, role));
            for (String bucket : buckets(e.s3Read())) {
                graph.edges.add(new Edge(role, graph.add(Kind.BUCKET, "*".equals(bucket) ? "every bucket" : bucket,
                        "s3:GetObject + ListBucket", "arn:aws:s3:::" + bucket)));
            }
        }
        return Optional.of(graph);
    }

    /** The graph's nodes, column by column. */
    Map<Kind, List<Node>> columns() {
        Map<Kind, List<Node>> out = new LinkedHashMap<>();
        columns.forEach((k, nodes) -> {
            if (!nodes.isEmpty()) {
                out.put(k, List.copyOf(nodes.values()));
            }
        });
        return out;
    }

    /** Each node's identity, as the edges name it. */
    static String id(Node n) {
        return n.kind() + "|" + n.full();
    }

    Set<Edge> edges() {
        return edges;
    }

    private String add(Kind kind, String label, String detail, String full) {
        return add(kind, kind.label, label, detail, full);
    }

    private String add(Kind kind, String caption, String label, String detail, String full) {
        Node n = new Node(kind, caption, label, detail, full);
        columns.get(kind).putIfAbsent(full, n);
        return id(columns.get(kind).get(full));
    }

    /**
     * One exposure path: its way in (the gateway of its route, or its load balancer and listener) and the
     * security groups that admit the traffic to the instance (on a load-balancer path those after the
     * listener; the load balancer's own group is in its node's tooltip), linked internet to instance.
     */
    private void addPath(PathEvidence p, String internet, String instance) {
        List<String> steps = p.steps();
        int listener = -1;
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).startsWith("listener ")) {
                listener = i;
            }
        }
        String entry = listener >= 0 ? loadBalancer(p, steps.get(listener)) : gateway(p);
        edges.add(new Edge(internet, entry));
        List<String> groups = new ArrayList<>();
        for (String step : steps.subList(listener + 1, steps.size())) {
            if (step.startsWith("sg ")) {
                String[] words = step.split(" ", 3);
                groups.add(add(Kind.GROUP, words.length > 1 ? words[1] : step, words.length > 2 ? words[2] : "", step));
            }
        }
        if (groups.isEmpty()) {
            edges.add(new Edge(entry, instance));
        }
        for (String g : groups) {
            edges.add(new Edge(entry, g));
            edges.add(new Edge(g, instance));
        }
    }

    /** {@code listener ARN (HTTPS:443) of application load balancer NAME}, as the reachability analyzer words it. */
    private String loadBalancer(PathEvidence p, String step) {
        int open = step.indexOf(" (");
        int close = step.indexOf(") of ", open);
        String label = open > 0 && close > open ? step.substring(open + 2, close) : p.protocol() + "/" + p.ports();
        int named = step.lastIndexOf(" load balancer ");
        String name = named > 0 ? step.substring(named + 15) : p.loadBalancerArn();
        String lbSteps = String.join(" → ", p.steps().subList(0, p.steps().indexOf(step) + 1));
        return add(Kind.ENTRY, "load balancer", name, "listener " + label, lbSteps);
    }

    private String gateway(PathEvidence p) {
        for (String step : p.steps()) {
            int arrow = step.indexOf(" -> ");
            if (step.startsWith("route ") && arrow > 0) {
                String gateway = step.substring(arrow + 4).trim();
                String[] words = step.split(" ");
                return add(Kind.ENTRY, gatewayKind(gateway), gateway, "route " + (words.length > 2 ? words[2] : ""),
                        step);
            }
        }
        return add(Kind.ENTRY, "way in", p.kind(), p.protocol() + (p.ports() == null ? "" : "/" + p.ports()),
                p.summary());
    }

    /** "3.7 billion public IPv4" out of the path's summary ({@code reachable from ... addresses on ...}). */
    private static String admitted(PathEvidence p) {
        String summary = p.summary() == null ? "" : p.summary();
        int from = summary.indexOf("reachable from ");
        int to = summary.indexOf(" addresses", from);
        return from >= 0 && to > from ? summary.substring(from + 15, to) : "";
    }

    private static String gatewayKind(String gateway) {
        if (gateway.startsWith("igw-")) {
            return "internet gateway";
        }
        return gateway.startsWith("eigw-") ? "egress-only gateway" : "gateway";
    }

    private static String readDecision(S3ReadEvidence s3) {
        if (s3 == null) {
            return "S3 access unknown";
        }
        return switch (s3.decision()) {
            case "ALLOWED" -> "can read S3";
            case "CONDITIONAL" -> "can read S3 (conditionally)";
            default -> "cannot read S3";
        };
    }

    /** The buckets both grants name (a pattern stays a pattern, {@code *} is every bucket), when the role can read. */
    private static List<String> buckets(S3ReadEvidence s3) {
        if (s3 == null || s3.denied()) {
            return List.of();
        }
        Set<String> out = new LinkedHashSet<>();
        for (S3ReadEvidence.GrantEvidence g : new S3ReadEvidence.GrantEvidence[] {s3.listBucket(), s3.getObject()}) {
            if (g != null && g.resource() != null) {
                String r = g.resource().startsWith("arn:aws:s3:::") ? g.resource().substring(13) : g.resource();
                int slash = r.indexOf('/');
                out.add(slash < 0 ? r : r.substring(0, slash));
            }
        }
        return List.copyOf(out);
    }

    private static String afterSlash(String arn) {
        return arn.substring(arn.lastIndexOf('/') + 1);
    }
}
